"""Language of a text: frequent function words and characters of each language.

A small heuristic is enough for whole documents and short questions alike: each language
counts a point per word of its `detection_words` and per character of its `detection_chars`
(for Spanish: `ñ`, `¿`, `¡`, accented vowels); the language with most points wins, and ties go
to the pivot language.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.lang import LANGUAGES, PIVOT, language

__all__ = ["detect_language"]

_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _signs() -> tuple[tuple[str, frozenset[str], frozenset[str]], ...]:
    """(code, words, characters) per language, the pivot first: it wins ties."""
    order = [PIVOT, *(code for code in LANGUAGES if code != PIVOT)]
    return tuple(
        (
            code,
            frozenset(language(code)["detection_words"]),
            frozenset(language(code)["detection_chars"]),
        )
        for code in order
    )


def detect_language(text: str) -> str:
    """The code of the language `text` is written in (a code of `kg.lang.LANGUAGES`)."""
    words = [w.lower() for w in _WORD.findall(text)]
    lower = text.lower()
    best, best_score = PIVOT, -1
    for code, stops, chars in _signs():
        score = sum(w in stops for w in words)
        if chars:
            score += sum(c in chars for c in lower)
        if score > best_score:
            best, best_score = code, score
    return best
