"""Text units of a section — a paragraph, a list item, a table cell — with their source lines,
and evidence built from the repaired source line (so it is always a substring of it)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from kg.extract.model import Evidence
from kg.extract.patterns import strip_table_pipe
from kg.ingest.document import Block, Document, RichText, Section

__all__ = ["Unit", "evidence", "line_text"]

_LEAD = re.compile(r"^\s*(?:[-*+>]\s+|\d+[.)]\s+|\|\s*)+")


def line_text(doc: Document, line: int) -> str:
    """The repaired source line, without list markers, quote marks or outer table pipes."""
    if not 1 <= line <= len(doc.lines):
        return ""
    raw = doc.lines[line - 1]
    return strip_table_pipe(_LEAD.sub("", raw)).strip()


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
        return self.first_line + bisect_right(self._breaks, max(offset, 0) - 1)

    @cached_property
    def _breaks(self) -> list[int]:
        """Offsets of the text's line breaks, found once (a long text has many mentions)."""
        text = self.text.text
        return [i for i, char in enumerate(text) if char == "\n"]
