"""Lemma tables of spacy-lookups-data, read directly (no spaCy import), and the two small
tables question answering needs, cached on disk so a cold `kg ask` starts fast.

- `lemma(word, lang)`: the full lookup table (extraction's cue matching).
- `singular(word)`: plural → singular, only where the lemma just drops a plural ending
  ("ejecuciones" → "ejecucion", "aliases" → "alias"; never "aliases" → "aliar").
"""

from __future__ import annotations

import gzip
import json
import pickle
import unicodedata
from collections.abc import Container
from functools import lru_cache
from importlib import metadata
from importlib.resources import files
from pathlib import Path

from platformdirs import user_cache_dir

from kg.lang import LANGUAGES, language, listed

__all__ = ["fold", "is_infinitive", "lemma", "singular"]


def fold(text: str) -> str:
    """Lower-case, accent-free text ("Categoría" → "categoria")."""
    if text.isascii():  # most text, and all code: nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=len(LANGUAGES))
def _table(lang: str) -> dict[str, str]:
    """The lemma lookup table of a language (empty for a language that names none)."""
    name = language(lang)["lemma_table"]
    if not name:
        return {}
    data = files("spacy_lookups_data").joinpath(f"data/{name}_lemma_lookup.json.gz").read_bytes()
    table: dict[str, str] = json.loads(gzip.decompress(data))
    return table


def lemma(lower: str, lang: str) -> str:
    """The lemma of a lower-cased word, from its language's table, else the others' in
    language order (all of them in that order for a word of no known language: `lang` "")."""
    order = (lang, *(x for x in LANGUAGES if x != lang)) if lang in LANGUAGES else LANGUAGES
    for table_lang in order:
        found = _table(table_lang).get(lower)
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
