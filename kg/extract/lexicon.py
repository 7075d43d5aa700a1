"""Lemma tables of spacy-lookups-data, read directly (no spaCy import), and the two small
tables question answering needs, cached on disk so a cold `kg ask` starts fast.

- `lemma(word, lang)`: the full lookup table (extraction's cue matching), through an SQLite
  copy in the user cache for a process's first lookups (a question's few dozen).
- `is_word(folded, lang)`: whether a language's table (or any, without `lang`) holds a word,
  folded (a word of the question's language is not a typo: "depuracion" is not "duracion").
- `singular(word)`: plural → singular, only where the lemma just drops a plural ending
  ("ejecuciones" → "ejecucion", "aliases" → "alias"; never "aliases" → "aliar").
"""

from __future__ import annotations

import gzip
import json
import os
import pickle
import sqlite3
import unicodedata
from collections.abc import Callable, Container, Iterator
from functools import lru_cache
from importlib import metadata
from importlib.resources import files
from pathlib import Path

from platformdirs import user_cache_dir

from kg.lang import LANGUAGES, language, listed

__all__ = ["cached_copy", "fold", "is_infinitive", "is_word", "lemma", "singular"]


def fold(text: str) -> str:
    """Lower-case, accent-free text ("Categoría" → "categoria")."""
    if text.isascii():  # most text, and all code: nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_LOADED: dict[str, dict[str, str]] = {}  # the tables read whole, by language


def _table(lang: str) -> dict[str, str]:
    """The lemma lookup table of a language (empty for a language that names none), read
    whole once."""
    if lang not in _LOADED:
        name = language(lang)["lemma_table"]
        path = files("spacy_lookups_data").joinpath(f"data/{name}_lemma_lookup.json.gz")
        _LOADED[lang] = json.loads(gzip.decompress(path.read_bytes())) if name else {}
    return _LOADED[lang]


# Reading the Spanish table whole takes half a second (491,547 words of JSON), which is most
# of a cold `kg ask`; a question looks up a few dozen words. So the first lookups of a process
# read a copy of the table in SQLite kept in the user cache (written once, from the table),
# and a process that looks up many words (a build) reads the table whole after these many.
_LOOKUPS_BEFORE_LOADING = 50_000
_lookups = 0


class _Lemmas:
    """A language's lemma table in SQLite, in the user cache: `get` as the dict's."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def get(self, word: str) -> str | None:
        row = self._db.execute("SELECT lemma FROM lemmas WHERE word = ?", (word,)).fetchone()
        return None if row is None else str(row[0])

    def holds(self, folded: str) -> bool:
        """Whether the table has `folded` as a word or a lemma, accents aside."""
        sql = "SELECT 1 FROM words WHERE word = ?"
        return self._db.execute(sql, (folded,)).fetchone() is not None


def _words(lang: str) -> Iterator[str]:
    """Every word and lemma of a language's table, folded (repeats included)."""
    table = _table(lang)
    return (fold(w) for w in (*table, *table.values()))


# a language's words read whole, only where its cached copy cannot be read (a read-only home):
# 200 MB that a process keeps, so never otherwise
_WORDS_READ: dict[str, frozenset[str]] = {}


def _all_words(lang: str) -> frozenset[str]:
    if lang not in _WORDS_READ:
        _WORDS_READ[lang] = frozenset(_words(lang))
    return _WORDS_READ[lang]


@lru_cache(maxsize=len(LANGUAGES))
def _lemmas(lang: str) -> _Lemmas | dict[str, str]:
    """The cached copy of a language's table, written first if missing; the table itself
    when the cache cannot be written or read."""
    name = language(lang)["lemma_table"]
    if not name:
        return {}
    version = metadata.version("spacy-lookups-data")

    def fill(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE lemmas (word TEXT PRIMARY KEY, lemma TEXT) WITHOUT ROWID")
        db.executemany("INSERT INTO lemmas VALUES (?, ?)", _table(lang).items())
        db.execute("CREATE TABLE words (word TEXT PRIMARY KEY) WITHOUT ROWID")
        db.executemany("INSERT OR IGNORE INTO words VALUES (?)", ((w,) for w in _words(lang)))

    try:
        # v2: with the folded words (`is_word`)
        path = cached_copy(f"lemmas-v2-{version}-{name}.sqlite", fill)
        # the copy before the folded words (v1), which nothing reads any more
        (path.parent / f"lemmas-{version}-{name}.sqlite").unlink(missing_ok=True)
        return _Lemmas(path)
    except (OSError, sqlite3.Error):
        return _table(lang)  # a read-only home: the table whole, as before


def cached_copy(name: str, fill: Callable[[sqlite3.Connection], None]) -> Path:
    """The SQLite file `name` in the user cache, written once by `fill` through a temporary
    file (a reader never sees half of one). Raises OSError or sqlite3.Error where it cannot
    be written (a read-only home)."""
    path = Path(user_cache_dir("kg", appauthor=False)) / name
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with sqlite3.connect(tmp) as db:
            fill(db)
        db.close()
        tmp.replace(path)
    return path


def _lookup(lang: str, word: str) -> str | None:
    global _lookups
    if lang not in _LOADED:
        _lookups += 1
        if _lookups <= _LOOKUPS_BEFORE_LOADING:
            try:
                return _lemmas(lang).get(word)
            except sqlite3.Error:
                pass  # a cache file broken since it was opened: the table whole
    return _table(lang).get(word)


@lru_cache(maxsize=1 << 12)
def is_word(folded: str, lang: str = "") -> bool:
    """Whether a folded word is a word of a language (a form or a lemma of its table): of
    `lang`, or of any language."""
    for code in (lang,) if lang in LANGUAGES else LANGUAGES:
        table = _lemmas(code)
        try:
            if table.holds(folded) if isinstance(table, _Lemmas) else folded in _all_words(code):
                return True
        except sqlite3.Error:  # a cache file broken since it was opened: the table whole
            if folded in _all_words(code):
                return True
    return False


@lru_cache(maxsize=1 << 16)  # a question's words recur in the next ones (an SQLite lookup is 15 µs)
def lemma(lower: str, lang: str) -> str:
    """The lemma of a lower-cased word, from its language's table, else the others' in
    language order (all of them in that order for a word of no known language: `lang` "")."""
    order = (lang, *(x for x in LANGUAGES if x != lang)) if lang in LANGUAGES else LANGUAGES
    for table_lang in order:
        found = _lookup(table_lang, lower)
        if found is not None:
            return found
    return lower


@lru_cache(maxsize=len(LANGUAGES))
def _infinitives(lang: str) -> frozenset[str]:
    # verbs are the lemmas of gerunds ("evaluando" → evaluar); nouns that end like an
    # infinitive ("cluster", "lugar") have none
    data = language(lang)
    gerunds, infinitives = tuple(data["gerund_endings"]), tuple(data["infinitive_endings"])
    if not gerunds or not infinitives:
        return frozenset()
    return frozenset(
        v for k, v in _table(lang).items() if k.endswith(gerunds) and v.endswith(infinitives)
    )


def is_infinitive(word: str, lang: str) -> bool:
    """True for an infinitive ("evaluar"), not for a noun that ends like one ("cluster"), in
    a language whose verbs are found by their gerunds (`gerund_endings`)."""
    return word in _infinitives(lang)


def _cache_file() -> Path:
    version = metadata.version("spacy-lookups-data")
    tables = "-".join(language(lang)["lemma_table"] or "none" for lang in LANGUAGES)
    return Path(user_cache_dir("kg", appauthor=False)) / f"plurals-{version}-{tables}.pickle"


@lru_cache(maxsize=1)
def _plurals() -> dict[str, str]:
    path = _cache_file()
    try:
        with path.open("rb") as fh:
            cached = pickle.load(fh)
        if isinstance(cached, dict):
            return cached
    except (OSError, pickle.UnpicklingError, EOFError, ValueError):
        pass
    plurals: dict[str, str] = {}
    for lang in LANGUAGES:
        for word, lem in _table(lang).items():
            low = word.lower()
            if len(low) < 4 or not low.endswith("s") or low in plurals:
                continue
            folded, cand = fold(low), fold(lem)
            if cand in (folded[:-1], folded[:-2]):
                plurals[low] = cand
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(plurals, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home only costs the next start a second
    return plurals


@lru_cache(maxsize=1 << 17)  # called for every word of every label and title
def singular(word: str) -> str:
    """The accent-free, lower-case singular of `word`, or `word` folded if not a plural."""
    lower = word.lower()
    return _plurals().get(lower) or fold(lower)


def known_singular(word: str, known: Container[str]) -> str | None:
    """The form of `word` that `known` holds: its singular, or the word without a plural
    ending of a language, where the lemma tables read another word ("métricas" as
    "métrico", "estados" as a form of "estar")."""
    base = singular(word)
    if base in known:
        return base
    for plural in listed("plural_endings"):
        if base.endswith(plural) and base[: -len(plural)] in known:
            return base[: -len(plural)]
    return None
