"""Text units of a section — a paragraph, a list item, a table cell — with their source lines,
and evidence built from the repaired source line (so it is always a substring of it)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.extract.model import Evidence
from kg.ingest.document import Block, Document, ListItem, Paragraph, RichText, Section, Table

__all__ = ["Unit", "evidence", "iter_units", "line_text"]

_LEAD = re.compile(r"^\s*(?:[-*+>]\s+|\d+[.)]\s+|\|\s*)+")
_TRAIL = re.compile(r"\s*\|\s*$")


def line_text(doc: Document, line: int) -> str:
    """The repaired source line, without list markers, quote marks or outer table pipes."""
    if not 1 <= line <= len(doc.lines):
        return ""
    raw = doc.lines[line - 1]
    return _TRAIL.sub("", _LEAD.sub("", raw)).strip()


def evidence(doc: Document, section: Section, line: int) -> Evidence:
    return Evidence(doc.source, section.line_start, line, line_text(doc, line))


@dataclass(frozen=True)
class Unit:
    """A piece of text to read, where it is, and (for tables) its row and column."""

    text: RichText
    first_line: int
    block: Block
    row: int = -1  # table row index, -1 outside tables
    column: int = -1

    def line_at(self, offset: int) -> int:
        """The source line of a character offset (line breaks are kept in the text)."""
        return self.first_line + self.text.text.count("\n", 0, max(offset, 0))


def iter_units(section: Section) -> Iterator[Unit]:
    """Every paragraph, list item and table cell of a section, in order."""
    for block in section.blocks:
        if isinstance(block, (Paragraph, ListItem)):
            yield Unit(block.text, block.line_start, block)
        elif isinstance(block, Table):
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    if cell.text.strip():
                        yield Unit(cell, block.row_lines[r], block, r, c)
