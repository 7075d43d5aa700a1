"""The usage handler: what a concept is used for, its key points and comparison aspects."""

from __future__ import annotations

from pathlib import Path

from tests.qa.notes import ask_notes, labels

NOTES = (
    "# Tools\n\n**Hyperopt** is useful for **hyperparameter tuning**.\n\n"
    "| Aspect | Hyperopt | Optuna |\n|---|---|---|\n| Speed | Fast | Slow |\n"
)


def test_usage_lists_uses_and_each_side_of_a_comparison(tmp_path: Path) -> None:
    hyperopt, optuna = ask_notes(
        tmp_path, NOTES, "When should I use Hyperopt?", "When should I use Optuna?"
    )
    assert hyperopt.intent == optuna.intent == "usage"
    assert hyperopt.answer.splitlines() == [
        "When to use **Hyperopt**, according to your notes:",
        "- **hyperparameter tuning** (notes.md:3)",  # the file by its short name
        "- Speed: Fast",
    ]
    assert labels(hyperopt) == ["hyperparameter tuning"]
    assert hyperopt.items[0].relation == "usedFor"
    # its side of the comparison, not the other's
    assert optuna.answer.splitlines()[1:] == ["- Speed: Slow"]
