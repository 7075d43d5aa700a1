"""Statements: every unit the notes state, verbatim, with where it is.

A prose sentence, a list item (with the sentence that leads into its list), a table row (as
"aspect: value" pairs under its table's header), a code block and a heading each become one
`Statement`. Rules turn a few of them into typed relations; question answering ranks all of them
for a question, so what no rule understood can still answer it.

Reading is linear in the size of the document: sentences are split by one pass of a regular
expression without nested quantifiers, and each block is visited once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, Protocol

from kg.extract.lexicon import fold
from kg.extract.model import Concept
from kg.ingest.document import Code, Document, ListItem, Paragraph, RichText, Section, Table
from kg.lang import listed

__all__ = [
    "Statement",
    "StatementKind",
    "attach_mentions",
    "document_statements",
    "split_sentences",
]

StatementKind = Literal["sentence", "item", "row", "code", "heading"]

# A sentence ends at . ! ? or … followed by space and what can open a sentence (an opening
# mark, a capital of any language, a digit); decimal points, "e.g. x" (the `abbreviations` of
# every language), "fs.log_model" and file names do not end one.
_OPENERS = re.escape("".join(listed("opening_marks")))
_CAPITALS = re.escape("".join(listed("capitals")))
_SENTENCE_END = re.compile(rf"(?<=[.!?…])[\"')\]]?\s+(?=[{_OPENERS}\"'(*`\[]?[A-Z{_CAPITALS}0-9])")
_ABBREVIATION = re.compile(
    rf"(?:\b(?:{'|'.join(re.escape(a) for a in listed('abbreviations'))})\.)$", re.I
)
_MIN_SENTENCE = 4
_MAX_SENTENCE = 600  # a "sentence" longer than this (no punctuation) is cut at line breaks
_MAX_CODE_LINES = 40  # lines of a code statement: a longer block is read in pieces


@dataclass(frozen=True)
class Statement:
    """One unit the notes state.

    `text` is what the notes say (tables as "aspect: value" pairs); `context` is what a reader
    sees with it (a list's lead-in, a table's header, the sentence before a sentence in its
    paragraph: what "This" refers to). `mentions` are concept keys, filled in
    once concepts are resolved.
    """

    kind: StatementKind
    text: str
    context: str
    source: Path
    line: int
    line_end: int
    section_line: int
    heading_path: tuple[str, ...]
    language: str
    ordinal: int = 0  # the n-th statement starting on this line
    mentions: tuple[str, ...] = ()

    def with_mentions(self, keys: tuple[str, ...]) -> Statement:
        return replace(self, mentions=keys)


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Sentences of a paragraph with their character offsets, in order."""
    out: list[tuple[int, str]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        piece = text[start : match.start()]
        if _ABBREVIATION.search(piece[-8:]) or len(piece.strip()) < _MIN_SENTENCE:
            continue  # "e.g. X", "2. Flujo general": not the end of a sentence
        out.extend(_cut_long(start, piece))
        start = match.end()
    out.extend(_cut_long(start, text[start:]))
    return [(offset, s) for offset, s in out if s]


def _cut_long(offset: int, piece: str) -> list[tuple[int, str]]:
    """A run-on "sentence" (notebook exports, lists written as lines) is read line by line."""
    if len(piece) <= _MAX_SENTENCE or "\n" not in piece:
        stripped = piece.strip()
        return [(offset + piece.find(stripped), stripped)] if stripped else []
    out: list[tuple[int, str]] = []
    position = offset
    for line in piece.split("\n"):
        if line.strip():
            out.append((position + line.find(line.strip()), line.strip()))
        position += len(line) + 1
    return out


def document_statements(doc: Document, language: str) -> list[Statement]:
    """Every statement of a document, in document order."""
    out: list[Statement] = []
    seen_lines: dict[int, int] = {}
    for section in doc.sections:
        for stmt in _section_statements(doc, section, language):
            ordinal = seen_lines.get(stmt.line, 0)
            seen_lines[stmt.line] = ordinal + 1
            out.append(replace(stmt, ordinal=ordinal))
    return out


def _section_statements(doc: Document, section: Section, lang: str) -> Iterator[Statement]:
    def make(kind: StatementKind, text: str, context: str, line: int, end: int) -> Statement:
        return Statement(
            kind, text, context, doc.source, line, end, section.line_start,
            section.heading_path, lang,
        )  # fmt: skip

    if section.level > 0 and section.title.strip():
        yield make("heading", section.title.strip(), "", section.line_start, section.line_start)
    lead = ""  # the sentence that announces the list that follows
    parents: list[tuple[int, str]] = []  # enclosing list items: (depth, text)
    for block in section.blocks:
        if isinstance(block, ListItem):
            while parents and parents[-1][0] >= block.depth:
                parents.pop()
            context = parents[-1][1] if parents else lead
            text = block.text.text.strip()
            if text and not _links_within(block.text):
                yield make("item", _squash(text), context, block.line_start, block.line_end)
                parents.append((block.depth, _squash(text)))
            continue
        parents = []
        if isinstance(block, Paragraph):
            sentences = split_sentences(block.text.text)
            before = ""  # the sentence before in the paragraph: what "This" and "It" refer to
            for offset, sentence in sentences:
                line = block.line_start + block.text.text.count("\n", 0, offset)
                end = line + sentence.count("\n")
                yield make("sentence", _squash(sentence), before, line, end)
                before = _squash(sentence)
            lead = _squash(sentences[-1][1]) if sentences else ""
        elif isinstance(block, Table):
            yield from _rows(block, make)
            lead = ""
        elif isinstance(block, Code):
            yield from _code(block, make)
            lead = ""
        else:
            lead = ""


def _rows(table: Table, make: _Maker) -> Iterator[Statement]:
    header = [_squash(h.text) for h in table.header]
    context = " | ".join(h for h in header if h)
    for row, line in zip(table.rows, table.row_lines, strict=False):
        cells = [_squash(c.text) for c in row]
        if not any(cells):
            continue
        parts = []
        for n, cell in enumerate(cells):
            if not cell:
                continue
            aspect = header[n] if n < len(header) else ""
            # the first cell names the row; the others are its aspects
            parts.append(cell if n == 0 or not aspect else f"{aspect}: {cell}")
        yield make("row", " — ".join(parts), context, line, line)


def _code(block: Code, make: _Maker) -> Iterator[Statement]:
    lines = block.text.strip("\n").split("\n")
    if not any(line.strip() for line in lines):
        return
    # the code's own first line: a fenced block's first line is its fence
    first = block.line_start + (1 if block.line_end - block.line_start >= len(lines) else 0)
    for start, end in _pieces(lines):
        last = block.line_end if end == len(lines) else first + end - 1
        text = "\n".join(lines[start:end])
        yield make("code", text, block.language, first + start, last)


def _pieces(lines: list[str]) -> Iterator[tuple[int, int]]:
    """A code block's lines in pieces of at most `_MAX_CODE_LINES`, each ending at its last
    blank line past the half where there is one (a step of a script), blank lines between
    pieces left out: a long script's later steps are statements too ("STEP 3" of a
    workflow, 170 lines down, was in no statement)."""
    start = 0
    while start < len(lines):
        while 0 < start < len(lines) and not lines[start].strip():
            start += 1
        end = min(start + _MAX_CODE_LINES, len(lines))
        if end < len(lines):
            blank = [n for n in range(start + _MAX_CODE_LINES // 2, end) if not lines[n].strip()]
            end = blank[-1] if blank else end
        if start < end:
            yield start, end
        start = end


def _links_within(text: RichText) -> bool:
    """The text is one link to a place in its own document: an entry of a table of
    contents, which says again what the heading it points to says."""
    links = [s for s in text.spans if s.kind == "link" and s.target.startswith("#")]
    return (
        len(links) == 1
        and not text.text[: links[0].start].strip(" -*")
        and not (text.text[links[0].end :].strip(" ."))
    )


def _squash(text: str) -> str:
    return " ".join(text.split())


class _Maker(Protocol):  # the shape of `make` above, for the helpers' signatures
    def __call__(
        self, kind: StatementKind, text: str, context: str, line: int, end: int
    ) -> Statement: ...


def attach_mentions(statements: list[Statement], concepts: Iterable[Concept]) -> list[Statement]:
    """Each statement with the concepts extraction saw mentioned on its lines.

    Where several statements share a line, a concept goes to those whose text holds one of its
    names (or, for code, its last identifier).
    """
    by_line: dict[tuple[Path, int], set[str]] = {}
    names: dict[str, tuple[str, ...]] = {}
    for concept in concepts:
        places = [*concept.mentions, *(ev for _, ev in concept.examples)]
        places += [ev for _, ev in concept.definitions]
        for ev in places:
            by_line.setdefault((ev.source, ev.line), set()).add(concept.key)
        labels = (concept.label, *concept.alt_labels)
        names[concept.key] = tuple(
            {fold(lbl.split("(")[0].rsplit(".", 1)[-1]) for lbl in labels} - {""}
        )
    shared: dict[tuple[Path, int], int] = {}
    for stmt in statements:
        shared[(stmt.source, stmt.line)] = shared.get((stmt.source, stmt.line), 0) + 1
    out = []
    for stmt in statements:
        keys: set[str] = set()
        for line in range(stmt.line, min(stmt.line_end, stmt.line + _MAX_CODE_LINES) + 1):
            keys |= by_line.get((stmt.source, line), set())
        if shared[(stmt.source, stmt.line)] > 1 and keys:
            text = fold(stmt.text)
            keys = {k for k in keys if any(n in text for n in names.get(k, ()))}
        out.append(stmt.with_mentions(tuple(sorted(keys))))
    return out
