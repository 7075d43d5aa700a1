"""The components handler: steps in their order, members, parts, methods and outputs, what was
asked for first."""

from __future__ import annotations

from pathlib import Path

from kg.qa import QAEngine
from tests.qa.notes import ask_notes, labels


def test_components_put_what_was_asked_for_first(engine: QAEngine) -> None:
    parts = engine.ask("¿Qué algoritmos prueba AutoML?")
    outputs = engine.ask("What does databricks.automl.classify return?")
    assert parts.items[0].relation == "partOf" and outputs.items[0].relation == "produces"


def test_components_list_steps_in_their_order_then_members(tmp_path: Path) -> None:
    notes = (
        "# Notes\n\n## Model Registry\n\nAbout the **Model Registry**.\n\n"
        "- Recognize stages: None → Staging → Production → Archived\n\n"
        "The **Model Registry** assigns states (Production, Staging).\n\n"
        "## AutoML\n\nSobre **AutoML**.\n\nPasos: preparar datos, entrenar, evaluar.\n"
    )
    stages, steps = ask_notes(
        tmp_path, notes, "What are the stages of the Model Registry?", "¿Qué pasos tiene AutoML?"
    )
    assert labels(stages) == ["Staging", "Production", "Archived"]
    assert {i.relation for i in stages.items} == {"hasStep"}  # a step that is a member too
    assert labels(steps) == ["preparar datos", "entrenar", "evaluar"]
    assert steps.answer.index("preparar datos") < steps.answer.index("evaluar")
