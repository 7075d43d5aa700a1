"""The words of every concept name, indexed by word: the names that hold a set of words (what
linking looks for in a "wider" name, or in a name whose words a question holds apart), found
without reading every name of a large graph (tens of thousands at 1,000 documents)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

__all__ = ["NameWords"]


class NameWords:
    """Each name key's words (`entries`, in the order given) and, built on first use, the
    places of the names that hold each word."""

    def __init__(self, keys: Iterable[str]) -> None:
        # a key is "term:" and the name's words (`kg.extract.normalize.term_key`)
        self.entries = [(frozenset(key[5:].split()), key) for key in keys]
        self._with_word: dict[str, list[int]] | None = None

    def holding_all(self, words: Iterable[str]) -> list[int]:
        """The places of the names that hold every one of `words`, in order (all of them
        for no words)."""
        wanted = set(words)
        if not wanted:
            return list(range(len(self.entries)))
        lists = sorted((self._index().get(w, []) for w in wanted), key=len)
        rest = [set(other) for other in lists[1:]]
        return [n for n in lists[0] if all(n in other for other in rest)]

    def holding_any(self, words: Iterable[str]) -> list[int]:
        """The places of the names that hold one of `words` or more, in order."""
        index = self._index()
        return sorted({n for w in set(words) for n in index.get(w, ())})

    def _index(self) -> dict[str, list[int]]:
        if self._with_word is None:
            with_word: defaultdict[str, list[int]] = defaultdict(list)
            for n, (ws, _) in enumerate(self.entries):
                for w in ws:
                    with_word[w].append(n)
            self._with_word = dict(with_word)
        return self._with_word
