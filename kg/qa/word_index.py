"""Sets of words (concept names, section titles) indexed by word: which of them hold a set of
words, found without reading every one of a large graph (tens of thousands of names at 1,000
documents). Linking looks for wider names and names a question holds apart with it; section
ranking for the titles that share a word with a question."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

__all__ = ["WordIndex"]


class WordIndex:
    """The word sets (`sets`, in the order given) and, built on first use, the places of the
    sets that hold each word."""

    def __init__(self, word_sets: Iterable[frozenset[str]]) -> None:
        self.sets = list(word_sets)
        self._with_word: dict[str, list[int]] | None = None

    def holding_all(self, words: Iterable[str]) -> list[int]:
        """The places of the sets that hold every one of `words`, in order (all of them for
        no words)."""
        wanted = set(words)
        if not wanted:
            return list(range(len(self.sets)))
        lists = sorted((self._index().get(w, []) for w in wanted), key=len)
        rest = [set(other) for other in lists[1:]]
        return [n for n in lists[0] if all(n in other for other in rest)]

    def holding_any(self, words: Iterable[str]) -> list[int]:
        """The places of the sets that hold one of `words` or more, in order."""
        index = self._index()
        return sorted({n for w in set(words) for n in index.get(w, ())})

    def overlaps(self, groups: Iterable[frozenset[str]]) -> Counter[int]:
        """For each set that holds a word of one of `groups` or more: how many of the groups
        it meets (a group met by several of its words counts once). Counted from the places
        of each word, not by intersecting every set with every group: at 1,000 documents a
        question word is in thousands of section titles (12 → 9 ms a ranking)."""
        index = self._index()
        counts: Counter[int] = Counter()
        for group in groups:
            counts.update({n for w in group for n in index.get(w, ())})
        return counts

    def _index(self) -> dict[str, list[int]]:
        if self._with_word is None:
            with_word: defaultdict[str, list[int]] = defaultdict(list)
            for n, words in enumerate(self.sets):
                for w in words:
                    with_word[w].append(n)
            self._with_word = dict(with_word)
        return self._with_word
