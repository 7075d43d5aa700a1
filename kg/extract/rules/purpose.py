"""Purpose clauses: what a sentence says a requirement is for is not what is required.

- a leading purpose ("To filter runs, you must ...", "Si el modelo está en UC, ..."): the
  mentions before its comma are not the subject;
- a clause naming what a requirement serves ("... must be set for CI/CD to work", "... para
  que el endpoint funcione"): what it names is not required.

Both are read in linear time: the leading clause is looked for in the first characters of the
text only, the clauses' patterns scan a bounded window per start (see `_clause_patterns`), and
the spans found are asked with a binary search.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from kg.extract.cues import section_cues
from kg.extract.mentions import Mention
from kg.extract.nlp import fold

__all__ = ["PURPOSE_SCAN", "PurposeClauses", "purpose_end"]

PURPOSE_SCAN = 200  # characters: a leading purpose clause ends at a comma before this
_LABEL = re.compile(r"^[^,:]{1,30}:\s*")  # "Nota de examen: Si ..."
_CLAUSE_GAP = 60  # characters a "*" of a purpose clause stands for


def purpose_end(text: str, cue_start: int) -> int:
    """End of a leading purpose clause ("To filter runs, you must ...") before the cue, or 0.
    The clause opens the text and ends at its first comma outside parentheses, within the
    first `PURPOSE_SCAN` characters."""
    scanned = text[: min(cue_start, PURPOSE_SCAN)]
    head = fold(scanned).lstrip()
    label = _LABEL.match(head)
    if label:
        head = head[label.end() :]
    comma = _top_level_comma(head)
    if comma < 0:
        return 0
    for opener in section_cues().get("purpose_openers", ()):
        if head.startswith(opener + " "):
            return len(scanned) - len(head) + comma + 1
    return 0


def _top_level_comma(text: str) -> int:
    """Index of the first comma outside parentheses ("To update (comments, aliases), ...")."""
    depth = 0
    for i, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0:
            return i
    return -1


class PurposeClauses:
    """The spans of a text's purpose clauses ("for CI/CD to work"), found once."""

    def __init__(self, text: str) -> None:
        spans = sorted(
            (m.start(), m.end()) for pattern in _clause_patterns() for m in pattern.finditer(text)
        )
        self._starts = [s for s, _ in spans]
        self._reach: list[int] = []  # the furthest end of the spans so far
        for _, end in spans:
            self._reach.append(max(end, self._reach[-1] if self._reach else end))

    def holds(self, mention: Mention) -> bool:
        """Whether a purpose clause holds the whole mention."""
        k = bisect_right(self._starts, mention.start)
        return k > 0 and self._reach[k - 1] >= mention.end


@lru_cache(maxsize=1)
def _clause_patterns() -> tuple[re.Pattern[str], ...]:
    """The `purpose_clauses` cues as patterns: "*" stands for a few words of one clause (at
    most `_CLAUSE_GAP` characters, so each attempt scans a bounded window)."""
    out = []
    for cue in section_cues()["purpose_clauses"]:
        parts = [re.escape(p.strip()) for p in cue.split("*")]
        body = rf"[^,.;:]{{1,{_CLAUSE_GAP}}}?".join(parts)
        out.append(re.compile(rf"\b{body}\w*", re.IGNORECASE))
    return tuple(out)
