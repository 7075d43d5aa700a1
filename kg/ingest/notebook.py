"""Jupyter notebooks (.ipynb): markdown cells are markdown, code cells are code blocks.

Both notebook formats still found in notes are read: nbformat 4 (`cells`, code in `source`)
and nbformat 3 (`worksheets[].cells`, code in `input`, `heading` cells with a `level`). The
`nbformat` package converts between them too, but it brings jsonschema and traitlets for the
three keys that differ.

Line numbers are those of the .ipynb file itself: each cell source line is located in the JSON
text, so a user can open the notebook file at the line an answer cites. The document's `lines`
hold the decoded cell text at those line numbers, so evidence is readable there.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.errors import MalformedDocumentError
from kg.ingest.document import Block, Code, Table
from kg.ingest.markdown import parse_markdown

__all__ = ["parse_notebook"]


def _remap(block: Block, line_of: Callable[[int], int]) -> Block:
    """The block with its (cell-relative) line numbers mapped to file line numbers."""
    changes: dict[str, Any] = {
        "line_start": line_of(block.line_start),
        "line_end": line_of(block.line_end),
    }
    if isinstance(block, Table):
        changes["row_lines"] = tuple(line_of(n) for n in block.row_lines)
    return dataclasses.replace(block, **changes)


def _source_lines(source: Any) -> list[str]:
    """A cell's source as nbformat stores it: a list of strings or one string."""
    if isinstance(source, list):
        return [str(s) for s in source]
    return [str(source)] if source else []


def _cells(nb: Any) -> list[Any] | None:
    """The notebook's cells in order: nbformat 4's `cells`, or nbformat 3's worksheets' cells."""
    if not isinstance(nb, dict):
        return None
    if isinstance(nb.get("cells"), list):
        return list(nb["cells"])
    sheets = nb.get("worksheets")
    if not isinstance(sheets, list):
        return None
    # a worksheet that is not one, or holds no cells, holds nothing to read
    found = [s.get("cells") for s in sheets if isinstance(s, dict)]
    return [cell for sheet in found if isinstance(sheet, list) for cell in sheet]


def _heading_marks(cell: dict[str, Any]) -> str:
    """The markdown marks of an nbformat 3 heading cell: `## ` for level 2."""
    level = cell.get("level")
    if not isinstance(level, int) or isinstance(level, bool):
        level = 1
    return "#" * min(max(level, 1), 6) + " "


class _Locator:
    """Finds each cell source string in the JSON text, moving forward only."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.cursor = 0

    def line_of_next(self, piece: str) -> int:
        for ensure_ascii in (False, True):
            needle = json.dumps(piece, ensure_ascii=ensure_ascii)
            pos = self.raw.find(needle, self.cursor)
            if pos >= 0:
                self.cursor = pos + len(needle)
                return self.raw.count("\n", 0, pos) + 1
        return self.raw.count("\n", 0, self.cursor) + 1


def parse_notebook(text: str, path: Path) -> tuple[list[Block], list[str]]:
    """Parse notebook JSON into blocks; also return the file's lines with cell text in place.

    Raises:
        MalformedDocumentError: the file is not notebook JSON.
    """
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as err:
        raise MalformedDocumentError(path, f"invalid notebook JSON: {err.msg}", err.lineno) from err
    cells = _cells(nb)
    if cells is None:
        raise MalformedDocumentError(
            path, "not a Jupyter notebook (no 'cells' list, nor nbformat 3 'worksheets')"
        )
    sheets = not isinstance(nb.get("cells"), list)  # nbformat 3: code in `input`
    meta = nb.get("metadata") if isinstance(nb.get("metadata"), dict) else {}
    kernel = (meta or {}).get("kernelspec") or {}
    info = (meta or {}).get("language_info") or {}
    language = str(kernel.get("language") or info.get("name") or "python")

    lines = text.split("\n")
    locate = _Locator(text)
    blocks: list[Block] = []
    for cell in cells:
        if not isinstance(cell, dict):
            continue
        source_key = "input" if sheets and cell.get("cell_type") == "code" else "source"
        pieces = _source_lines(cell.get(source_key, []))
        cell_lines: list[str] = []
        file_line: list[int] = []
        for piece in pieces:
            at = locate.line_of_next(piece)
            subs = (piece[:-1] if piece.endswith("\n") else piece).split("\n")
            cell_lines.extend(subs)
            file_line.extend([at] * len(subs))
            if len(subs) == 1 and 0 < at <= len(lines):
                lines[at - 1] = subs[0]
        if not cell_lines or not "".join(cell_lines).strip():
            continue

        def line_of(n: int, table: list[int] = file_line) -> int:
            return table[min(max(n, 1), len(table)) - 1]

        kind = cell.get("cell_type")
        if kind == "code" and cell_lines[0].strip().startswith("%md"):
            kind, cell_lines[0] = "markdown", cell_lines[0].strip()[3:]
        if kind == "heading":  # one heading, its lines joined (as nbformat's v3 → v4 does)
            words = " ".join(line.strip() for line in cell_lines if line.strip())
            kind, cell_lines = "markdown", [_heading_marks(cell) + words]
        if kind in ("markdown", "raw"):
            blocks.extend(_remap(b, line_of) for b in parse_markdown("\n".join(cell_lines)))
        elif kind == "code":
            body = "\n".join(cell_lines).strip("\n")
            own = cell.get("language")  # nbformat 3 names each code cell's language
            named = own if isinstance(own, str) and own.strip() else language
            blocks.append(Code(file_line[0], file_line[-1], named, body))
    return blocks, lines
