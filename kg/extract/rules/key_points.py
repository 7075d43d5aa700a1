"""Key points: the items of "Puntos claves", "Memoriza esto", exam tips and their tables, and
the rows of a table whose header names a concept ("Escenario | ¿Por qué usar ML Runtime?"),
each attached to the concepts it mentions."""

from __future__ import annotations

from kg.extract.model import KeyPoint
from kg.extract.rules.context import RowReading, SectionReading, TableReading, TextReading
from kg.extract.rules.pipeline import ROW, TEXT

__all__ = ["header_note", "key_point", "key_point_row"]


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
