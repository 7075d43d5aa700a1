"""Requirement sections and tables, in both languages: every item and row is a requirement
of the section's focus (here the API the topic's code calls)."""

from __future__ import annotations

from tests.extract.conftest import ruled

CODE = "```python\nfs = FeatureStoreClient()\nfs.write_table(name=n, df=d)\n```\n\n"


def test_requirements_section_spanish(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Write data to a feature table\n\n" + CODE + "## Requisitos previos\n\n"
        "- El DataFrame debe tener `primary_keys`.\n"
        "- Debes tener la tabla creada con `fs.create_table()`.\n"
    )
    found = ruled(x, "requires")
    assert ("fs.write_table", "requires", "primary_keys", "requirements-section") in found
    assert ("fs.write_table", "requires", "fs.create_table", "requirements-section") in found


def test_requirements_section_english(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Write data to a feature table\n\n" + CODE + "## Requirements\n\n"
        "- The DataFrame must have `primary_keys`.\n- Workspace admin rights\n"
    )
    found = ruled(x, "requires")
    assert ("fs.write_table", "requires", "primary_keys", "requirements-section") in found
    # an item without concepts names the requirement itself
    assert ("fs.write_table", "requires", "Workspace admin rights", "requirements-section") in found


def test_requirements_tables(extract_notes) -> None:  # type: ignore[no-untyped-def]
    x = extract_notes(
        "# Write data to a feature table\n\n" + CODE + "## Detalles\n\n"
        "| Requisito | Detalle |\n|---|---|\n| Esquema | Debe coincidir con `df.schema` |\n\n"
        "| Requirement | Detail |\n|---|---|\n| Cluster | ML Runtime 13 or later |\n"
    )
    found = ruled(x, "requires")
    assert ("fs.write_table", "requires", "Esquema", "requirements-table") in found
    assert ("fs.write_table", "requires", "Cluster", "requirements-table") in found
