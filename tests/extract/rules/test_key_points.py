"""Key points, in both languages: items and rows of key points sections, and rows of a
table whose header names a concept."""

from __future__ import annotations

from kg.extract import Extraction


def notes(x: Extraction) -> list[tuple[str, list[str], int]]:
    label = {c.key: c.label for c in x.concepts}
    return [(k.text, [label[c] for c in k.concepts], k.evidence.line) for k in x.key_points]


def test_key_points_items_attach_to_concepts(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# T\n\n## Puntos claves\n\n- **UC** permite compartir modelos entre workspaces.\n\n"
        "## Key points\n\n- **Model Serving** scales to zero.\n"
    )
    assert notes(x) == [
        ("UC permite compartir modelos entre workspaces.", ["Unity Catalog"], 5),
        ("Model Serving scales to zero.", ["Model Serving"], 9),
    ]


def test_key_points_rows_of_a_key_points_table(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# T\n\n## Memoriza esto\n\n| Concepto | Recuerda |\n|---|---|\n"
        "| **Feature Serving** | Requiere tablas online |\n\n"
        "## Exam tips\n\n| Concept | Remember |\n|---|---|\n| **Model Serving** | REST endpoints |\n"
    )
    assert notes(x) == [
        ("Feature Serving — Requiere tablas online", ["Feature Serving"], 7),
        ("Model Serving — REST endpoints", ["Model Serving"], 13),
    ]


def test_key_points_a_header_that_names_a_concept(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Uso\n\n| Escenario | ¿Por qué usar **ML Runtime**? |\n|---|---|\n"
        "| Deep learning | GPU incluidas |\n\n"
        "| Scenario | Why **Unity Catalog**? |\n|---|---|\n| Sharing | Across workspaces |\n"
    )
    assert notes(x) == [
        ("Deep learning — GPU incluidas", ["ML Runtime"], 5),
        ("Sharing — Across workspaces", ["Unity Catalog"], 9),
    ]


def test_key_points_advantages_and_drawbacks_are_notes_on_the_section_subject(
    extract_notes,
) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Validación\n\n## ¿Qué es Cross-Validation?\n\nEs un enfoque más robusto.\n\n"
        "| Ventaja | Explicación |\n|---|---|\n| ✅ Más robusto | Reduce la varianza. |\n\n"
        "| Desventaja | Explicación |\n|---|---|\n| ❌ Más lento | Se entrena k veces. |\n\n"
        "## What is Model Serving?\n\nIt deploys models as REST endpoints.\n\n"
        "### Limitations\n\n- Only available in some regions\n- Refreshed every hour\n"
    )
    got = notes(x)
    assert ("✅ Más robusto — Reduce la varianza.", ["Cross-Validation"], 9) in got
    assert ("❌ Más lento — Se entrena k veces.", ["Cross-Validation"], 13) in got
    assert ("Only available in some regions", ["Model Serving"], 21) in got
    assert ("Refreshed every hour", ["Model Serving"], 22) in got
    # the header word is not a subject, and its rows name no concept of their own
    assert not {"Ventaja", "Desventaja", "Más robusto", "Más lento"} & {c.label for c in x.concepts}


def test_key_points_a_long_heading_that_names_benefits_is_no_list_of_them(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Identify the benefits of registering models in Unity Catalog\n\n"
        "- **Unity Catalog** is a governance layer.\n- It has a three-level namespace.\n"
    )
    assert not [n for n in notes(x) if n[0] == "It has a three-level namespace."]
