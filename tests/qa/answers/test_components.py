"""The components handler: parts, methods and outputs, what was asked for first."""

from __future__ import annotations

from kg.qa import QAEngine


def test_components_put_what_was_asked_for_first(engine: QAEngine) -> None:
    parts = engine.ask("¿Qué algoritmos prueba AutoML?")
    outputs = engine.ask("What does databricks.automl.classify return?")
    assert parts.items[0].relation == "partOf" and outputs.items[0].relation == "produces"
