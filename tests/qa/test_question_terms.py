"""A question's words as the index reads them: the sides it compares by name."""

from __future__ import annotations

from kg.qa.question_terms import between_sides, compared_sides


def test_question_terms_the_sides_a_question_names_between_two_things() -> None:
    assert between_sides("¿Qué diferencia hay entre pip freeze y pip list?") == [
        "pip freeze",
        "pip list",
    ]
    assert between_sides("What is the difference?") == []


def test_question_terms_a_comparison_names_its_sides_with_vs_or_between() -> None:
    assert compared_sides("Trials vs SparkTrials") == ["Trials", "SparkTrials"]
    assert compared_sides("difference between pip freeze and pip list") == [
        "pip freeze",
        "pip list",
    ]
    assert compared_sides("What is pip freeze?") == []
