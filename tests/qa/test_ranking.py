"""Ranking sections for a question by the words of their titles."""

from __future__ import annotations

from pathlib import Path

from kg.qa.ranking import Section, SectionRanker
from kg.qa.words import words
from tests.qa.notes import ask_notes


def section(title: str, start: int, end: int = 0, source: str = "n.md") -> Section:
    return Section(f"s{source}{start}", title, source, start, end or start, frozenset(words(title)))


def test_ranking_most_shared_words_first_then_share_then_document_order() -> None:
    ranker = SectionRanker(
        [
            section("Spark trials on clusters", 2),
            section("Tuning with Hyperopt and Spark trials", 30),
            section("Hyperopt", 20),
            section("Spark trials", 10),
            section("Hyperopt", 5, source="a.md"),
            section("Unrelated", 1),
        ]
    )
    ranked = ranker.rank("How do I use Hyperopt with Spark trials?", "en")
    assert [(m.overlap, m.share, m.section.title, m.section.source) for m in ranked] == [
        (4, 4 / 5, "Tuning with Hyperopt and Spark trials", "n.md"),  # "and" does not count
        (2, 1.0, "Spark trials", "n.md"),
        (2, 2 / 4, "Spark trials on clusters", "n.md"),
        (1, 1.0, "Hyperopt", "a.md"),  # same overlap and share: document order
        (1, 1.0, "Hyperopt", "n.md"),
    ]


def test_ranking_inside_and_titled_sections() -> None:
    top, sub, other = section("Data", 1, 10), section("Remove outliers", 4, 8), section("X", 12)
    ranker = SectionRanker([other, sub, top])
    assert ranker.inside(top) == [top, sub]
    assert ranker.titled(["outliers", "Remove"]) == [sub]
    assert ranker.titled([]) == []


def test_ranking_a_question_word_counts_once_whatever_its_senses(tmp_path: Path) -> None:
    (answer,) = ask_notes(
        tmp_path,
        "# MLflow\n\n## Register a model using the client in the registry\n\n```python\n"
        "client = MlflowClient()\nclient.create_registered_model('m')\n```\n\n"
        "## Experiments\n\n```python\nimport mlflow\nmlflow.set_experiment('/e')\n```\n",
        "¿Cómo registro un experimento?",
    )
    # "registro" is both "registry" and "I register": one word of the question, not two
    assert "Experiments" in answer.answer.splitlines()[0]
    assert "set_experiment" in answer.answer and "create_registered_model" not in answer.answer
