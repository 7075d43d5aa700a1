"""Cue phrases and aliases: relation cues (their phrases from the language files, how each group
reads from `kg/data/predicates.toml`), section cues (`sections` of the language files), the
glossary (`glossary` of the language files) and alias groups (`kg/data/aliases.toml`)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from kg.extract.lexicon import fold
from kg.extract.patterns import alternation
from kg.extract.predicates import cue_groups
from kg.lang import LANGUAGES, language, listed

__all__ = [
    "RelationCue",
    "aliases",
    "cue_spans",
    "glossary",
    "has_relation_cue",
    "heading_has",
    "negations",
    "relation_cues",
    "section_cues",
]


@dataclass(frozen=True)
class RelationCue:
    """A cue phrase as lemmas; `then` is the second part of a split cue."""

    predicate: str
    lang: str
    phrase: str
    lemmas: tuple[str, ...]
    then: tuple[str, ...]
    direction: str  # forward, reverse, split
    only_code: bool = False  # both sides must be code concepts (API calls)

    @property
    def size(self) -> int:
        return len(self.lemmas) + len(self.then)


def _load(name: str) -> dict[str, Any]:
    text = resources.files("kg").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _lemmas(phrase: str, lang: str) -> tuple[str, ...]:
    from kg.extract.nlp import pipeline  # spaCy loads only when cues are matched

    return tuple(t.lemma_ for t in pipeline(lang)(phrase) if not t.is_space)


@lru_cache(maxsize=1)
def relation_cues() -> tuple[RelationCue, ...]:
    """Every relation cue, longest first so that "agrupar en" wins over "agrupar"."""
    cues: list[RelationCue] = []
    for group in cue_groups():
        for lang in LANGUAGES:
            for phrase in group.phrases(lang):
                first, _, then = phrase.partition("|")
                cues.append(
                    RelationCue(
                        group.predicate,
                        lang,
                        phrase,
                        _lemmas(first, lang),
                        _lemmas(then, lang) if then else (),
                        group.direction,
                        group.only_code,
                    )
                )
    return tuple(sorted(cues, key=lambda c: -c.size))


@lru_cache(maxsize=1)
def section_cues() -> dict[str, tuple[str, ...]]:
    """Folded cue phrases per section role (requirements, key_points, comparison, ...)."""
    out: dict[str, tuple[str, ...]] = {}
    for lang in LANGUAGES:
        for role, phrases in language(lang)["sections"].items():
            out[role] = out.get(role, ()) + tuple(fold(p) for p in phrases)
    return out


def heading_has(role: str, title: str) -> bool:
    """True when a heading (or header cell) holds one of the role's cue phrases as whole
    words, a plural allowed ("requisito" in "Requisitos previos", not "nota" in "notable")."""
    text = f" {fold(title)} "
    return any(pattern.search(text) for pattern in _heading_patterns(role))


def cue_spans(role: str, text: str) -> list[tuple[int, int]]:
    """Where `text` holds the role's cue phrases (as `heading_has` matches them), in order:
    character offsets into `text`. Text whose folding changes its length is read lower-cased
    (an accented cue may then be missed; offsets stay right)."""
    folded = fold(text)
    if len(folded) != len(text):
        folded = text.lower()
    padded = f" {folded} "
    if not _any_cue(role).search(padded):
        return []
    patterns = _heading_patterns(role)
    return sorted({(m.start() - 1, m.end() - 1) for p in patterns for m in p.finditer(padded)})


@cache
def _any_cue(role: str) -> re.Pattern[str]:
    """Whether a text may hold one of the role's cues: their first four letters, anywhere."""
    stems = sorted({cue[:4] for cue in section_cues()[role]})
    return re.compile("|".join(re.escape(s) for s in stems))


@cache
def _heading_patterns(role: str) -> tuple[re.Pattern[str], ...]:
    out = []
    plural = alternation(listed("plural_endings"))  # of every language
    for cue in section_cues()[role]:
        if cue.startswith(" "):  # " vs ": spaces are part of the cue
            out.append(re.compile(re.escape(cue)))
        else:
            out.append(re.compile(rf"(?<![a-z0-9]){re.escape(cue)}(?:{plural})?(?![a-z0-9])"))
    return tuple(out)


@lru_cache(maxsize=4096)
def has_relation_cue(text: str, lang: str) -> bool:
    """True when `text` holds a relation cue phrase (then it is a statement, not a name).
    Cached: a table asks it of a row's first cell once per cell."""
    lemmas = _lemmas(text, lang)
    return any(
        cue.lang == lang and _contains(lemmas, cue.lemmas) for cue in relation_cues() if cue.lemmas
    )


def _contains(seq: tuple[str, ...], sub: tuple[str, ...]) -> bool:
    n = len(sub)
    return any(seq[i : i + n] == sub for i in range(len(seq) - n + 1))


@lru_cache(maxsize=1)
def negations() -> frozenset[str]:
    return frozenset(section_cues().get("negations", ()))


@lru_cache(maxsize=1)
def aliases() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(g) for g in _load("aliases.toml")["groups"])


@lru_cache(maxsize=1)
def glossary() -> dict[str, str]:
    """Every language's words and the pivot language's word for each, folded."""
    return {fold(k): fold(v) for lang in LANGUAGES for k, v in language(lang)["glossary"].items()}
