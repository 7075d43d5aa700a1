"""Relation rules on small hand-written notes, Spanish and English."""

from __future__ import annotations

from tests.extract.conftest import triples


def test_relations_requires_from_spanish_cues(extract_notes) -> None:  # type: ignore[no-untyped-def]
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


def test_relations_requires_from_english_cues(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Notes\n\nThe **Feature Store** is only available in the **ML Runtime**.\n\n"
        "**Model Serving** requires **Unity Catalog**.\n"
    )
    assert triples(x, "requires") >= {
        ("Feature Store", "requires", "ML Runtime"),
        ("Model Serving", "requires", "Unity Catalog"),
    }


def test_relations_negated_and_conditional_cues_state_nothing(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Notas\n\n**AutoML** no necesita **Unity Catalog**.\n\n"
        "Si necesitas **GPU** usa **ML Runtime**.\n\n"
        "**Hyperopt** needs to be configured with **SparkTrials**.\n"
    )
    assert triples(x, "requires") == set()


def test_relations_evidence_is_the_source_line(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes("# N\n\ntexto\n\n**AutoML** requiere **ML Runtime**.\n")
    (a,) = [a for a in x.assertions if a.predicate == "requires"]
    assert (a.evidence.line, a.evidence.text) == (5, "**AutoML** requiere **ML Runtime**.")
    assert a.evidence.section_line == 1 and a.rule.startswith("cue:es:") and 0 < a.confidence <= 1


def test_relations_requirements_section_and_table(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Write data to a feature table\n\n"
        "```python\nfs = FeatureStoreClient()\nfs.write_table(name=n, df=d)\n```\n\n"
        "## Requisitos previos\n\n"
        "- El DataFrame debe tener `primary_keys`.\n"
        "- Debes tener la tabla creada con `fs.create_table()`.\n\n"
        "| Requisito | Detalle |\n|---|---|\n| Esquema | Debe coincidir con `df.schema` |\n"
    )
    found = triples(x, "requires")
    assert ("fs.write_table", "requires", "primary_keys") in found
    assert ("fs.write_table", "requires", "fs.create_table") in found
    assert ("fs.write_table", "requires", "Esquema") in found


def test_relations_vs_table_keeps_aspects(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Diferencias\n\n| Concepto A | vs | Concepto B | Diferencia clave |\n"
        "|---|---|---|---|\n| **Online features** | vs | **Offline features** | Online: latencia baja |\n"
    )
    assert ("Online features", "differsFrom", "Offline features") in triples(x)
    (cmp,) = x.comparisons
    assert cmp.aspects[0].name == "Diferencia clave"
    assert cmp.aspects[0].left == "Online: latencia baja"
    assert cmp.evidence.line == 5


def test_relations_comparison_table_one_column_per_side(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Registries\n\n| Aspect | Workspace registry | UC registry |\n|---|---|---|\n"
        "| Scope | one workspace | all workspaces |\n| Aliases | no | yes |\n"
    )
    assert ("Workspace registry", "differsFrom", "UC registry") in triples(x)
    (cmp,) = x.comparisons
    assert [(a.name, a.left, a.right, a.line) for a in cmp.aspects] == [
        ("Scope", "one workspace", "all workspaces", 5),
        ("Aliases", "no", "yes", 6),
    ]


def test_relations_vs_heading(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes("# Batch vs Streaming\n\ntext\n")
    assert ("Batch", "differsFrom", "Streaming") in triples(x)


def test_relations_part_of_from_grouping_cues(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# MLflow\n\n## Experimentos (Experiments)\n\nUn experimento agrupa múltiples ejecuciones.\n\n"
        "## Ejecuciones (Runs)\n\nLos runs se agrupan en experimentos.\n"
    )
    found = triples(x, "partOf")
    assert ("Ejecuciones", "partOf", "Experimentos") in found
    assert len({a.evidence.line for a in x.assertions if a.predicate == "partOf"}) == 2


def test_relations_includes_list(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# R\n\nUn **ML Runtime** es un entorno que incluye:\n\n- Soporte para **AutoML**\n- Librerías\n"
    )
    found = triples(x, "partOf")
    assert ("AutoML", "partOf", "ML Runtime") in found
    assert ("Librerías", "partOf", "ML Runtime") in found


def test_relations_code_methods_alternatives_and_products(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Register\n\n```python\nclient = MlflowClient()\n"
        "client.create_registered_model(name=n)\nclient.create_model_version(name=n, source=s)\n```\n\n"
        "**Alternativa usando mlflow.register_model**\n\n"
        "```python\nimport mlflow\nts = mlflow.register_model(model_uri=u, name=n)\n```\n"
    )
    found = triples(x)
    assert ("client.create_model_version", "methodOf", "MlflowClient") in found
    assert ("mlflow.register_model", "methodOf", "mlflow") in found
    assert ("mlflow.register_model", "alternativeTo", "client.create_registered_model") in found
    (a,) = [
        a for a in x.assertions if a.predicate == "methodOf" and "version" in a.object + a.subject
    ]
    assert a.evidence.line == 6 and "create_model_version" in a.evidence.text


def test_relations_definitions_from_questions_and_tables(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# T\n\n## ¿Qué es un ML Runtime en Databricks?\n\nUn ML Runtime es un entorno preconfigurado.\n\n"
        "| Concepto | Descripción |\n|---|---|\n| Feature Lookup | Mecanismo para acceder a features |\n"
    )
    defs = {c.label: [d for d, _ in c.definitions] for c in x.concepts if c.definitions}
    assert defs["ML Runtime"][0] == "Un ML Runtime es un entorno preconfigurado."
    assert defs["Feature Lookup"] == ["Mecanismo para acceder a features"]


def test_relations_lead_paragraph_defines_the_heading(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Databricks AutoML\n\n## Overview\n\nDatabricks AutoML automates model selection.\n\n"
        "## Usage\n\nAutoML runs trials.\n",
        more={
            "stack.md": "# Widget Stacks\n\n> **NOTE:** preview\n\nThis repo provides a stack.\n",
            "other.md": "# Trials\n\nEach run of a search is logged.\n",
        },
    )
    defs = {c.label: [d for d, _ in c.definitions] for c in x.concepts if c.definitions}
    # the name holds the identifier AutoML, so the definition goes to that concept
    assert defs["AutoML"] == ["Databricks AutoML automates model selection."]
    assert defs["Widget Stacks"] == ["This repo provides a stack."]
    # a first paragraph that neither names the heading nor opens with "This" defines nothing
    assert "Trials" not in defs


def test_relations_key_points_attach_to_concepts(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# T\n\n## Puntos claves\n\n- **UC** permite compartir modelos entre workspaces.\n"
    )
    (kp,) = x.key_points
    labels = {c.key: c.label for c in x.concepts}
    assert [labels[k] for k in kp.concepts] == ["Unity Catalog"]
    assert kp.evidence.line == 5


def test_relations_a_gloss_that_names_the_same_thing_is_an_alias(extract_notes) -> None:  # type: ignore[no-untyped-def]
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


def test_relations_imported_functions_keep_their_examples(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# T\n\n```python\nfrom hyperopt import fmin\n\nbest = fmin(fn=f, max_evals=5)\n```\n"
    )
    (fmin,) = [c for c in x.concepts if c.label == "fmin"]
    assert fmin.examples and "max_evals=5" in fmin.examples[0][0]


def test_relations_comparison_columns_take_the_names_of_the_vs_heading(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# T\n\n## Comparison: AutoML vs Manual ML\n\n| Aspect | AutoML | Manual |\n|---|---|---|\n"
        "| **Time to Baseline** | Hours | Days |\n"
    )
    label = {c.key: c.label for c in x.concepts}
    detailed = [c for c in x.comparisons if c.aspects]
    assert [(label[c.left], label[c.right]) for c in detailed] == [("AutoML", "Manual ML")]
    assert detailed[0].aspects[0].left == "Hours" and detailed[0].aspects[0].line == 7


def test_relations_api_reference_methods_belong_to_their_class(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "Models\n======\n\n.. py:class:: ModelsAPI\n\n    Manage models.\n\n"
        "    .. py:method:: create(name: str) -> Model\n\n        Creates a model.\n",
        name="models.rst",
    )
    assert ("ModelsAPI.create", "methodOf", "ModelsAPI") in triples(x, "methodOf")
    defs = {c.label: [d for d, _ in c.definitions] for c in x.concepts if c.definitions}
    assert defs["ModelsAPI.create"] == ["Creates a model."]
    assert defs["ModelsAPI"] == ["Manage models."]  # not the signature line "ModelsAPI"


def test_relations_a_need_to_act_or_a_purpose_is_no_requirement(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Notas\n\n**Hyperopt** necesita evaluar cada **Trials** en el driver.\n\n"
        "Customize the **stack** as needed, e.g. to add **components**.\n\n"
        "**AutoML** necesita tener **ML Runtime**.\n\n"
        "## Requirements\n\n- To run **tests**, install **actionlint**.\n\n"
        "The **MLOps Stack** must be configured for **Unity Catalog** to work.\n"
    )
    found = triples(x, "requires")
    assert ("AutoML", "requires", "ML Runtime") in found  # "necesita tener" still requires
    assert not {t for t in found if t[2] in ("Trials", "components", "tests", "e.g")}
    assert ("MLOps Stack", "requires", "Unity Catalog") not in found  # what it serves
    assert "e.g" not in {c.label for c in x.concepts}


def test_relations_a_table_of_alternatives_compares_its_rows(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# T\n\n| Método | Velocidad | Costo |\n|---|---|---|\n| Grid Search | Lento | Alto |\n"
        "| Random Search | Rápido | Moderado |\n\n"
        "| Ventaja | Explicación | Ejemplo |\n|---|---|---|\n| Preconfigurado | Listo | A |\n"
        "| Seguro | Parches | B |\n"
    )
    label = {c.key: c.label for c in x.concepts}
    rows = [c for c in x.comparisons if c.rule == "row-table"]
    assert [(label[c.left], label[c.right]) for c in rows] == [("Grid Search", "Random Search")]
    assert [(a.name, a.left, a.right) for a in rows[0].aspects] == [
        ("Velocidad", "Lento", "Rápido"),
        ("Costo", "Alto", "Moderado"),
    ]
    # a table of advantages lists no alternatives: its rows are not compared
    assert ("Preconfigurado", "differsFrom", "Seguro") not in triples(x, "differsFrom")


def test_relations_heading_cues_are_whole_words() -> None:
    from kg.extract.cues import heading_has

    assert heading_has("requirements", "Requisitos previos")  # a plural of the cue
    assert heading_has("key_points", "📌 Puntos clave")
    assert not heading_has("key_points", "Un resultado notable")  # "nota" inside a word
    assert not heading_has("key_points", "Other people's study notes")
    assert heading_has("comparison", "Online vs Offline")


def test_relations_a_noun_that_ends_like_an_infinitive_is_still_required(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes("# Notes\n\n**OneHotEncoder** requires **StringIndexer** output.\n")
    assert ("OneHotEncoder", "requires", "StringIndexer") in triples(x, "requires")


def test_relations_a_purpose_clause_ends_at_its_own_comma(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Data\n\nAll operations on **model versions** require **USE_CATALOG**. In addition, the "
        "following privileges are required:\n\n"
        "- To update **model versions** metadata (comments, **aliases**), users must be owners.\n"
    )
    assert not {t for t in triples(x, "requires") if t[2] == "aliases"}
