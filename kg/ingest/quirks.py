"""Line-level fixes for notebook exports and MDX, applied before markdown parsing.

Every fix keeps the line count, so line numbers stay those of the original file:
- a line `In [N]:` starts an unfenced code cell (a Jupyter export); the cell is cut out as
  code, so its `# comments` never become headings;
- `#Title` without the space, outside code, is a heading;
- YAML front matter, MDX `import`/`export` lines and lines holding only JSX tags are blanked;
- a table written right under a list item's line (no blank line) starts a segment of its own,
  so it is read as the table GitHub and Jupyter show, not as more of the item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Segment", "split_segments"]

_CELL_PROMPT = re.compile(r"^\s*In\s*\[\s*[\d*]*\s*\]:\s*$")
_HEADING_NO_SPACE = re.compile(r"^(#{1,6})(?=[^\W\d_])")
_HASHTAG_LIST = re.compile(r"\s#[^\W\d_]")
_ATX_HEADING = re.compile(r"^\s{0,3}#{2,6}(\s|$)")
_TABLE_ROW = re.compile(r"^\s*\|")
_TABLE_AT_MARGIN = re.compile(r"^ ?\|")
_DELIMITER_CELL = re.compile(r"\s*:?-+:?\s*")  # "---", ":--", " --: "
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d{1,9}[.)])\s")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_MDX_MODULE = re.compile(r"^(import|export)\s")
_JSX_ONLY = re.compile(r"^\s*(<(/?[A-Z][\w.]*)(\s[^<>]*)?/?>\s*)+$")


@dataclass(frozen=True)
class Segment:
    """A run of source lines: markdown to parse, or a code cell cut out of the export.

    `first_line` is the 1-based line number of `lines[0]` in the original file.
    """

    kind: str  # "markdown" or "code"
    first_line: int
    lines: tuple[str, ...]


def _cell_end(lines: list[str], start: int) -> int:
    """Index one past the last line of the cell whose body starts at `start`."""
    i = start
    while i < len(lines):
        line = lines[i]
        if _CELL_PROMPT.match(line):
            return i
        if not line.strip():
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            if not nxt.strip() or _ATX_HEADING.match(nxt) or _TABLE_ROW.match(nxt):
                return i
        i += 1
    return i


def _fence_state(line: str, fence: str | None) -> tuple[bool, str | None]:
    """Whether `line` is a fence line, and the open fence marker after it."""
    m = _FENCE.match(line)
    if not m:
        return False, fence
    marker = m.group(1)
    if fence is None:
        return True, marker
    if marker[0] == fence[0] and len(marker) >= len(fence) and not line[m.end() :].strip():
        return True, None
    return True, fence


def _fix_markdown_lines(lines: list[str], mdx: bool, file_start: bool) -> list[str]:
    """Add the missing space after `#`, blank front matter and MDX module/JSX lines."""
    out = list(lines)
    fence: str | None = None
    if file_start and out and out[0].strip() == "---":
        for j in range(1, len(out)):
            if out[j].strip() in ("---", "..."):
                out[: j + 1] = [""] * (j + 1)
                break
    for i, line in enumerate(out):
        is_fence, fence = _fence_state(line, fence)
        if is_fence or fence is not None:
            continue
        if mdx and (_MDX_MODULE.match(line) or _JSX_ONLY.match(line)):
            out[i] = ""
            continue
        h = _HEADING_NO_SPACE.match(line)
        if h and not _HASHTAG_LIST.search(line):
            out[i] = f"{h.group(1)} {line[h.end() :]}"
    return out


def _lazy_table(lines: list[str], i: int) -> bool:
    """Whether line `i` opens a table (a row, then a delimiter row) at the margin, right
    under a line of a list item's paragraph (no blank line between)."""
    if not (_TABLE_AT_MARGIN.match(lines[i]) and i + 1 < len(lines)):
        return False
    if not _is_delimiter_row(lines[i + 1]) or i == 0 or not lines[i - 1].strip():
        return False
    if _TABLE_ROW.match(lines[i - 1]):
        return False
    start = i - 1  # the block of lines above, back to a blank line
    while start > 0 and lines[start - 1].strip():
        start -= 1
    return any(_LIST_ITEM.match(line) for line in lines[start:i])


def _is_delimiter_row(line: str) -> bool:
    """A table's delimiter row: cells of dashes (colons for alignment) between pipes
    ("| --- |", "|:--|--:|"); a line of dashes alone is a rule."""
    cells = line.strip().strip("|").split("|")
    return "|" in line and all(_DELIMITER_CELL.fullmatch(cell) for cell in cells)


def split_segments(lines: list[str], *, mdx: bool = False) -> list[Segment]:
    """Split a markdown file's lines into markdown segments and notebook-export code cells."""
    segments: list[Segment] = []
    chunk_start = 0
    fence: str | None = None
    i = 0
    while i < len(lines):
        is_fence, fence = _fence_state(lines[i], fence)
        if not is_fence and fence is None and i > chunk_start and _lazy_table(lines, i):
            # a table written right under a list item's line: GitHub and Jupyter show a
            # table; CommonMark reads its rows as more of the item ("Qué es ruido | Tipo |
            # Ejemplo | --- |"). It starts a segment of its own.
            segments.append(Segment("markdown", chunk_start + 1, tuple(lines[chunk_start:i])))
            chunk_start = i
        if not is_fence and fence is None and _CELL_PROMPT.match(lines[i]):
            if i > chunk_start:
                segments.append(Segment("markdown", chunk_start + 1, tuple(lines[chunk_start:i])))
            end = _cell_end(lines, i + 1)
            # the prompt line itself belongs to the cell, so the span starts there
            segments.append(Segment("code", i + 1, tuple(lines[i:end])))
            chunk_start = i = end
            continue
        i += 1
    if chunk_start < len(lines):
        segments.append(Segment("markdown", chunk_start + 1, tuple(lines[chunk_start:])))
    return [
        Segment(
            s.kind, s.first_line, tuple(_fix_markdown_lines(list(s.lines), mdx, s.first_line == 1))
        )
        if s.kind == "markdown"
        else s
        for s in segments
    ]
