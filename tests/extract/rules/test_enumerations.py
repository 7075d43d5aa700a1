"""Enumerations, in both languages: the names right after a set noun (in parentheses, after a
colon) and the lists under a lead-in or heading that names a set or steps → `hasMember`, or
`hasStep` in order; glosses, clauses and lists under no such noun are not sets."""

from __future__ import annotations

from kg.extract import Extraction
from tests.extract.conftest import ruled


def placed(x: Extraction, predicate: str) -> set[tuple[str, str, int | None, str]]:
    """(subject label, object label, position, rule) of every `predicate` assertion."""
    label = {c.key: c.label for c in x.concepts}
    return {
        (label[a.subject], label[a.object], a.position, a.rule)
        for a in x.assertions
        if a.predicate == predicate
    }


def test_enumerations_a_parenthesis_after_a_set_noun(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Notas\n\n**AutoML** tiene dos modos (classification, regression).\n\n"
        "The **Model Registry** assigns stages (Staging, Production and Archived).\n"
    )
    assert placed(x, "hasMember") == {
        ("AutoML", "classification", 1, "members-paren"),
        ("AutoML", "regression", 2, "members-paren"),
        ("Model Registry", "Staging", 1, "members-paren"),
        ("Model Registry", "Production", 2, "members-paren"),
        ("Model Registry", "Archived", 3, "members-paren"),
    }


def test_enumerations_whose_set_a_complement_or_a_row_names(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# AutoML\n\nUsa los modos de `fs.write_table` (overwrite, merge, append, etc.).\n\n"
        "Convierte los tipos de datos (int, float).\n\n"
        "| Concepto | Descripción |\n|---|---|\n"
        "| Model Registry | Donde se asignan estados (`Staging`, `Production`) |\n"
    )
    assert placed(x, "hasMember") == {
        ("fs.write_table", "overwrite", 1, "members-paren"),
        ("fs.write_table", "merge", 2, "members-paren"),
        ("fs.write_table", "append", 3, "members-paren"),  # "etc." leaves the list open
        ("Model Registry", "Staging", 1, "members-paren"),
        ("Model Registry", "Production", 2, "members-paren"),
    }  # "tipos de datos": the complement names no concept, so whose set it is is unknown


def test_enumerations_a_parenthesis_that_is_not_a_set(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Notas\n\n**Cross-Validation** (CV) divide los datos.\n\n"
        "**Streaming** lee de fuentes continuas (Kafka, Auto Loader).\n\n"
        "**DLT** permite procesamiento con estado (ventanas, joins).\n\n"
        "**Model Serving** offers modes (one that is fast, another that writes everything).\n"
    )
    assert ruled(x, "hasMember") == set()


def test_enumerations_a_colon_after_a_set_or_step_noun(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Guía\n\n## Feature Store\n\nSobre **Feature Store**.\n\n"
        "Tipos: online, offline y streaming.\n\nVentajas: gobernanza, escalado.\n\n"
        "## MLOps\n\nAbout **MLOps**.\n\nSteps: training, validation and deployment.\n"
    )
    assert placed(x, "hasMember") == {
        ("Feature Store", "online", 1, "members-colon"),
        ("Feature Store", "offline", 2, "members-colon"),
        ("Feature Store", "streaming", 3, "members-colon"),
    }  # "Ventajas" names no set
    assert placed(x, "hasStep") == {
        ("MLOps", "training", 1, "steps-colon"),
        ("MLOps", "validation", 2, "steps-colon"),
        ("MLOps", "deployment", 3, "steps-colon"),
    }


def test_enumerations_a_list_under_a_lead_in_that_names_a_set(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Write tables\n\n```python\nfs = FeatureStoreClient()\nfs.write_table(name='t', df=df)\n```\n\n"
        "a) Usando `fs.write_table()` para escribir.\n\n"
        'b) Modos disponibles:\n\n- "overwrite": reemplaza toda la tabla.\n'
        '- "merge": actualiza los registros.\n\n'
        "# Serving\n\nThe **Model Serving** workload types:\n\n- CPU\n- GPU small\n"
    )
    assert placed(x, "hasMember") == {
        ("fs.write_table", "overwrite", 1, "members-list"),
        ("fs.write_table", "merge", 2, "members-list"),
        ("Model Serving", "CPU", 1, "members-list"),
        ("Model Serving", "GPU small", 2, "members-list"),
    }


def test_enumerations_steps_under_a_heading_or_numbered(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# AutoML\n\n## Using AutoML via UI\n\n### Step-by-Step Process\n\n"
        "1. **Create Experiment**\n\n    ```text\n    Home → Create\n    ```\n\n"
        "2. **Select Data**\n   - Choose a table\n3. **Review Results**\n\n"
        "# Registro\n\n## Registrar con `MlflowClient`\n\n"
        "**Pasos con `MlflowClient`**\n\n- Paso 1: Instanciar el cliente\n"
        "- Paso 2: Registrar el modelo\n"
    )
    assert placed(x, "hasStep") == {
        ("AutoML", "Create Experiment", 1, "steps-list"),  # a code block stays in its step
        ("AutoML", "Select Data", 2, "steps-list"),
        ("AutoML", "Review Results", 3, "steps-list"),
        ("MlflowClient", "Instanciar el cliente", 1, "steps-list"),
        ("MlflowClient", "Registrar el modelo", 2, "steps-list"),
    }


def test_enumerations_a_heading_that_names_a_set_speaks_of_its_parent(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes("# MLOps\n\nSobre **MLOps**.\n\n## Etapas\n\n- Desarrollo\n- Staging\n")
    assert placed(x, "hasMember") == {
        ("MLOps", "Desarrollo", 1, "members-list"),
        ("MLOps", "Staging", 2, "members-list"),
    }


def test_enumerations_a_numbered_list_is_not_steps_by_itself(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# AutoML\n\n## Requisitos\n\n1. Un cluster\n2. Una tabla\n\n"
        "## Compare imputing with the mode value\n\n- Mean\n- Median\n\n"
        "## Modes\n\nSome modes:\n\n- Many models do not accept null values.\n"
    )
    assert ruled(x, "hasStep") == set()
    assert ruled(x, "hasMember") == set()  # "mode value" is not a set; a sentence not a name


def test_enumerations_a_numbered_list_under_a_set_noun_lists_members(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Plataforma\n\nSobre **MLflow**.\n\n## Componentes de MLflow\n\n"
        "1. Tracking\n2. Model Registry\n"
    )
    assert placed(x, "hasMember") == {
        ("MLflow", "Tracking", 1, "members-list"),
        ("MLflow", "Model Registry", 2, "members-list"),
    }
