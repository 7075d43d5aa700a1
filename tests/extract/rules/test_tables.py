"""Comparison tables, in both languages: vs tables, one column per side, one row per
alternative."""

from __future__ import annotations

from kg.extract import Extraction
from tests.extract.conftest import triples


def compared(x: Extraction, rule: str) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    label = {c.key: c.label for c in x.concepts}
    return [
        (label[c.left], label[c.right], [(a.name, a.left, a.right) for a in c.aspects])
        for c in x.comparisons
        if c.rule == rule
    ]


def test_tables_vs_table_keeps_aspects(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Diferencias\n\n| Concepto A | vs | Concepto B | Diferencia clave |\n"
        "|---|---|---|---|\n| **Online features** | vs | **Offline features** | Online: latencia baja |\n\n"
        "| Concept A | vs | Concept B | Key difference |\n|---|---|---|---|\n"
        "| **Batch inference** | vs | **Online inference** | Batch: high latency |\n"
    )
    assert ("Online features", "differsFrom", "Offline features") in triples(x)
    assert ("Batch inference", "differsFrom", "Online inference") in triples(x)
    first, second = x.comparisons
    assert first.aspects[0].name == "Diferencia clave"
    assert first.aspects[0].left == "Online: latencia baja"
    assert (first.evidence.line, second.evidence.line) == (5, 9)
    assert compared(x, "vs-table")[1][2] == [
        ("Key difference", "Batch: high latency", "Batch: high latency")
    ]


def test_tables_comparison_table_one_column_per_side(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Registries\n\n| Aspect | Workspace registry | UC registry |\n|---|---|---|\n"
        "| Scope | one workspace | all workspaces |\n| Aliases | no | yes |\n\n"
        "## Tablas\n\n| Aspecto | Tabla online | Tabla offline |\n|---|---|---|\n"
        "| Latencia | baja | alta |\n"
    )
    assert ("Workspace registry", "differsFrom", "UC registry") in triples(x)
    cmp = x.comparisons[0]
    assert [(a.name, a.left, a.right, a.line) for a in cmp.aspects] == [
        ("Scope", "one workspace", "all workspaces", 5),
        ("Aliases", "no", "yes", 6),
    ]
    assert compared(x, "comparison-table")[1] == (
        "Tabla online",
        "Tabla offline",
        [("Latencia", "baja", "alta")],
    )


def test_tables_comparison_columns_take_the_names_of_the_vs_heading(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# T\n\n## Comparison: AutoML vs Manual ML\n\n| Aspect | AutoML | Manual |\n|---|---|---|\n"
        "| **Time to Baseline** | Hours | Days |\n"
    )
    label = {c.key: c.label for c in x.concepts}
    detailed = [c for c in x.comparisons if c.aspects]
    assert [(label[c.left], label[c.right]) for c in detailed] == [("AutoML", "Manual ML")]
    assert detailed[0].aspects[0].left == "Hours" and detailed[0].aspects[0].line == 7


def test_tables_a_table_of_alternatives_compares_its_rows(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# T\n\n| Método | Velocidad | Costo |\n|---|---|---|\n| Grid Search | Lento | Alto |\n"
        "| Random Search | Rápido | Moderado |\n\n"
        "| Ventaja | Explicación | Ejemplo |\n|---|---|---|\n| Preconfigurado | Listo | A |\n"
        "| Seguro | Parches | B |\n\n"
        "| Method | Speed | Cost |\n|---|---|---|\n| Bayesian Search | Fast | Low |\n"
        "| Manual Search | Slow | High |\n"
    )
    assert compared(x, "row-table") == [
        (
            "Grid Search",
            "Random Search",
            [("Velocidad", "Lento", "Rápido"), ("Costo", "Alto", "Moderado")],
        ),
        ("Bayesian Search", "Manual Search", [("Speed", "Fast", "Slow"), ("Cost", "Low", "High")]),
    ]
    # a table of advantages lists no alternatives: its rows are not compared
    assert ("Preconfigurado", "differsFrom", "Seguro") not in triples(x, "differsFrom")


def test_tables_rows_of_two_kinds_are_not_alternatives(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# T\n\n| Modelo o técnica | Complejidad | Riesgo |\n|---|---|---|\n"
        "| Gradient Boosting | Alta | Overfitting |\n| Regularización | Baja | Underfitting |\n\n"
        "| Tool / library | Speed | Cost |\n|---|---|---|\n| Spark | Fast | High |\n"
        "| pandas | Slow | Low |\n"
    )
    assert compared(x, "row-table") == []


def test_tables_a_comparison_of_many_sides_is_not_compared_pairwise(extract_notes) -> None:  # type: ignore[no-untyped-def]
    def table(sides: int) -> str:
        names = [f"Sistema {i}" for i in range(1, sides + 1)]
        header = "| Aspecto | " + " | ".join(names) + " |\n"
        rule = "|---" * (sides + 1) + "|\n"
        return header + rule + "| Latencia | " + " | ".join("baja" for _ in names) + " |\n"

    x = extract_notes("# Modelos\n\n" + table(12) + "\n## Más\n\n" + table(13))
    assert len(compared(x, "comparison-table")) == 12 * 11 // 2  # the first table only
