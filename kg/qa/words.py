"""The words of questions and titles, as names are compared: tokens, senses, content words.

A question word is read as its singular, through the glossary (to the pivot language), and a
conjugated verb by its infinitive ("escribo" → "escribir" → "write"), so questions meet API
names (`write_table`) and section titles in any language. The endings are the language files'
(`plural_endings`, `verb_endings`, `infinitive_endings`, `lemma_endings`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from kg.extract.cues import glossary
from kg.extract.lexicon import fold, known_singular, lemma, singular
from kg.lang import LANGUAGES, language, listed
from kg.qa.intents import skip_words

__all__ = ["canonical_word", "content_words", "needs_capitals", "tokens", "word_senses", "words"]

_WORD = re.compile(r"[^\W\d_]+|[A-Za-z_][\w.]*")


def tokens(text: str) -> list[str]:
    """The words and code names of a text, in order."""
    return _WORD.findall(text)


def words(text: str) -> list[str]:
    """The words of a text longer than one letter, as titles and questions are compared."""
    return [w for w in tokens(text) if len(w) > 1]


def content_words(question: str, lang: str) -> set[str]:
    """The content words of a question, one sense each ("¿Qué es X?" → X's words)."""
    return {canonical_word(w, lang) for w in words(question) if fold(w) not in skip_words()}


@lru_cache(maxsize=1 << 16)  # the same words recur in every title and label of a large graph
def canonical_word(word: str, lang: str = "") -> str:
    """A word as API names are compared: singular, through the glossary; a conjugated verb
    by its infinitive when the glossary knows it ("escribo" → "escribir" → "write")."""
    table = glossary()
    w = singular(word)
    if w in table:
        return table[w]
    base = fold(lemma(word.lower(), lang))
    if base in table:
        return table[base]
    if w.endswith(listed("lemma_endings")) and base != w:
        return base  # "registering", "registered" → register
    if (known := known_singular(w, table)) is not None:  # "métricas", read as "métrico"
        return table[known]
    return _conjugated(w, table) or w


def _conjugated(word: str, table: dict[str, str]) -> str | None:
    """A conjugated verb's pivot word, when the glossary knows its infinitive: "mitigo",
    "comparas", "dividimos" (present-tense endings, longest first in each language file; the
    lemma tables miss many verbs)."""
    for lang in LANGUAGES:
        data = language(lang)
        for ending in data["verb_endings"]:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                stem = word[: -len(ending)]
                for infinitive in data["infinitive_endings"]:
                    if stem + infinitive in table:
                        return table[stem + infinitive]
    return None


def word_senses(word: str, lang: str = "") -> set[str]:
    """Every reading of a question word: "registro" is the noun (registry) and the verb
    (I register), so both are kept when matching names and section titles."""
    table = glossary()
    senses = {canonical_word(word, lang)}
    infinitive = table.get(fold(lemma(word.lower(), lang)))
    if infinitive:
        senses.add(infinitive)
    return senses


def needs_capitals(word: str, labels: Iterable[str]) -> bool:
    """Whether a question word names a concept only when written in capitals: the notes write
    every label of it in capitals and the word is also a function word or an example marker
    of a language ("LIKE", "AS"; "functions like smf.ols" is not about the SQL operator)."""
    if word.isupper() or fold(word) not in _function_words():
        return False
    written = list(labels)
    return bool(written) and all(label.isupper() for label in written)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """Function words and example markers of every language ("like", "as", "en"), read from
    the language files (not through `kg.extract.nlp`, which loads spaCy: answering does not)."""
    return frozenset(fold(w) for key in ("stop_words", "example_markers") for w in listed(key))
