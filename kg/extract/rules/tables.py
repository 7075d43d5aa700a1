"""Comparison tables: `differsFrom` with a `Comparison` that keeps each aspect and each side's
value.

- vs tables: "A | vs | B | Diferencia clave";
- comparison tables, one column per side: "Aspecto | Online | Offline" (a column named by
  half of an "A vs B" heading takes the heading's name);
- tables of alternatives, one row per thing: "Método | Velocidad | Costo", every two rows.
"""

from __future__ import annotations

from functools import cache

from kg.extract.cues import heading_has
from kg.extract.labels import MAX_TERM_WORDS, VS_WORDS, section_sides, table_shape
from kg.extract.model import Aspect, Comparison
from kg.extract.nlp import fold
from kg.extract.normalize import clean_label
from kg.extract.rules.context import SectionReading, TableReading
from kg.extract.rules.pipeline import TABLE
from kg.ingest.document import Table
from kg.lang import listed

__all__ = ["comparison_table", "read_table", "row_table", "vs_table"]

_MAX_ROW_COMPARISON = 8  # rows of a one-thing-per-row table that are compared pairwise
_MAX_ROW_NAME = 5  # words of a row's first cell for it to name a thing
_MIN_SIDES = 3  # columns of a comparison table: the aspect and two sides
_MAX_SIDES = 12  # sides of a comparison table that are compared pairwise


def read_table(r: SectionReading, table: Table) -> TableReading:
    """What a table's shape and headers announce, under the section being read."""
    shape = table_shape(table)
    header = table.header
    comparison = shape == "comparison" or (
        not shape
        and len(header) >= _MIN_SIDES
        and heading_has("comparison", r.section.title)
        and all(len(c.text.split()) <= MAX_TERM_WORDS for c in header[1:])
    )
    header_keys: list[str] = []
    if shape not in ("vs", "comparison"):
        # "Ventaja | Explicación": the advantages of the section's subject, not notes on a
        # concept named "Ventaja"
        for cell in (c for c in header if not heading_has("tradeoffs", c.text)):
            found, _ = r.mentions(cell)
            header_keys += [m.key for m in found]
    return TableReading(
        table,
        shape,
        comparison=comparison,
        requirement_table=r.requirements
        or heading_has("requirements", header[0].text if header else ""),
        definitions=shape == "terms"
        and len(header) >= 2
        and heading_has("description_headers", header[1].text),
        header_keys=tuple(header_keys),
        tradeoffs=bool(header) and heading_has("tradeoffs", header[0].text),
    )


@TABLE.rule("vs-table")
def vs_table(r: SectionReading, t: TableReading) -> None:
    """ "A | vs | B | Diferencia clave": A differsFrom B, the other cells are the aspects."""
    if t.shape != "vs":
        return
    table = t.table
    for n, row in enumerate(table.rows):
        cells = [c.text.strip() for c in row]
        for v in range(1, len(cells) - 1):
            if cells[v].lower() not in VS_WORDS:
                continue
            left, right = r.label(cells[v - 1]), r.label(cells[v + 1])
            if not left or not right:
                continue
            line = table.row_lines[n]
            ev = r.evidence(line)
            aspects = tuple(
                Aspect(
                    table.header[c].text.strip() if c < len(table.header) else "",
                    cells[c],
                    cells[c],
                    line,
                )
                for c in range(len(cells))
                if c not in (v - 1, v, v + 1) and cells[c]
            )
            r.relate(left, "differsFrom", right, ev, "vs-table", 0.9)
            find = r.registry.find
            r.compare(Comparison(find(left), find(right), aspects, ev, "vs-table"))


@TABLE.rule("comparison-table")
def comparison_table(r: SectionReading, t: TableReading) -> None:
    """ "Aspecto | Online | Offline": every two side columns differ, aspect by aspect. Under
    "AutoML vs Manual ML", a column "Manual" is the heading's "Manual ML". Tables of at most
    twelve sides: the pairs grow with the square of the columns."""
    if not t.comparison or len(t.table.header) - 1 > _MAX_SIDES:
        return
    table = t.table
    named = section_sides(r.ctx.doc, r.section) or []
    sides = [r.label(_heading_side(c.text, named)) for c in table.header[1:]]
    ev = r.evidence(table.line_start)
    for i in range(len(sides)):
        for j in range(i + 1, len(sides)):
            left, right = sides[i], sides[j]
            if not left or not right:
                continue
            aspects = tuple(
                Aspect(
                    row[0].text.strip(),
                    row[i + 1].text.strip() if i + 1 < len(row) else "",
                    row[j + 1].text.strip() if j + 1 < len(row) else "",
                    table.row_lines[n],
                )
                for n, row in enumerate(table.rows)
                if row and row[0].text.strip()
            )
            r.relate(left, "differsFrom", right, ev, "comparison-table", 0.9)
            find = r.registry.find
            r.compare(Comparison(find(left), find(right), aspects, ev, "comparison-table"))


def _heading_side(header: str, sides: list[str]) -> str:
    """A comparison column's header, or the heading side that names it in full."""
    words = set(fold(clean_label(header)).split())
    for side in sides:
        if words and words < set(fold(clean_label(side)).split()):
            return side
    return header


def _mixed(header: str) -> bool:
    """A first header naming two kinds of thing ("Modelo o técnica", "Tool / library")."""
    words = fold(header).replace("/", " / ").split()
    return any(w in _joiners() or w == "/" for w in words[1:-1])


@cache
def _joiners() -> frozenset[str]:
    return frozenset(fold(w) for w in listed("joiners"))


@TABLE.rule("row-table")
def row_table(r: SectionReading, t: TableReading) -> None:
    """A table with one row per thing and a column per aspect ("Método | Velocidad |
    Costo"): every two rows compare on those aspects. Small tables only: the pairs grow
    with the square of the rows."""
    table = t.table
    if t.shape == "vs" or t.comparison or not table.header:
        return
    if not heading_has("alternatives_headers", table.header[0].text):
        return
    if _mixed(table.header[0].text):
        return  # "Modelo o técnica": rows of two kinds, not alternatives to one another
    names = [c.text.strip() for c in table.header[1:]]
    if len(names) < 2 or not all(names) or not 2 <= len(table.rows) <= _MAX_ROW_COMPARISON:
        return
    if any(len(row[0].text.split()) > _MAX_ROW_NAME for row in table.rows if row):
        return  # rows that are phrases, not names of things
    sides = [
        (r.label(row[0].text), row, table.row_lines[n])
        for n, row in enumerate(table.rows)
        if row and row[0].text.strip()
    ]
    ev = r.evidence(table.line_start)
    find = r.registry.find
    seen: set[frozenset[str]] = set()
    for i, (left, left_row, left_line) in enumerate(sides):
        for right, right_row, _ in sides[i + 1 :]:
            if not left or not right or find(left) == find(right):
                continue
            pair = frozenset((find(left), find(right)))
            if pair in seen:
                continue  # a thing on two rows: its first row speaks for it
            seen.add(pair)
            aspects = tuple(
                Aspect(
                    name,
                    left_row[c].text.strip() if c < len(left_row) else "",
                    right_row[c].text.strip() if c < len(right_row) else "",
                    left_line,
                )
                for c, name in enumerate(names, start=1)
            )
            r.relate(left, "differsFrom", right, ev, "row-table", 0.6)
            r.compare(Comparison(find(left), find(right), aspects, ev, "row-table"))
