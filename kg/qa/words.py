"""The words of questions and titles, as names are compared: tokens, senses, content words.

A question word is read as its singular, through the glossary (Spanish → English), and a
conjugated verb by its infinitive ("escribo" → "escribir" → "write"), so questions meet API
names (`write_table`) and section titles in either language.
"""

from __future__ import annotations

import re

from kg.extract.cues import glossary
from kg.extract.lexicon import fold, lemma, singular
from kg.qa.intents import cue_words, ignored_words

__all__ = ["canonical_word", "content_words", "tokens", "word_senses", "words"]

_WORD = re.compile(r"[^\W\d_]+|[A-Za-z_][\w.]*")


def tokens(text: str) -> list[str]:
    """The words and code names of a text, in order."""
    return _WORD.findall(text)


def words(text: str) -> list[str]:
    """The words of a text longer than one letter, as titles and questions are compared."""
    return [w for w in tokens(text) if len(w) > 1]


def content_words(question: str, lang: str) -> set[str]:
    """The content words of a question, one sense each ("¿Qué es X?" → X's words)."""
    skip = ignored_words() | cue_words()
    return {canonical_word(w, lang) for w in words(question) if fold(w) not in skip}


def canonical_word(word: str, lang: str = "es") -> str:
    """A word as API names are compared: singular, through the glossary; a conjugated verb
    by its infinitive when the glossary knows it ("escribo" → "escribir" → "write")."""
    table = glossary()
    w = singular(word)
    if w in table:
        return table[w]
    base = fold(lemma(word.lower(), lang))
    if base in table:
        return table[base]
    if w.endswith(("ing", "ed")) and base != w:
        return base  # "registering", "registered" → register
    for plural in ("s", "es"):  # "métricas": the lemma table reads it as "métrico"
        if w.endswith(plural) and w[: -len(plural)] in table:
            return table[w[: -len(plural)]]
    return _conjugated(w, table) or w


# Present-tense endings of Spanish verbs, longest first: "mitigo", "comparas", "dividimos"
# are read as their infinitive when the glossary knows it (the lemma tables miss many verbs).
_ENDINGS = ("amos", "emos", "imos", "as", "es", "o", "a", "e")


def _conjugated(word: str, table: dict[str, str]) -> str | None:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            for infinitive in (stem + "ar", stem + "er", stem + "ir"):
                if infinitive in table:
                    return table[infinitive]
    return None


def word_senses(word: str, lang: str = "es") -> set[str]:
    """Every reading of a question word: "registro" is the noun (registry) and the verb
    (I register), so both are kept when matching names and section titles."""
    table = glossary()
    senses = {canonical_word(word, lang)}
    infinitive = table.get(fold(lemma(word.lower(), lang)))
    if infinitive:
        senses.add(infinitive)
    return senses
