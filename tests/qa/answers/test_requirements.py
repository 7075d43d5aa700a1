"""The prerequisites and dependents handlers."""

from __future__ import annotations

from pathlib import Path

from kg.qa import QAEngine
from tests.qa.notes import ask_notes, labels


def test_requirements_prerequisites_cite_the_table_row(engine: QAEngine) -> None:
    answer = engine.ask("¿Qué requiere score_batch?")
    assert answer.found and answer.language == "es" and answer.intent == "prerequisites"
    assert "fs.log_model" in labels(answer)
    item = next(i for i in answer.items if i.label == "fs.log_model")
    lines = {(e.line, e.text) for e in item.evidence}
    assert any(line == 467 and "fs.log_model(...)" in text for line, text in lines)
    assert "AutoML" not in answer.answer


def test_requirements_of_a_wider_name_answer_for_a_short_one(tmp_path: Path) -> None:
    (answer,) = ask_notes(
        tmp_path,
        "# Modelos\n\n| Concepto | Descripción |\n|---|---|\n| Alias | Nombre simbólico |\n\n"
        "Solo en **Unity Catalog** puedes usar **alias en modelos**.\n",
        "¿Qué necesito antes de usar alias?",
    )
    # "Alias" itself requires nothing; the name that holds it does, and the answer says which
    assert answer.found and labels(answer) == ["Unity Catalog"]
    assert "alias en modelos" in answer.answer.lower()


def test_requirements_dependents_are_what_requires_the_concept(tmp_path: Path) -> None:
    (answer,) = ask_notes(
        tmp_path,
        "# Tools\n\nThe **IQR filter** requires **Spark ML**.\n\n"
        "The **Pandas API** requires **Spark ML**.\n",
        "What depends on Spark ML?",
    )
    assert answer.found and answer.intent == "dependents"
    assert labels(answer) == ["IQR filter", "Pandas API"]
    assert "“The **Pandas API** requires **Spark ML**.” (" in answer.answer
    assert all(i.relation == "requiredBy" and i.evidence for i in answer.items)
