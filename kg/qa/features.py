"""Ranking features: what a statement's kind, text and mentions say for a question's intent.

Cue phrases per language are data (`ranking_cues` of the language files); each feature is a
number in [0, 1] that `kg.qa.retrieval` weighs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from kg.extract.lexicon import fold
from kg.extract.patterns import alternation
from kg.lang import PIVOT, listed, table
from kg.qa.model import LinkedConcept

__all__ = [
    "asks_consequence",
    "both_sides",
    "consequence_score",
    "kind_prior",
    "mention_score",
    "names_concept",
    "text_score",
    "without_article",
]

_KIND_PRIOR: dict[str, dict[str, float]] = {
    "how_to": {"code": 1.0, "item": 0.5},
    "components": {"item": 0.6, "row": 0.6},
    "difference": {"row": 0.2},
    "definition": {"sentence": 0.3, "row": 0.2},
    "unknown": {"sentence": 0.3, "row": 0.2},
}


def kind_prior(intent: str, kind: str) -> float:
    """What a statement's kind says for an intent, before its text is read."""
    return _KIND_PRIOR.get(intent, {}).get(kind, 0.0)


@lru_cache(maxsize=64)
def _cue_pattern(intent: str) -> re.Pattern[str] | None:
    """The ranking cues of an intent in every language, as one pattern (None for an intent
    without ranking cues)."""
    if intent not in table("ranking_cues", PIVOT):
        return None
    phrases = listed(f"ranking_cues.{intent}")
    return _whole_phrases(phrases) if phrases else None


def _whole_phrases(phrases: Iterable[str]) -> re.Pattern[str]:
    """Any of `phrases`, folded, as whole words of folded text."""
    return re.compile(r"(?<!\w)(?:" + alternation({fold(p) for p in phrases}) + r")(?!\w)")


@lru_cache(maxsize=1)
def _consequence_question() -> re.Pattern[str]:
    return _whole_phrases(listed("consequence_questions"))


def asks_consequence(question: str) -> bool:
    """Whether a question asks what follows from something ("what happens if …", "¿qué
    pasa si …?"), whatever its intent."""
    return bool(_consequence_question().search(fold(question)))


def consequence_score(text: str) -> float:
    """For a question that asks what follows: whether the statement says what follows (an
    error, nothing, what it causes)."""
    cue = _cue_pattern("consequence")
    return 1.0 if cue and cue.search(fold(text)) else 0.0


def both_sides(intent: str, mentions: frozenset[str], linked: Sequence[LinkedConcept]) -> float:
    """For a difference: whether the statement mentions both sides."""
    if intent != "difference" or len(linked) < 2:
        return 0.0
    return 0.6 if linked[0].iri in mentions and linked[1].iri in mentions else 0.0


def mention_score(mentions: frozenset[str], linked: Sequence[LinkedConcept]) -> float:
    if not linked:
        return 0.0
    if linked[0].iri in mentions:
        return 1.0
    return 0.5 if any(c.iri in mentions for c in linked[1:3]) else 0.0


# what may open a statement before its first word: not an opening mark ("¿") nor code
_LEAD_JUNK = re.compile(rf"^[^\w`{re.escape(''.join(listed('opening_marks')))}]+")


# quotes and emphasis around a name ("The \"Metric Trap\" is …", "**MLflow** es …")
_MARKS = re.compile(r"[\"'“”‘’«»*`]")


@lru_cache(maxsize=1)
def _articles() -> re.Pattern[str]:
    """A leading article of any language ("the metric trap" is "metric trap")."""
    return re.compile(r"^(?:" + alternation(fold(a) for a in listed("articles")) + r")\s+")


def without_article(text: str) -> str:
    """Text folded, without a leading article of any language ("an nbextension")."""
    return _articles().sub("", fold(text))


def _names(concept: LinkedConcept) -> list[str]:
    label = fold(concept.label).split("(")[0].strip()
    short = label.rsplit(".", 1)[-1]
    bare = _articles().sub("", label)
    return [n for n in dict.fromkeys((label, short, bare)) if len(n) > 1]


def names_concept(phrase: str, concept: LinkedConcept) -> bool:
    """Whether a phrase (folded, without its article) opens with one of the concept's names."""
    return any(phrase == n or phrase.startswith(n + " ") for n in _names(concept))


def _defines(text: str, concept: LinkedConcept) -> bool:
    """The statement opens with the concept's name (an article, quotes or emphasis around it
    aside) and then says what it is."""
    folded = _articles().sub("", _LEAD_JUNK.sub("", _MARKS.sub("", fold(text))))
    pattern = _cue_pattern("definition")
    for name in _names(concept):
        if folded.startswith(name):
            rest = folded[len(name) :].lstrip(" *`)(")
            if not rest or rest[0] in ":—–-=→(" or (pattern and pattern.match(rest)):
                return True
    return False


def _called_with_arguments(code: str, concept: LinkedConcept) -> bool:
    """The code calls the concept (by its last name) with keyword arguments."""
    name = concept.label.split("(")[0].rsplit(".", 1)[-1]
    if not name.isidentifier():
        return False
    call = re.search(r"\b" + re.escape(name) + r"\s*\(([^()]{0,400})", code)
    return bool(call and re.search(r"\b[A-Za-z_]\w*\s*=", call.group(1)))


# where code defines a name: `def name(`, `class name`, `function name(`
_DEFINING = ("def", "class", "function", "fn", "func")


def _defines_in_code(code: str, concept: LinkedConcept) -> bool:
    """The code defines the concept (by its last name): what "how does X work" reads."""
    name = concept.label.split("(")[0].rsplit(".", 1)[-1]
    if not name.isidentifier():
        return False
    keywords = "|".join(_DEFINING)
    return bool(re.search(rf"(?<![\w.])(?:{keywords})\s+{re.escape(name)}\b", code))


def text_score(intent: str, text: str, kind: str, linked: Sequence[LinkedConcept]) -> float:
    """What the statement's text says for the intent (its kind was counted before)."""
    if kind == "code" and intent in ("definition", "unknown", "how_to"):
        return 1.0 if linked and _defines_in_code(text, linked[0]) else 0.0
    if intent in ("definition", "unknown"):
        return 1.0 if linked and _defines(text, linked[0]) else 0.0
    folded = fold(text)
    if intent == "difference":
        cue = _cue_pattern("difference")
        return 0.2 * bool(cue and cue.search(folded))
    if intent == "components":
        if linked and kind == "code" and _called_with_arguments(text, linked[0]):
            return 1.0  # the call shows its arguments: what "which parameters" asks
        cue = _cue_pattern("components")
        return 0.4 * bool(cue and cue.search(folded)) + 0.2 * (folded.count(",") >= 2)
    if intent in ("prerequisites", "learning_path", "dependents", "usage"):
        cue = _cue_pattern("usage" if intent == "usage" else "prerequisites")
        return 1.0 if cue and cue.search(folded) else 0.0
    return 0.0
