"""Key points: the items of "Puntos claves", "Memoriza esto", exam tips and their tables, and
the rows of a table whose header names a concept ("Escenario | ¿Por qué usar ML Runtime?"),
each attached to the concepts it mentions; and a subject's advantages and drawbacks (a table
headed "Ventaja", the items under "### Limitations"), attached to what the section is about."""

from __future__ import annotations

from kg.extract.cues import heading_has
from kg.extract.model import Evidence, KeyPoint
from kg.extract.rules.context import RowReading, SectionReading, TableReading, TextReading
from kg.extract.rules.focus import focus
from kg.extract.rules.pipeline import ROW, TEXT

__all__ = ["header_note", "key_point", "key_point_row", "tradeoff_item", "tradeoff_row"]

_SHORT_HEADING = 4  # words of a heading that names advantages or drawbacks, at most


@TEXT.rule("key-point", records=())
def key_point(r: SectionReading, t: TextReading) -> None:
    """A paragraph or item of a key points section, about the concepts it mentions."""
    if not r.key_points:
        return
    keys = tuple(dict.fromkeys(r.registry.find(m.key) for m in t.mentions))
    ev = r.evidence(t.unit.first_line)
    if keys and ev.text:
        r.note(KeyPoint(t.text.strip(), keys, ev))


@ROW.rule("header-note", records=())
def header_note(r: SectionReading, table: TableReading, row: RowReading) -> None:
    """ "Escenario | ¿Por qué usar ML Runtime?": every row is a note about ML Runtime."""
    if table.header_keys and not r.key_points:
        keys = tuple(dict.fromkeys(r.registry.find(k) for k in table.header_keys))
        r.note(KeyPoint(row.joined(), keys, row.evidence))


@ROW.rule("key-point-row", records=())
def key_point_row(r: SectionReading, table: TableReading, row: RowReading) -> None:
    """A row of a key points table, about its first cell's concept and those it mentions."""
    if not r.key_points:
        return
    find = r.registry.find
    keys = tuple(dict.fromkeys(find(m.key) for ms in row.mentions for m in ms))
    if row.first and find(row.first) not in keys:
        keys = (find(row.first), *keys)
    if keys:
        r.note(KeyPoint(row.joined(), keys, row.evidence))


@ROW.rule("tradeoff-row", records=())
def tradeoff_row(r: SectionReading, table: TableReading, row: RowReading) -> None:
    """A row of a table of advantages or drawbacks ("✅ Rápido | Solo se entrena una vez"
    under "Ventaja | Explicación") in a section about X: a note on X."""
    if table.tradeoffs and not (r.key_points or table.header_keys):
        _on_focus(r, row.joined(), row.evidence)


@TEXT.rule("tradeoff-item", records=())
def tradeoff_item(r: SectionReading, t: TextReading) -> None:
    """A list item under a short heading of advantages or drawbacks ("### Limitations" under
    "## Online tables"): a note on what the section, or the one it is in, is about. (A long
    heading that names benefits is a question or an exam objective about them, whose text
    says more than the benefits.)"""
    title = r.section.title
    if r.key_points or t.block.kind != "list_item" or len(title.split()) > _SHORT_HEADING:
        return
    if not heading_has("tradeoffs", title):
        return
    ev = r.evidence(t.unit.first_line)
    if ev.text:
        _on_focus(r, t.text.strip(), ev)


def _on_focus(r: SectionReading, text: str, ev: Evidence) -> None:
    keys = tuple(dict.fromkeys(r.registry.find(k) for k in focus(r)))
    if keys and text:
        r.note(KeyPoint(text, keys, ev))
