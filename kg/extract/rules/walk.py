"""The driver of pass 2: walks documents → sections → blocks → table rows and cells, builds
the reading context of each, and calls the registered rules of each stage in order."""

from __future__ import annotations

from collections.abc import Iterable

from kg.extract.context import DocContext
from kg.extract.cues import has_relation_cue
from kg.extract.mentions import Mention, MentionFinder
from kg.extract.registry import Registry
from kg.extract.rules.code import read_code
from kg.extract.rules.context import (
    Findings,
    Reader,
    RowReading,
    SectionReading,
    TextReading,
)
from kg.extract.rules.parameters import name_positional
from kg.extract.rules.pipeline import CELL, CODE, ROW, SECTION, SECTION_END, TABLE, TEXT
from kg.extract.rules.tables import read_table
from kg.extract.units import Unit
from kg.ingest.document import Code, ListItem, Paragraph, RichText, Section, Table

__all__ = ["read", "read_section"]


def read(registry: Registry, contexts: Iterable[DocContext]) -> Findings:
    """Pass 2 over every document: the assertions, comparisons and key points the rules find
    (definitions, examples and mentions go to `registry`)."""
    reader = Reader(registry, MentionFinder(registry))
    for ctx in contexts:
        for section in ctx.doc.sections:
            read_section(reader, ctx, section)
    name_positional(reader.findings, registry.find)
    return reader.findings


def read_section(reader: Reader, ctx: DocContext, section: Section) -> None:
    """The section's rules, then each block's (code, table, paragraph or list item), then
    the rules that read the section as a whole."""
    r = SectionReading.open(reader, ctx, section)
    for rule in SECTION.rules():
        rule.run(r)
    for block in section.blocks:
        if isinstance(block, Code):
            code = read_code(r, block)
            if code is not None:
                for code_rule in CODE.rules():
                    code_rule.run(r, code)
        elif isinstance(block, Table):
            _read_table(r, block)
        elif isinstance(block, (Paragraph, ListItem)):
            t = _read_text(r, Unit(block.text, block.line_start, block))
            for text_rule in TEXT.rules():
                text_rule.run(r, t)
        if not isinstance(block, ListItem):
            r.previous = block
    for rule in SECTION_END.rules():
        rule.run(r)


def _read_text(
    r: SectionReading, unit: Unit, row_subject: str | None = None, shape: str = ""
) -> TextReading:
    """A unit's mentions and sentences; every mention is recorded with its line."""
    mentions, doc = r.mentions(unit.text)
    for m in mentions:
        r.registry.add_mention(r.registry.find(m.key), r.evidence(unit.line_at(m.start)))
    return TextReading(unit, tuple(mentions), doc, row_subject, shape)


def _read_table(r: SectionReading, table: Table) -> None:
    t = read_table(r, table)
    for index, row in enumerate(table.rows):
        line = table.row_lines[index]
        cells: list[tuple[Mention, ...]] = []
        for column, cell in enumerate(row):
            subject = None
            if column > 0 and not has_relation_cue(row[0].text, r.lang):
                subject = _row_subject(row, cells[0], t.shape)
            unit = Unit(cell, line, table, index, column)
            reading = _read_text(r, unit, subject, t.shape)
            cells.append(reading.mentions)
            for cell_rule in CELL.rules():
                cell_rule.run(r, reading)
        first = r.label(row[0].text) if row and t.shape in ("terms", "comparison") else None
        reading_row = RowReading(index, row, tuple(cells), r.evidence(line), first)
        for row_rule in ROW.rules():
            row_rule.run(r, t, reading_row)
    for table_rule in TABLE.rules():
        table_rule.run(r, t)


def _row_subject(row: tuple[RichText, ...], first: tuple[Mention, ...], shape: str) -> str | None:
    """What a table row is about: the first concept of its first cell — unless that cell is
    a label spanning the whole cell outside a term table (a feature name, not a concept),
    or states something itself ("Requiere X")."""
    if not first:
        return None
    cell = row[0].text.strip()
    whole = first[0].start <= 2 and first[0].end >= len(cell) - 2
    if whole and shape != "terms" and not first[0].key.startswith("code:"):
        return None
    return first[0].key
