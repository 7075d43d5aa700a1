"""Implicit comparisons, in both languages: things defined side by side, and table rows whose
first cells are variants of one name, compare (`differsFrom` and a `Comparison` with the
aspects they give); lists of advantages, numbered versions, values and steps do not."""

from __future__ import annotations

from kg.extract import Extraction
from tests.extract.conftest import ruled


def compared(x: Extraction) -> set[tuple[str, str, tuple[tuple[str, str, str], ...], str]]:
    """(left, right, aspects as (name, left value, right value), rule) of every comparison."""
    label = {c.key: c.label for c in x.concepts}
    return {
        (
            label[c.left],
            label[c.right],
            tuple((a.name, a.left, a.right) for a in c.aspects),
            c.rule,
        )
        for c in x.comparisons
    }


def test_siblings_definitions_under_a_lead_in_of_examples(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Alias\n\nLos **aliases** son nombres que asignas a una versión.\nEjemplos comunes:\n\n"
        "- champion → versión actual en producción\n"
        "- challenger → nueva versión que estás evaluando\n- shadow, baseline, latest, etc.\n"
    )
    assert compared(x) == {
        (
            "champion",
            "challenger",
            (("definición", "versión actual en producción", "nueva versión que estás evaluando"),),
            "sibling-definitions",
        )
    }
    assert ruled(x, "differsFrom") == {
        ("champion", "differsFrom", "challenger", "sibling-definitions")
    }


def test_siblings_variants_of_one_name(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Scaling\n\nStandardScaler: centers each feature on its mean\n\n"
        "MinMaxScaler: scales each feature into a range\n\n# Tuning\n\n"
        "- Grid Search → exhaustive and costly\n- Random Search → cheaper on large spaces\n"
    )
    assert {(left, right, rule) for left, right, _, rule in compared(x)} == {
        ("StandardScaler", "MinMaxScaler", "sibling-definitions"),
        ("Grid Search", "Random Search", "sibling-definitions"),
    }
    (scalers,) = [c for c in compared(x) if c[0] == "StandardScaler"]
    assert scalers[2] == (
        ("definition", "centers each feature on its mean", "scales each feature into a range"),
    )


def test_siblings_definitions_under_a_comparison_heading(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Diferencias entre los modos de inferencia\n\n"
        "**Batch:** corre predicciones según un horario.\n\n"
        "**Streaming:** puntúa datos continuos sin fin.\n"
    )
    assert {(left, right) for left, right, _, _ in compared(x)} == {("Batch", "Streaming")}


def test_siblings_what_is_not_compared(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Serving\n\nVentajas:\n\n- Seguridad: integración con permisos RBAC\n"
        "- Observabilidad: métricas de latencia y logs\n\n"
        "Tienes:\n\n- version 4: alias = champion\n- version 5: alias = challenger\n\n"
        "## AUC\n\n- AUC = 0.5 → modelo aleatorio\n- AUC = 1.0 → modelo perfecto\n\n"
        "## Streaming\n\nEl flujo es:\n\n- Entrada → leer datos de Kafka\n"
        "- Salida → escribir resultados en Delta\n\n## Glossary\n\n- Tabla online: una cosa\n"
        "- Tabla offline: dos palabras\n- Tabla delta: tres palabras\n- Tabla base: cuatro cosas\n"
        "- Tabla externa: cinco cosas\n"
    )
    assert compared(x) == set()
    assert ruled(x, "differsFrom") == set()


def test_siblings_table_rows_of_one_api_name(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Runs\n\n| Elemento | Uso |\n|---|---|\n"
        "| `mlflow.search_runs(...)` | Devuelve todos los runs como DataFrame |\n"
        "| `.iloc[0]` | Selecciona el top 1 |\n"
        "| `MlflowClient().search_runs()` | Variante de bajo nivel, con paginación |\n"
    )
    assert compared(x) == {
        (
            "mlflow.search_runs",
            "MlflowClient.search_runs",
            (
                (
                    "Uso",
                    "Devuelve todos los runs como DataFrame",
                    "Variante de bajo nivel, con paginación",
                ),
            ),
            "variant-rows",
        )
    }
