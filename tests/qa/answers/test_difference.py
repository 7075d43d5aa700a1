"""The difference handler: comparison tables, wider names, and facts side by side."""

from __future__ import annotations

from pathlib import Path

from kg.qa import QAEngine
from tests.qa.notes import ask_notes


def test_difference_is_a_side_by_side_table(engine: QAEngine) -> None:
    answer = engine.ask("Diferencia entre promover código y promover modelos")
    assert answer.found and answer.intent == "difference"
    assert "| Promover modelos | Promover código |" in answer.answer.replace(
        "| Promover código | Promover modelos |", "| Promover modelos | Promover código |"
    )
    assert "Usa datos más recientes" in answer.answer


def test_difference_row_comparisons_show_both_values(tmp_path: Path) -> None:
    (answer,) = ask_notes(
        tmp_path,
        "# Metrics\n\n| Métrica | Rango | Cuándo usarla |\n|---|---|---|\n"
        "| Precision | 0 a 1 | Pocos falsos positivos |\n| Recall | 0 a 1 | Pocos falsos negativos |\n",
        "Precision vs Recall",
    )
    # equal values are part of the answer in a table of aspects, not a shared note
    assert "| Rango | 0 a 1 | 0 a 1 | 5 |" in answer.answer
    assert (
        "| Cuándo usarla | Pocos falsos positivos | Pocos falsos negativos | 5 |" in answer.answer
    )


def test_difference_between_names_the_notes_write_longer(engine: QAEngine) -> None:
    answer = engine.ask("¿En qué se diferencian el registry de workspace y el de Unity Catalog?")
    assert (
        answer.found and "| MLflow Registry (workspace) | Unity Catalog Registry |" in answer.answer
    )
    assert "global" in answer.answer


def test_difference_of_concepts_never_compared_puts_their_facts_side_by_side(
    tmp_path: Path,
) -> None:
    (answer,) = ask_notes(
        tmp_path,
        "# Tools\n\nThe **IQR filter** requires **Spark ML**.\n\n"
        "The **Pandas API** requires **Spark SQL**.\n",
        "IQR filter vs Pandas API",
    )
    assert answer.found and answer.intent == "difference"
    lines = answer.answer.splitlines()
    assert "| | IQR filter | Pandas API |" in lines
    assert "| Requires | Spark ML | Spark SQL |" in lines
    # neither side has a definition: no empty row says so
    assert not [line for line in lines if line.startswith("| Definition")]
    assert [(i.label, i.relation) for i in answer.items] == [
        ("IQR filter", "differsFrom"),
        ("Pandas API", "differsFrom"),
    ]


PRE_TOKENIZERS = """\
# Pre-tokenizers

## Whitespace

Splits on word boundaries with a regular expression.

## Split on characters

| Name | Description |
|---|---|
| WhitespaceSplit | Splits on any whitespace character |
| CharDelimiterSplit | Splits on a given character |
"""


def test_difference_two_named_concepts_are_not_answered_with_another_pair(
    tmp_path: Path,
) -> None:
    asked, one = ask_notes(
        tmp_path,
        PRE_TOKENIZERS,
        "Whitespace vs WhitespaceSplit",
        "WhitespaceSplit vs CharDelimiterSplit",
    )
    # the notes compare WhitespaceSplit with CharDelimiterSplit, which was not asked
    assert "CharDelimiterSplit" not in asked.answer
    assert one.found and "Splits on a given character" in one.answer
