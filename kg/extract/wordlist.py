"""The common words of each language, to tell a name from a word: spacy-lookups-data's word
probabilities (`lexeme_prob`, from web text), the words at least as common as
`MIN_LOG_PROB`, folded.

- `is_common(folded)`: a common word of any language ("halfway", "evidently": the lemma
  tables hold only words that inflect).
- `is_word_form(folded)`: a common word, or one with a language's endings that is one once
  they are read off ("reiniciarlo" → reiniciar, "logueo" → loguear, "hardcoded" → hardcode).
- `near_common(folded)`: one slip (an edit or a swap) from a common word of the same first
  letter and about its length: a typo of one ("aprnder", "deploeyd").

Read through an SQLite copy in the user cache, written once (reading the tables whole takes
three seconds); where that cannot be written, the words are read whole, as `lexicon` does.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
from collections.abc import Iterator
from functools import lru_cache
from importlib import metadata
from importlib.resources import files
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from kg.extract.lexicon import cached_copy, fold
from kg.lang import LANGUAGES, language

__all__ = ["MIN_LOG_PROB", "is_common", "is_word_form", "near_common"]

# "docker" (-15.6), "terraform" (-15.5) and "sagemaker" (none) are not common words; "halfway"
# (-11.3), "evidently" (-13.1) and "prefect" (-14.7) are. The out-of-notes questions that
# name a tool in lower case were measured at -13, -15 and -17 (docs/answering.md).
MIN_LOG_PROB = -15.0


def _tables() -> list[str]:
    return [name for lang in LANGUAGES if (name := language(lang)["lemma_table"])]


def _read() -> Iterator[str]:
    """The common words of every language's table, folded (repeats included)."""
    for name in _tables():
        path = files("spacy_lookups_data").joinpath(f"data/{name}_lexeme_prob.json.gz")
        if not path.is_file():
            continue
        probs: dict[str, float] = json.loads(gzip.decompress(path.read_bytes()))
        yield from (fold(w) for w, p in probs.items() if p >= MIN_LOG_PROB and w.isalpha())


class _Cached:
    """The common words in SQLite: by word, and by first letter and length."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def holds(self, word: str) -> bool:
        sql = "SELECT 1 FROM words WHERE word = ?"
        return self._db.execute(sql, (word,)).fetchone() is not None

    def like(self, word: str) -> list[str]:
        sql = "SELECT word FROM words WHERE first = ? AND size BETWEEN ? AND ?"
        rows = self._db.execute(sql, (word[:1], len(word) - 1, len(word) + 1))
        return [str(r[0]) for r in rows]


class _InMemory:
    """The same, read whole (a read-only home)."""

    def __init__(self, words: Iterator[str]) -> None:
        self._words = frozenset(words)

    def holds(self, word: str) -> bool:
        return word in self._words

    def like(self, word: str) -> list[str]:
        sizes = range(len(word) - 1, len(word) + 2)
        return [w for w in self._words if w[:1] == word[:1] and len(w) in sizes]


@lru_cache(maxsize=1)
def _words() -> _Cached | _InMemory:
    version = metadata.version("spacy-lookups-data")

    def fill(db: sqlite3.Connection) -> None:
        sql = "CREATE TABLE words (word TEXT PRIMARY KEY, first TEXT, size INTEGER) WITHOUT ROWID"
        db.execute(sql)
        rows = ((w, w[:1], len(w)) for w in _read())
        db.executemany("INSERT OR IGNORE INTO words VALUES (?, ?, ?)", rows)
        db.execute("CREATE INDEX by_shape ON words (first, size)")

    try:
        name = f"common-v1-{version}-{'-'.join(_tables())}-{MIN_LOG_PROB:g}.sqlite"
        return _Cached(cached_copy(name, fill))
    except (OSError, sqlite3.Error):
        return _InMemory(_read())


def is_common(folded: str) -> bool:
    """Whether a folded word is a common word of a language."""
    return bool(folded) and _words().holds(folded)


def is_word_form(folded: str) -> bool:
    """Whether a folded word is a common word, or a form of one the language files' endings
    make: a pronoun off a verb ("reiniciarlo", "pasamelo"), a conjugated or participle ending
    for an infinitive one ("logueo" → loguear, "deployado" → deployar), a lemma ending off
    ("hardcoded", "hardcoding" → hardcode; a base one slip from a common word counts, as
    "hardcode" is from "hardcore"). A tool's name has none of these forms ("sagemaker")."""
    if is_common(folded):
        return True
    return any(_base_is_word(base, lemma) for base, lemma in _bases(folded))


def _base_is_word(base: str, lemma: bool) -> bool:
    return len(base) >= _MIN_BASE and (is_common(base) or (lemma and near_common(base)))


_MIN_BASE = 4  # a shorter base is too easily a word ("dask" less "k")


def _bases(word: str) -> Iterator[tuple[str, bool]]:
    """The words `word` may be a form of, each with whether a lemma ending was read off."""
    for lang in LANGUAGES:
        data = language(lang)
        for clitic in data["clitic_endings"]:
            if word.endswith(clitic):
                yield word[: -len(clitic)], False
        verbs = (*data["verb_endings"], *data["participle_endings"], *data["gerund_endings"])
        for ending in verbs:
            if word.endswith(ending):
                stem = word[: -len(ending)]
                yield from ((stem + inf, False) for inf in data["infinitive_endings"])
        for ending in data["lemma_endings"]:
            if word.endswith(ending):
                stem = word[: -len(ending)]
                yield from ((b, True) for b in (stem, stem + "e"))
                if len(stem) > 2 and stem[-1] == stem[-2]:
                    yield stem[:-1], True  # "upserting" → upsert, "mapped" → map


def near_common(folded: str) -> bool:
    """Whether a folded word is one slip from a common word (same first letter)."""
    if not folded:
        return False
    found = process.extractOne(folded, _words().like(folded), scorer=OSA.distance, score_cutoff=1)
    return found is not None
