"""Languages as data: one file per language (`kg/lang/<code>.toml`) with the same keys.

Code asks this layer for words by key, never spells a language. Adding a language is adding
a file (and, for stemming, a Snowball stemmer of that name).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["LANGUAGES", "language", "words"]


@lru_cache(maxsize=1)
def _files() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for entry in sorted(resources.files("kg.lang").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            out[data["code"]] = data
    return out


LANGUAGES: tuple[str, ...] = tuple(_files())


def language(code: str) -> dict[str, Any]:
    """The data of one language (KeyError for a language kg has no file for)."""
    return _files()[code]


@lru_cache(maxsize=64)
def words(key: str) -> frozenset[str]:
    """The words under `key` in every language, as written in the files."""
    return frozenset(w for data in _files().values() for w in data.get(key, ()))
