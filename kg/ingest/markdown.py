"""Markdown text → blocks, with markdown-it-py (CommonMark + tables, raw HTML kept as text).

markdown-it tokens never leave this module: they become `Block`s with line spans in the
original file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token

from kg.ingest.document import (
    Block,
    Code,
    Heading,
    ListItem,
    Paragraph,
    RichText,
    Span,
    SpanKind,
    Table,
)
from kg.ingest.quirks import split_segments

__all__ = ["parse_markdown", "rich_text"]

_BR = re.compile(r"^<br\s*/?>$", re.IGNORECASE)
_TAG = re.compile(r"^</?[A-Za-z][^<>]*>$")
_MARKS: dict[str, SpanKind] = {"strong": "strong", "em": "emphasis", "link": "link"}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def rich_text(children: Sequence[Token] | None, *, drop_tags: bool = False) -> RichText:
    """Flatten inline tokens to plain text, keeping code, bold, emphasis and links as spans.

    Line breaks inside a paragraph stay as newlines, so an offset maps back to a source line.
    `drop_tags` removes inline HTML/JSX tags (MDX) instead of keeping them as text.
    """
    parts: list[str] = []
    spans: list[Span] = []
    open_marks: list[tuple[SpanKind, int, str]] = []
    length = 0

    def add(text: str) -> None:
        nonlocal length
        parts.append(text)
        length += len(text)

    for tok in children or ():
        kind = tok.type
        if kind == "text":
            add(tok.content)
        elif kind == "code_inline":
            start = length
            add(tok.content)
            spans.append(Span("code", start, length))
        elif kind in ("softbreak", "hardbreak"):
            add("\n")
        elif kind == "html_inline":
            if _BR.match(tok.content.strip()):
                add("\n")
            elif not (drop_tags and _TAG.match(tok.content.strip())):
                add(tok.content)
        elif kind == "image":
            add(tok.content)
        elif kind.endswith("_open") and kind[:-5] in _MARKS:
            target = str(tok.attrs.get("href", "")) if kind == "link_open" else ""
            open_marks.append((_MARKS[kind[:-5]], length, target))
        elif kind.endswith("_close") and kind[:-6] in _MARKS:
            mark = _MARKS[kind[:-6]]
            for j in range(len(open_marks) - 1, -1, -1):
                if open_marks[j][0] == mark:
                    _, start, target = open_marks.pop(j)
                    if length > start:
                        spans.append(Span(mark, start, length, target))
                    break
    spans.sort(key=lambda s: (s.start, s.end))
    return RichText("".join(parts), tuple(spans))


def _split_row(line: str) -> list[str]:
    """Cells of a raw table row, for the cells markdown-it drops past the header's width."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [c.strip() for c in re.split(r"(?<!\\)\|", body)]


def _table(tokens: list[Token], i: int, lines: Sequence[str], offset: int) -> tuple[Table, int]:
    """Read a table starting at tokens[i] (table_open); return it and the index after it."""
    open_tok = tokens[i]
    header: list[RichText] = []
    rows: list[tuple[RichText, ...]] = []
    row_lines: list[int] = []
    current: list[RichText] = []
    in_head = False
    row_line = 0
    j = i + 1
    while j < len(tokens) and tokens[j].type != "table_close":
        tok = tokens[j]
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            current = []
            row_line = (tok.map[0] if tok.map else 0) + offset
        elif tok.type == "inline":
            current.append(rich_text(tok.children))
        elif tok.type == "tr_close":
            raw = lines[row_line - offset] if 0 <= row_line - offset < len(lines) else ""
            extra = _split_row(raw)[len(current) :]
            current.extend(RichText(c) for c in extra if c)
            if in_head:
                header = current
            else:
                rows.append(tuple(current))
                row_lines.append(row_line + 1)
        j += 1
    start, end = open_tok.map or (0, 1)
    table = Table(start + offset + 1, end + offset, tuple(header), tuple(rows), tuple(row_lines))
    return table, j + 1


def _blocks(tokens: list[Token], lines: Sequence[str], offset: int, mdx: bool) -> list[Block]:
    blocks: list[Block] = []
    list_depth = 0
    ordered: list[bool] = []
    item_line: list[int] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        span = (tok.map[0] + offset + 1, tok.map[1] + offset) if tok.map else None
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
            ordered.append(tok.type == "ordered_list_open")
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
            ordered.pop()
        elif tok.type == "list_item_open" and span:
            item_line.append(span[0])
        elif tok.type == "list_item_close" and item_line:
            item_line.pop()
        elif tok.type == "heading_open" and span:
            text = rich_text(tokens[i + 1].children, drop_tags=mdx)
            blocks.append(Heading(span[0], span[1], int(tok.tag[1:]), text))
            i += 3
            continue
        elif tok.type == "paragraph_open" and span:
            text = rich_text(tokens[i + 1].children, drop_tags=mdx)
            if text.text.strip():
                if list_depth and item_line and item_line[-1] == span[0]:
                    blocks.append(ListItem(span[0], span[1], text, list_depth, ordered[-1]))
                else:
                    blocks.append(Paragraph(span[0], span[1], text))
            i += 3
            continue
        elif tok.type in ("fence", "code_block") and span:
            lang = tok.info.strip().split()[0] if tok.info.strip() else ""
            blocks.append(Code(span[0], max(span[1], span[0]), lang, tok.content.rstrip("\n")))
        elif tok.type == "html_block" and span and not mdx:
            shown = html_text(tok.content)
            if shown:
                blocks.append(Paragraph(span[0], span[1], RichText(shown)))
        elif tok.type == "table_open":
            table, i = _table(tokens, i, lines, offset)
            blocks.append(table)
            continue
        i += 1
    return blocks


class _TextOf(HTMLParser):
    """The text an HTML block shows: its character data, tags and comments left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []

    def handle_data(self, data: str) -> None:
        self.pieces.append(data)


def html_text(raw: str) -> str:
    """The text a reader sees of an HTML block ("<div><h1>Title</h1><img …></div>" →
    "Title"), read by the standard library's HTML parser; empty for markup alone."""
    parser = _TextOf()
    parser.feed(raw)
    parser.close()
    return " ".join(" ".join(parser.pieces).split())


def parse_markdown(text: str, *, mdx: bool = False) -> list[Block]:
    """Parse markdown (with the notebook-export quirks) into blocks with source line spans."""
    # markdown-it also breaks lines at a lone CR; normalize so its line numbers match ours
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    for seg in split_segments(lines, mdx=mdx):
        if seg.kind == "code":
            body = "\n".join(seg.lines[1:]).rstrip("\n")  # leading lines kept: line numbers
            last = seg.first_line + len(seg.lines) - 1
            while last > seg.first_line and not lines[last - 1].strip():
                last -= 1
            blocks.append(Code(seg.first_line, last, "python", body))
            continue
        tokens = _parser().parse("\n".join(seg.lines))
        blocks.extend(_blocks(tokens, seg.lines, seg.first_line - 1, mdx))
    return blocks
