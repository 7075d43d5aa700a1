"""Sentence cues ("requiere", "only available in", "devuelve", "instead of", ...), in both
languages: subjects and objects around the cue, implicit subjects, and what is not stated."""

from __future__ import annotations

from tests.extract.conftest import triples


def test_sentences_requires_from_spanish_cues(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Notas\n\n"
        "**AutoML** en Databricks solo está disponible en **ML Runtime**.\n\n"
        "Solo en **Unity Catalog** puedes usar **model aliases**.\n\n"
        "**Feature Serving** requiere **Online Tables** y **Model Serving**.\n"
    )
    found = triples(x, "requires")
    assert ("AutoML", "requires", "ML Runtime") in found
    assert ("model aliases", "requires", "Unity Catalog") in found
    assert ("Feature Serving", "requires", "Online Tables") in found
    assert ("Feature Serving", "requires", "Model Serving") in found


def test_sentences_requires_from_english_cues(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Notes\n\nThe **Feature Store** is only available in the **ML Runtime**.\n\n"
        "**Model Serving** requires **Unity Catalog**.\n\n"
        "Only in **Unity Catalog** can you use **model aliases**.\n"
    )
    assert triples(x, "requires") >= {
        ("Feature Store", "requires", "ML Runtime"),
        ("Model Serving", "requires", "Unity Catalog"),
        ("model aliases", "requires", "Unity Catalog"),
    }


def test_sentences_other_relations_in_both_languages(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Guía\n\n`fs.score_batch` devuelve un **Spark DataFrame**.\n\n"
        "`fs.create_table` returns a **Feature Table**.\n\n"
        "Usa **Feature Lookup** en lugar de **joins manuales**.\n\n"
        "Use **Model Serving** instead of **batch scoring**.\n\n"
        "**AutoML** es útil para **modelos base**.\n\n"
        "**Model Serving** is useful for **real time inference**.\n"
    )
    found = triples(x)
    assert ("fs.score_batch", "produces", "DataFrame") in found
    assert ("fs.create_table", "produces", "Feature Table") in found
    assert ("Feature Lookup", "alternativeTo", "joins manuales") in found
    assert ("Model Serving", "alternativeTo", "batch scoring") in found
    assert ("AutoML", "usedFor", "modelos base") in found
    assert ("Model Serving", "usedFor", "real time inference") in found


def test_sentences_part_of_from_grouping_cues(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# MLflow\n\n## Experimentos (Experiments)\n\nUn experimento agrupa múltiples ejecuciones.\n\n"
        "## Ejecuciones (Runs)\n\nLos runs se agrupan en experimentos.\n"
    )
    found = triples(x, "partOf")
    assert ("Ejecuciones", "partOf", "Experimentos") in found
    assert len({a.evidence.line for a in x.assertions if a.predicate == "partOf"}) == 2


def test_sentences_an_implicit_subject_is_the_sections_focus(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Feature Serving\n\nDebes tener **Online Tables**.\n\n"
        "You must have **Unity Catalog** enabled.\n"
    )
    found = {(a.object, a.rule) for a in x.assertions if a.predicate == "requires"}
    labels = {c.key: c.label for c in x.concepts}
    assert {(labels[o], rule) for o, rule in found} == {
        ("Online Tables", "cue:es:deber tener (implicit subject)"),
        ("Unity Catalog", "cue:en:must have (implicit subject)"),
    }
    assert {labels[a.subject] for a in x.assertions} == {"Feature Serving"}
    assert {a.confidence for a in x.assertions} == {0.6}


def test_sentences_a_table_row_is_the_subject_of_its_cells(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# APIs\n\n| API | Nota |\n|---|---|\n| `fs.score_batch` | Requiere `fs.log_model` |\n"
        "| `fs.write_table` | Requires `fs.create_table` |\n"
    )
    assert triples(x, "requires") >= {
        ("fs.score_batch", "requires", "fs.log_model"),
        ("fs.write_table", "requires", "fs.create_table"),
    }


def test_sentences_negated_and_conditional_cues_state_nothing(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Notas\n\n**AutoML** no necesita **Unity Catalog**.\n\n"
        "Si necesitas **GPU** usa **ML Runtime**.\n\n"
        "**Hyperopt** needs to be configured with **SparkTrials**.\n\n"
        "**Model Serving** does not require **Unity Catalog**.\n"
    )
    assert triples(x, "requires") == set()


def test_sentences_evidence_is_the_source_line(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes("# N\n\ntexto\n\n**AutoML** requiere **ML Runtime**.\n")
    (a,) = [a for a in x.assertions if a.predicate == "requires"]
    assert (a.evidence.line, a.evidence.text) == (5, "**AutoML** requiere **ML Runtime**.")
    assert a.evidence.section_line == 1 and a.rule.startswith("cue:es:") and 0 < a.confidence <= 1


def test_sentences_a_need_to_act_or_a_purpose_is_no_requirement(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Notas\n\n**Hyperopt** necesita evaluar cada **Trials** en el driver.\n\n"
        "Customize the **stack** as needed, e.g. to add **components**.\n\n"
        "**AutoML** necesita tener **ML Runtime**.\n\n"
        "## Requirements\n\n- To run **tests**, install **actionlint**.\n\n"
        "The **MLOps Stack** must be configured for **Unity Catalog** to work.\n\n"
        "El **endpoint** debe tener **permisos** para que **Model Serving** funcione.\n"
    )
    found = triples(x, "requires")
    assert ("AutoML", "requires", "ML Runtime") in found  # "necesita tener" still requires
    assert not {t for t in found if t[2] in ("Trials", "components", "tests", "e.g")}
    assert ("MLOps Stack", "requires", "Unity Catalog") not in found  # what it serves
    assert not {t for t in found if t[2] == "Model Serving"}
    assert "e.g" not in {c.label for c in x.concepts}


def test_sentences_a_noun_that_ends_like_an_infinitive_is_still_required(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes("# Notes\n\n**OneHotEncoder** requires **StringIndexer** output.\n")
    assert ("OneHotEncoder", "requires", "StringIndexer") in triples(x, "requires")


def test_sentences_a_purpose_clause_ends_at_its_own_comma(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Data\n\nAll operations on **model versions** require **USE_CATALOG**. In addition, the "
        "following privileges are required:\n\n"
        "- To update **model versions** metadata (comments, **aliases**), users must be owners.\n"
    )
    assert not {t for t in triples(x, "requires") if t[2] == "aliases"}


def test_sentences_a_leading_purpose_is_not_the_subject(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Model Registry\n\nPara usar **model aliases**, el modelo requiere **Unity Catalog**.\n\n"
        "To filter **MLflow Runs**, you need **Experiment IDs**.\n"
    )
    found = triples(x, "requires")
    assert ("model aliases", "requires", "Unity Catalog") not in found
    assert ("MLflow Runs", "requires", "Experiment IDs") not in found
    assert ("Model Registry", "requires", "Unity Catalog") in found
