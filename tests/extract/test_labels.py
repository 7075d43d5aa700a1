"""Labels (pass 1): what text names a concept, and under which names."""

from __future__ import annotations

from kg.extract.labels import question_subject, same_thing, share_head, vs_sides


def test_labels_a_gloss_that_names_the_same_thing_is_an_alias(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# T\n\n| Método | Descripción |\n|---|---|\n| **Mode (moda)** | El valor más común |\n"
        "| **Batch (offline)** | Por lotes |\n| **Model Serving (real time)** | REST |\n\n"
        "## ¿Qué es Cross-Validation (CV)?\n\n"
        "Es un enfoque más robusto.\n"
    )
    names = {c.label: set(c.alt_labels) for c in x.concepts}
    assert "moda" in {a.lower() for a in names["Mode"]}
    assert "CV" in names["Cross-Validation"]
    assert "Batch (offline)" in names  # a remark, not another name: the label stays whole
    assert "Model Serving (real time)" in names  # as many words, but no cognates
    defs = {c.label: [d for d, _ in c.definitions] for c in x.concepts if c.definitions}
    assert defs["Cross-Validation"] == ["Es un enfoque más robusto."]


def test_labels_acronyms_in_prose_name_their_words(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Notas\n\nen regresión se usa Mean Absolute Error (MAE) como métrica.\n\n"
        "La clave primaria (primary_keys) identifica cada fila.\n"
    )
    names = {c.label: set(c.alt_labels) for c in x.concepts}
    assert "MAE" in names["Mean Absolute Error"]
    assert "clave primaria" in names["primary_keys"]  # the same words, as prose and code


def test_labels_question_subjects_and_vs_sides() -> None:
    assert question_subject("¿Qué es un ML Runtime en Databricks?") == "ML Runtime"
    assert question_subject("2. What is the Feature Store?") == "Feature Store"
    assert question_subject("Cómo entrenar") is None
    # a heading that asks two questions asks about what follows the second one's verb
    assert question_subject("¿Qué es y cómo funciona SHAP?") == "SHAP"
    assert question_subject("¿Qué son y para qué sirven los embeddings?") == "embeddings"
    assert question_subject("¿Qué es y cómo funciona?") is None
    assert vs_sides("Comparison: AutoML vs Manual ML (overview)") == ["AutoML", "Manual ML"]
    assert vs_sides("Batch frente a Streaming") == ["Batch", "Streaming"]
    assert vs_sides("A vs B vs C") is None


def test_labels_same_thing() -> None:
    assert same_thing("Interquartile Range", "IQR")
    assert same_thing("Mode", "moda")
    assert not same_thing("Batch", "offline")


def test_labels_share_head_only_when_the_text_says_the_shared_form() -> None:
    said = "Online feature tables serve lookups; offline feature tables train."
    assert share_head(["Online", "Offline Feature Tables"], said) == [
        "Online Feature Tables",
        "Offline Feature Tables",
    ]
    assert share_head(["AutoML", "Manual ML"], "AutoML ML") == ["AutoML", "Manual ML"]  # a name
    assert share_head(["Batch", "Streaming"], "batch streaming") == ["Batch", "Streaming"]
    assert share_head(["Docker", "Virtual Machines"], "Docker runs") == [
        "Docker",
        "Virtual Machines",
    ]
