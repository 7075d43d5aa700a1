"""Names close to a question's words, for an answer that says the notes do not cover it
("Close concepts: …").

A word is compared (rapidfuzz WRatio) with the names that hold a word starting with its
first letter — a word of the name as written (`MlflowClient`: mlflow, client) — not with
every name of the graph: at 1,000 documents that is tens of thousands of names and 200 ms a
question, for suggestions that are typos or parts of names ("runtime": "ML Runtime";
"client": MlflowClient), which keep their first letter (as typos do for
`StatementIndex.is_misspelling`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from rapidfuzz import fuzz, process

from kg.extract.normalize import split_identifier
from kg.qa.word_index import WordIndex

__all__ = ["CloseNames"]


class CloseNames:
    """The names (`keys`: each folded name and the concepts it names, in the order given)
    and, built on first use, which of them hold a word starting with each letter: the
    name's words and those of its concepts' labels as written (`label`), which folding runs
    together ("mlflowclient")."""

    def __init__(self, keys: Mapping[str, Iterable[str]], label: Callable[[str], str]) -> None:
        self._concepts = keys
        self.keys = list(keys)
        self._label = label
        self._starts: WordIndex | None = None

    def close(self, word: str, limit: int, cutoff: float) -> list[tuple[str, float]]:
        """The `limit` names closest to `word` scoring `cutoff` or more, best first (ties in
        the order of the names)."""
        if not word:
            return []
        if self._starts is None:
            self._starts = WordIndex(self._first_letters(key) for key in self.keys)
        names = [self.keys[n] for n in self._starts.holding_any([word[:1]])]
        found = process.extract(word, names, scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff)
        return [(key, score) for key, score, _ in found]

    def _first_letters(self, key: str) -> frozenset[str]:
        """The first letters of the words of a name and of its concepts' labels."""
        labels = [self._label(iri) for iri in self._concepts[key]]
        return frozenset(w[:1] for name in (key, *labels) for w in split_identifier(name))
