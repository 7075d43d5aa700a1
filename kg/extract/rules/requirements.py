"""Requirement sections and tables ("Requisitos", "Requirements", "Requisito | Detalle"):
every item and row is a requirement of the section's focus."""

from __future__ import annotations

from kg.extract.rules.context import RowReading, SectionReading, TableReading, TextReading
from kg.extract.rules.focus import focus
from kg.extract.rules.pipeline import ROW, TEXT
from kg.extract.rules.purpose import purpose_end

__all__ = ["requirements_section", "requirements_table"]

_MAX_STATEMENT = 10  # words of an item without concepts that still names a requirement


@TEXT.rule("requirements-section")
def requirements_section(r: SectionReading, t: TextReading) -> None:
    """Under "Requisitos": the item's concepts (after a leading purpose, "To run tests,
    install X"), or the item itself when short, are required by the section's focus."""
    if not r.requirements:
        return
    subjects = focus(r)
    if not t.mentions:
        statement = t.text.strip().rstrip(":.").strip()
        if 0 < len(statement.split()) <= _MAX_STATEMENT:
            key = r.registry.add_term(statement, r.lang, None)
            ev = r.evidence(t.unit.first_line)
            for s in subjects:
                if key:
                    r.relate(s, "requires", key, ev, "requirements-section", 0.5)
        return
    purpose = purpose_end(t.text, len(t.text))
    mentions = [m for m in t.mentions if m.start >= purpose]
    for s in subjects:
        for n, m in enumerate(mentions):
            if r.registry.find(m.key) != s:
                ev = r.evidence(t.unit.line_at(m.start))
                confidence = 0.7 if n == 0 else 0.5
                r.relate(s, "requires", m.key, ev, "requirements-section", confidence)


@ROW.rule("requirements-table")
def requirements_table(r: SectionReading, table: TableReading, row: RowReading) -> None:
    """A row of a requirements table: its first cell's concepts (or the cell as a name) and
    the APIs of the other cells are required by the section's focus."""
    if not (table.requirement_table and row.cells):
        return
    subjects = focus(r)
    label = r.label(row.cells[0].text)
    objects = [m.key for m in row.mentions[0]] or ([label] if label else [])
    objects += [m.key for ms in row.mentions[1:] for m in ms if m.key.startswith("code:")]
    for s in subjects:
        for o in dict.fromkeys(objects):
            r.relate(s, "requires", o, row.evidence, "requirements-table", 0.7)
