"""Arrow chains, in both languages: three or more short names joined by arrows are the steps
of a process, in order (`hasStep` with positions); a consequence, values, sentences and a path
through menus are not."""

from __future__ import annotations

from tests.extract.conftest import ruled
from tests.extract.rules.test_enumerations import placed


def test_sequences_a_chain_under_a_heading_that_names_the_process(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Guía\n\n## MLOps\n\nSobre **MLOps**.\n\n"
        "El ciclo: entrenamiento → validación → registro → despliegue → monitoreo\n"
    )
    assert placed(x, "hasStep") == {
        ("MLOps", "entrenamiento", 1, "steps-arrow"),
        ("MLOps", "validación", 2, "steps-arrow"),
        ("MLOps", "registro", 3, "steps-arrow"),
        ("MLOps", "despliegue", 4, "steps-arrow"),
        ("MLOps", "monitoreo", 5, "steps-arrow"),
    }


def test_sequences_a_step_that_names_nothing_keeps_its_place(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Notes\n\n## Model Registry\n\nAbout the **Model Registry**.\n\n"
        "- Recognize stages: None → Staging -> Production => Archived\n"
    )
    assert placed(x, "hasStep") == {
        ("Model Registry", "Staging", 2, "steps-arrow"),
        ("Model Registry", "Production", 3, "steps-arrow"),
        ("Model Registry", "Archived", 4, "steps-arrow"),
    }


def test_sequences_the_lead_of_a_chain_names_the_process(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Notes\n\n**MLOps** and **AutoML**.\n\n- AutoML: data → training → evaluation\n"
    )
    assert {(s, o) for s, o, _, _ in placed(x, "hasStep")} == {
        ("AutoML", "data"),
        ("AutoML", "training"),
        ("AutoML", "evaluation"),
    }


def test_sequences_what_is_not_a_chain_of_steps(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Model Serving\n\nSobre **Model Serving**.\n\n"
        "Si es no lineal → evitar regresiones lineales simples.\n\n"
        "Migrar progresivamente: 5% → 20% → 100%.\n\n"
        "El bias disminuye → el modelo se ajusta → la varianza aumenta.\n\n"
        "En bloques → Batch. Flujo continuo → Streaming.\n\n"
        "Desde la UI:\n\n- Machine Learning → Model Serving → Create Serving Endpoint\n\n"
        "Go to Workspace → Experiments → Create\n"
    )
    assert ruled(x, "hasStep") == set()
