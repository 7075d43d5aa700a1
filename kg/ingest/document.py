"""The structure ingestion produces: Document → Section → Block, all frozen dataclasses.

Every block carries its 1-based, inclusive line span in the original file. These are the only
ingest types that cross into later layers; parser tokens stay inside `kg.ingest`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Literal

SpanKind = Literal["code", "strong", "emphasis", "link"]


@dataclass(frozen=True)
class Span:
    """A marked range `[start, end)` of a RichText's plain text (inline code, bold, ...)."""

    kind: SpanKind
    start: int
    end: int
    target: str = ""  # link destination, empty otherwise


@dataclass(frozen=True)
class RichText:
    """Plain text plus the inline structure (code, bold, emphasis, links) that marked it."""

    text: str
    spans: tuple[Span, ...] = ()

    def marked(self, kind: SpanKind) -> list[str]:
        """The substrings marked with `kind`, in order."""
        return [self.text[s.start : s.end] for s in self.spans if s.kind == kind]

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Block:
    """Base of every block: a line span in the source file (1-based, inclusive)."""

    kind: ClassVar[str] = "block"
    line_start: int
    line_end: int


@dataclass(frozen=True)
class Heading(Block):
    kind: ClassVar[str] = "heading"
    level: int
    text: RichText


@dataclass(frozen=True)
class Paragraph(Block):
    kind: ClassVar[str] = "paragraph"
    text: RichText


@dataclass(frozen=True)
class ListItem(Block):
    kind: ClassVar[str] = "list_item"
    text: RichText
    depth: int = 1
    ordered: bool = False


@dataclass(frozen=True)
class Table(Block):
    kind: ClassVar[str] = "table"
    header: tuple[RichText, ...]
    rows: tuple[tuple[RichText, ...], ...]
    row_lines: tuple[int, ...]  # the source line of each row


@dataclass(frozen=True)
class Code(Block):
    kind: ClassVar[str] = "code"
    language: str
    text: str


@dataclass(frozen=True)
class Section:
    """A heading and the blocks directly under it, up to the next heading of any level.

    `line_end` covers the subsections too: a section spans until the next heading of the same
    or a higher level. `level` 0 is the text before the first heading.
    """

    title: str
    level: int
    heading_path: tuple[str, ...]
    line_start: int
    line_end: int
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Document:
    """One source file as ingestion saw it."""

    source: Path
    format: str  # markdown, notebook, rst, text
    encoding: str
    encoding_repaired: bool
    line_count: int
    sections: tuple[Section, ...] = ()
    lines: tuple[str, ...] = field(default=(), repr=False)  # the repaired text, by line

    @property
    def blocks(self) -> list[Block]:
        """Every block of the document, in order."""
        return [b for s in self.sections for b in s.blocks]

    def top_level_sections(self) -> list[Section]:
        """The sections that are the document's topics.

        These are the sections at the shallowest heading level; when a single heading at that
        level wraps everything (a document title), its children are the topics instead.
        """
        headed = [s for s in self.sections if s.level > 0]
        if not headed:
            return []
        top = min(s.level for s in headed)
        tops = [s for s in headed if s.level == top]
        if len(tops) == 1:
            below = [s for s in headed if s.level > top]
            if below:
                nxt = min(s.level for s in below)
                return [s for s in below if s.level == nxt]
        return tops


def _rich_dict(text: RichText) -> dict[str, object]:
    out: dict[str, object] = {"text": text.text}
    if text.spans:
        out["spans"] = [
            {
                "kind": s.kind,
                "start": s.start,
                "end": s.end,
                **({"target": s.target} if s.target else {}),
            }
            for s in text.spans
        ]
    return out


def block_to_dict(block: Block) -> dict[str, object]:
    """A JSON-ready view of a block (what `kg inspect --json` prints)."""
    out: dict[str, object] = {
        "kind": block.kind,
        "line_start": block.line_start,
        "line_end": block.line_end,
    }
    if isinstance(block, Heading):
        out["level"] = block.level
        out.update(_rich_dict(block.text))
    elif isinstance(block, ListItem):
        out["depth"] = block.depth
        out["ordered"] = block.ordered
        out.update(_rich_dict(block.text))
    elif isinstance(block, Paragraph):
        out.update(_rich_dict(block.text))
    elif isinstance(block, Table):
        out["header"] = [c.text for c in block.header]
        out["rows"] = [[c.text for c in row] for row in block.rows]
        out["row_lines"] = list(block.row_lines)
        out["code"] = sorted(
            {m for row in (block.header, *block.rows) for c in row for m in c.marked("code")}
        )
        out["strong"] = sorted(
            {m for row in (block.header, *block.rows) for c in row for m in c.marked("strong")}
        )
    elif isinstance(block, Code):
        out["language"] = block.language
        out["text"] = block.text
    return out


def document_to_dict(doc: Document) -> dict[str, object]:
    """A JSON-ready view of a document (what `kg inspect --json` prints)."""
    return {
        "source": doc.source.as_posix(),
        "format": doc.format,
        "encoding": doc.encoding,
        "encoding_repaired": doc.encoding_repaired,
        "line_count": doc.line_count,
        "sections": [
            {
                "title": s.title,
                "level": s.level,
                "heading_path": list(s.heading_path),
                "line_start": s.line_start,
                "line_end": s.line_end,
                "blocks": [block_to_dict(b) for b in s.blocks],
            }
            for s in doc.sections
        ],
    }
