"""Ranking features on single statements, both languages."""

from __future__ import annotations

import pytest

from kg.qa.features import text_score
from kg.qa.model import LinkedConcept


def concept(label: str) -> LinkedConcept:
    return LinkedConcept(f"https://kg.invalid/concept/{label}", label, "term", 1.0)


@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("The Metric Trap", 'The "Metric Trap" is a result of training for accuracy.'),
        ("Metric Trap", "The metric trap is what happens when accuracy hides a class."),
        ("Feature Store", "La **Feature Store** es un repositorio central de features."),
        ("gc_after_trial", "`gc_after_trial`: runs the garbage collector after each trial."),
    ],
)
def test_features_a_defining_sentence_despite_articles_quotes_and_emphasis(
    label: str, text: str
) -> None:
    assert text_score("definition", text, "sentence", [concept(label)]) == 1.0


@pytest.mark.parametrize(
    ("label", "text"),
    [
        ("Metric Trap", "Avoid the metric trap by choosing recall."),  # mentions, not defines
        ("Feature Store", "Con la Feature Store puedes reutilizar features."),
        ("gc_after_trial", "gc after trial frees memory."),  # not the identifier
    ],
)
def test_features_a_mention_is_not_a_definition(label: str, text: str) -> None:
    assert text_score("definition", text, "sentence", [concept(label)]) == 0.0
