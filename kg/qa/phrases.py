"""The few sentences answers are written with: `answers` of each language file."""

from __future__ import annotations

from kg.lang import known, table

__all__ = ["say"]


def say(lang: str, key: str, **values: str) -> str:
    """The phrase `key` in `lang` (the pivot language's for a language kg has no file for),
    with `values` filled in."""
    return str(table("answers", known(lang))[key]).format(**values)
