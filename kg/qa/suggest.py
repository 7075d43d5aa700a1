"""Names close to a question's words, for an answer that says the notes do not cover it
("Close concepts: …").

A word is compared (rapidfuzz WRatio) with the names that hold a word starting with the same
two letters, not with every name of the graph: at 1,000 documents that is tens of thousands
of names and 200 ms a question, for suggestions that are typos or parts of names ("runtime":
"ML Runtime"), which keep their first letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from kg.qa.word_index import WordIndex

__all__ = ["CloseNames"]

_WORD = re.compile(r"[^\W_]+")
_START = 2  # letters a word and a name's word share at the start to be compared


class CloseNames:
    """The names (`keys`, in the order given) and, built on first use, which of them hold a
    word starting with each two letters."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.keys = list(keys)
        self._starts: WordIndex | None = None

    def close(self, word: str, limit: int, cutoff: float) -> list[tuple[str, float]]:
        """The `limit` names closest to `word` scoring `cutoff` or more, best first (ties in
        the order of the names)."""
        if self._starts is None:
            self._starts = WordIndex(
                frozenset(w[:_START] for w in _WORD.findall(key)) for key in self.keys
            )
        names = [self.keys[n] for n in self._starts.holding_any([word[:_START]])]
        found = process.extract(word, names, scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff)
        return [(key, score) for key, score, _ in found]
