"""Language of a text (Spanish or English): stop words and Spanish-only characters.

A small heuristic is enough for whole documents and short questions alike: count the most
frequent function words of each language, and give Spanish a point per `ñ`, `¿`, `¡` or
accented vowel. Ties go to English.
"""

from __future__ import annotations

import re

__all__ = ["detect_language"]

_WORD = re.compile(r"[^\W\d_]+")
_STOP = {
    "es": frozenset(
        [
            "de",
            "la",
            "que",
            "el",
            "en",
            "los",
            "las",
            "del",
            "se",
            "por",
            "un",
            "una",
            "con",
            "para",
            "es",
            "no",
            "lo",
            "como",
            "más",
            "pero",
            "sus",
            "le",
            "ya",
            "o",
            "este",
            "esta",
            "sí",
            "porque",
            "muy",
            "sin",
            "sobre",
            "también",
            "me",
            "hasta",
            "hay",
            "donde",
            "quien",
            "desde",
            "todo",
            "nos",
            "cuando",
            "qué",
            "cómo",
            "cuál",
            "cuáles",
            "dónde",
            "son",
            "puedes",
            "debes",
            "tu",
            "tus",
            "al",
            "entre",
            "usar",
            "usa",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "is",
            "that",
            "for",
            "it",
            "as",
            "with",
            "was",
            "on",
            "be",
            "by",
            "this",
            "are",
            "or",
            "from",
            "at",
            "an",
            "which",
            "but",
            "not",
            "have",
            "has",
            "can",
            "you",
            "your",
            "what",
            "how",
            "when",
            "where",
            "why",
            "do",
            "does",
            "should",
            "use",
            "used",
            "into",
            "their",
            "its",
            "if",
            "then",
            "than",
            "these",
            "those",
            "will",
            "would",
            "before",
            "after",
        ]
    ),
}
_SPANISH_CHARS = set("ñ¿¡áéíóú")


def detect_language(text: str) -> str:
    """ "es" or "en" for `text`."""
    words = [w.lower() for w in _WORD.findall(text)]
    es = sum(w in _STOP["es"] for w in words) + sum(c in _SPANISH_CHARS for c in text.lower())
    en = sum(w in _STOP["en"] for w in words)
    return "es" if es > en else "en"
