"""Text units of a section — a paragraph, a list item, a table cell — with their source lines,
and evidence built from the repaired source line (so it is always a substring of it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.model import Evidence
from kg.ingest.document import Block, Document, RichText, Section

__all__ = ["Unit", "evidence", "line_text"]

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
