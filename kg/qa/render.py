"""How answers are written: markdown lines, tables, quotes, citations, the 2000-character cut.

Handlers decide what an answer says; this module decides how it looks, so every answer quotes,
cites and tabulates the same way. Pure functions over strings and evidence, no graph access;
the names files are cited by in an answer's text are set for the answer being written
(`files_named`).
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model imports `clip_answer` from here: types only, no cycle
    from kg.qa.model import EvidenceRef

__all__ = [
    "MAX_ANSWER",
    "MAX_EXAMPLE_LINES",
    "cell",
    "cite",
    "clip_answer",
    "code_example",
    "evidence_line",
    "files_named",
    "place",
    "quote",
    "short_names",
    "table_head",
    "table_row",
]

MAX_ANSWER = 2000
MAX_EXAMPLE_LINES = 14


def clip_answer(text: str, limit: int = MAX_ANSWER) -> str:
    """`text` within `limit` characters, cut at a line end, with an open code fence closed
    and "…" where lines were left off."""
    if len(text) <= limit:
        return text
    room = limit - len("\n```\n…")
    cut = text[:room]
    if "\n" in cut:
        cut = cut[: cut.rindex("\n")]
    if cut.count("```") % 2:
        cut += "\n```"
    return cut + "\n…"


def quote(text: str, limit: int = 160) -> str:
    """`text` on one line, cut to `limit` characters with "…"."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cell(text: str) -> str:
    """`text` as one markdown table cell: one line, no column bars."""
    return " ".join(text.replace("|", "/").split())


# the name each file is cited by in the answer being written (`files_named`); a file without
# one is cited by its source path
_NAMES: ContextVar[Mapping[str, str]] = ContextVar("kg_file_names", default=MappingProxyType({}))


def short_names(sources: Iterable[str]) -> dict[str, str]:
    """Each source path's shortest ending, in whole path parts, that no other source ends
    with: "guide.md" for "data/guide.md", "x/README.md" and "y/README.md" for two READMEs.
    An answer's text cites files by it (its items keep the whole path): a path of 60
    characters repeated on every line took a third of the 2,000 characters a reader reads."""
    parts = {s: tuple(p for p in re.split(r"[/\\]", s) if p) or (s,) for s in set(sources)}
    endings = Counter(own[-k:] for own in parts.values() for k in range(1, len(own) + 1))
    out: dict[str, str] = {}
    for source, own in parts.items():
        k = next(k for k in range(1, len(own) + 1) if k == len(own) or endings[own[-k:]] == 1)
        out[source] = "/".join(own[-k:]) if k < len(own) else source
    return out


@contextlib.contextmanager
def files_named(names: Mapping[str, str]) -> Iterator[None]:
    """Cite files by `names` (`short_names`) while an answer is written."""
    token = _NAMES.set(names)
    try:
        yield
    finally:
        _NAMES.reset(token)


def place(source: str, line: int) -> str:
    """Where a line is, as an answer's text cites it: `file:line`."""
    return f"{_NAMES.get().get(source, source)}:{line}"


def cite(evidence: EvidenceRef) -> str:
    """Where a piece of evidence is: `file:line` (`place`)."""
    return place(evidence.source, evidence.line)


def evidence_line(evidence: EvidenceRef, limit: int, *, source: bool = True) -> str:
    """A list item quoting the evidence, with its place (`source:line`, or the line alone when
    the answer already names the file)."""
    where = cite(evidence) if source else str(evidence.line)
    return f"- {quote(evidence.text, limit)} ({where})"


def table_head(cells: Sequence[str]) -> str:
    """A markdown table's header row and rule; an empty corner cell is written `| |`."""
    head = "|" + "".join(f" {c} |" if c else " |" for c in cells)
    return head + "\n" + "|---" * len(cells) + "|"


def table_row(cells: Sequence[str]) -> str:
    """One markdown table row of cells already made safe with `cell`."""
    return "| " + " | ".join(cells) + " |"


def code_example(code: str, title: str, limit: int = MAX_EXAMPLE_LINES) -> str:
    """A python code block under a title, its first `limit` lines."""
    shown = "\n".join(code.strip("\n").split("\n")[:limit])
    return f"\n{title}:\n```python\n{shown}\n```"
