"""Intent of a question, from cue phrases kept as data in each language file: the `intents`
table (the intents in the order they are tried, with their cue phrases), the words a question
names no concept with (`question_words`) and those that ask for an output (`output_words`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from kg.extract.lexicon import fold, known_singular
from kg.lang import listed
from kg.qa.features import asks_consequence
from kg.qa.model import INTENTS

__all__ = ["ORDER", "asks_for_output", "classify", "cue_words", "ignored_words", "skip_words"]


ORDER = INTENTS[:-1]
"""The intents a question may have but "unknown", in the order their cues are tried."""


# question marks, the opening ones of every language included ("¿")
_MARKS = re.compile(f"[?{re.escape(''.join(listed('opening_marks')))}]")


def _pattern(cue: str) -> re.Pattern[str]:
    """A cue as a regular expression: "*" is one to six words (bounded, so a long question
    costs linear time), a leading "^" anchors the cue at the question's start. A cue matches
    whole words only (" vs " is not the "vs" of "VSCode")."""
    anchored = cue.startswith("^")
    cue = cue.lstrip("^")
    parts = [re.escape(p.strip()) for p in fold(cue).split("*")]
    body = r"(?:\s+\S+){1,6}?\s+".join(parts)
    left = r"^\s*" if anchored else r"(?<![\w])"
    return re.compile(left + body + r"(?![\w])")


@lru_cache(maxsize=1)
def _cues() -> list[tuple[str, list[re.Pattern[str]]]]:
    return [(intent, [_pattern(p) for p in listed(f"intents.{intent}")]) for intent in ORDER]


@cache
def _word_table(name: str) -> frozenset[str]:
    """The folded words of a word list of the language files (`question_words`, ...)."""
    return frozenset(fold(w) for w in listed(name))


def ignored_words() -> frozenset[str]:
    """Words of a question that never name a concept, in any language."""
    return _word_table("question_words")


def asks_for_output(question: str) -> bool:
    """True when a question asks what something returns or produces."""
    return any(w in _word_table("output_words") for w in re.findall(r"\w+", fold(question)))


def cue_words() -> frozenset[str]:
    """Every word of every intent cue ("explain", "qué", "difference")."""
    return frozenset(_cue_words())


@cache
def skip_words() -> frozenset[str]:
    """Words of a question that are not what it asks about: question words and the words
    of intent cues."""
    return ignored_words() | cue_words()


@cache
def ranking_skip_words(intent: str) -> frozenset[str]:
    """The skip words when statements are ranked for a question of `intent`: question words
    and the words of that intent's own cues ("requiere" in a prerequisites question). Other
    intents' cue words are content there ("parámetro" asks for parameters in "¿qué parámetros
    tiene…?", but names the subject of "¿qué necesito para filtrar por un parámetro?"); so is
    a noun that names a set or its steps ("which types", "qué etapas"): it heads the list
    asked for ("Types of Data")."""
    nouns = {fold(w) for role in ("set_nouns", "step_nouns") for w in listed(f"sections.{role}")}
    # a question of no intent skips every cue word, as all questions did before
    own = _cue_words() if intent not in ORDER else _words_of(listed(f"intents.{intent}"))
    return frozenset(w for w in ignored_words() | set(own) if known_singular(w, nouns) is None)


@lru_cache(maxsize=1)
def _cue_words() -> tuple[str, ...]:
    return tuple(sorted(_words_of(p for i in ORDER for p in listed(f"intents.{i}"))))


def _words_of(phrases: Iterable[str]) -> set[str]:
    """The folded words of cue phrases, without their "*"."""
    return {w for phrase in phrases for w in fold(phrase).split() if w != "*"}


_RELATIONS = ("prerequisites", "dependents")  # intents that ask a relation of a concept


def _match(text: str) -> str:
    for intent, patterns in _cues():
        matched = [p for p in patterns if p.search(text)]
        if matched and all(p in _answer_types() for p in matched):
            # "qué función depende de X": the cue names the answer's kind, the relation asks
            relation = next((i for i, ps in _cues() if i in _RELATIONS and any(
                p.search(text) for p in ps)), None)  # fmt: skip
            return relation or intent
        if matched:
            return intent
    return "unknown"


@lru_cache(maxsize=1)
def _answer_types() -> frozenset[re.Pattern[str]]:
    return frozenset(_pattern(p) for p in listed("answer_type_cues"))


def _respell(text: str) -> str:
    """Question words replaced by the cue word they misspell ("requir" → "require")."""
    vocab = _cue_words()
    out = []
    for word in text.split():
        if word in vocab or len(word) < 3 or not word.isalpha():
            out.append(word)
            continue
        best = process.extractOne(word, vocab, scorer=fuzz.ratio, score_cutoff=80)
        out.append(best[0] if best else word)
    return " " + " ".join(out) + " "


def classify(question: str) -> str:
    """One of the stable intent identifiers; "unknown" when no cue matches, even respelt.
    A specific intent read from misspelt cue words wins over "definition"."""
    text = " " + " ".join(_MARKS.sub(" ", fold(question)).split()) + " "
    intent = _match(text)
    if intent in ("usage", "difference") and asks_consequence(question):
        # "¿qué ocurre cuando registro otro?" asks what follows, not when to use something
        # ("what happens when …" has no usage cue either), nor "what happens if the DataFrame
        # has a different schema than the table?" a difference
        return "unknown"
    if intent in ("unknown", "definition"):
        # the generic readings yield to a misspelt specific cue ("whats the differnce")
        respelt = _match(_respell(text))
        if respelt != "unknown":
            return respelt
    return intent
