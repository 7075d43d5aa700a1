"""Lists under a lead-in ending with ":", in both languages: a cue in the lead-in
("incluye:", "returns:") or a list of kinds ("Modos disponibles:", "Available types:")."""

from __future__ import annotations

from tests.extract.conftest import ruled


def test_lists_a_cue_in_the_lead_in(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# R\n\nUn **ML Runtime** es un entorno que incluye:\n\n- Soporte para **AutoML**\n"
        "- Librerías\n\nThe **MLflow Platform** includes:\n\n- **MLflow Tracking**\n"
        "- Model packaging\n"
    )
    assert ruled(x, "partOf") == {
        ("Soporte para AutoML", "partOf", "ML Runtime", "list-after:incluir"),
        ("AutoML", "partOf", "ML Runtime", "list-after:incluir"),
        ("Librerías", "partOf", "ML Runtime", "list-after:incluir"),
        ("MLflow Tracking", "partOf", "MLflow Platform", "list-after:include"),
        ("Model packaging", "partOf", "MLflow Platform", "list-after:include"),
    }


def test_lists_what_a_call_returns(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        '# Tablas\n\n`fs.get_table` devuelve:\n\n- `"overwrite"`: reemplaza la tabla.\n\n'
        "`fs.read_table` returns:\n\n- **Spark DataFrame**\n"
    )
    assert ruled(x, "produces") == {
        ("fs.get_table", "produces", "overwrite", "list-after:devolver"),
        ("fs.read_table", "produces", "DataFrame", "list-after:return"),
    }
    (overwrite,) = [c for c in x.concepts if c.label == "overwrite"]
    assert [d for d, _ in overwrite.definitions] == ["reemplaza la tabla."]  # "name: what"


def test_lists_of_kinds_belong_to_the_focus(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Guía\n\n## Model Serving\n\nSobre **Model Serving**.\n\nModos disponibles:\n\n"
        "- Batch\n- Streaming\n\n## Feature Store\n\nAbout the **Feature Store**.\n\n"
        "Available types:\n\n- Online tables\n- Offline tables\n"
    )
    assert ruled(x, "partOf") == {
        ("Batch", "partOf", "Model Serving", "includes-list"),
        ("Streaming", "partOf", "Model Serving", "includes-list"),
        ("Online tables", "partOf", "Feature Store", "includes-list"),
        ("Offline tables", "partOf", "Feature Store", "includes-list"),
    }


def test_lists_only_the_items_right_under_the_lead_in(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Guía\n\n- **AutoML** incluye:\n  - Classification\n    - Binary\n  - Regression\n"
        "- Forecasting\n"
    )
    assert {t[0] for t in ruled(x, "partOf")} == {"Classification", "Regression"}
