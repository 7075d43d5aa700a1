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
        self._sized: dict[tuple[int, float], list[str]] = {}

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

    def nearest(self, text: str, cutoff: float) -> str | None:
        """The name closest to `text` by rapidfuzz ratio, if one scores `cutoff` or more (ties:
        the first in order)."""
        found = process.extractOne(
            text, self._of_length(len(text), cutoff), scorer=fuzz.ratio, score_cutoff=cutoff
        )
        return None if found is None else str(found[0])

    def _of_length(self, size: int, cutoff: float) -> list[str]:
        """The names (in order) long or short enough to score `cutoff` against a text of
        `size` characters: the ratio is at most 200·min/(sum of the lengths), as every
        character one has more than the other is an edit. Comparing only those instead of all
        of them took linking's fuzzy passes from 0.96 to 0.40 s over the 90 development
        questions at 1,000 documents (43,000 names), with the same names found."""
        if (size, cutoff) not in self._sized:
            self._sized[size, cutoff] = [
                key for key in self.keys
                if not size + len(key) or 200 * min(size, len(key)) / (size + len(key)) >= cutoff
            ]  # fmt: skip
        return self._sized[size, cutoff]

    def _first_letters(self, key: str) -> frozenset[str]:
        """The first letters of the words of a name and of its concepts' labels."""
        labels = [self._label(iri) for iri in self._concepts[key]]
        return frozenset(w[:1] for name in (key, *labels) for w in split_identifier(name))
