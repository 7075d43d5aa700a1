"""Sequences: an arrow chain ("entrenamiento → validación → registro → despliegue",
"None -> Staging -> Production", "a => b => c") lists the steps of a process in order →
`hasStep` with each step's position. The process is whose set a noun before the chain names
("Recognize stages: …"), else the concept that leads it ("MLOps: …"), else the table row's or
the section's.

Not a chain: one arrow ("Si es no lineal → evitar regresiones": a consequence), entries that
are not short names ("5% → 20% → 100%", "El bias disminuye → …"), and a path through an app's
menus ("Desde la UI: Machine Learning → Model Serving → Create", the `navigation` words of the
language files before it, in its list's lead-in or in its heading)."""

from __future__ import annotations

import re

from kg.extract.cues import heading_has
from kg.extract.nlp import is_function_phrase
from kg.extract.rules.context import SectionReading, TextReading
from kg.extract.rules.pipeline import CELL, TEXT
from kg.extract.rules.sets import (
    MAX_ITEM_WORDS,
    fallback_owner,
    is_name,
    plain_words,
    set_nouns,
    set_owner,
)
from kg.ingest.document import ListItem, Paragraph

__all__ = ["arrow_chain"]

_BREAK = re.compile(r"[()]|[.;!?](?:\s|$)")  # a gloss, or a sentence ending inside an entry
_MIN_STEPS = 3  # two arrows at least
_CONFIDENCE = 0.6


_ARROWS = ("→", "⟶", "➜", "➔", "->", "=>")  # notation, the same in every language
# entered only at the start of a run of blanks (linear, see kg.extract.patterns)
_ARROW = re.compile(r"(?<!\s)\s*(?:" + "|".join(re.escape(a) for a in _ARROWS) + r")\s*")


@TEXT.rule("arrow-chain", records=("steps-arrow",))
@CELL.rule("arrow-chain", records=("steps-arrow",))
def arrow_chain(r: SectionReading, t: TextReading) -> None:
    """Each line of the text that is a chain of three or more short names."""
    if not any(a in t.text for a in _ARROWS):
        return
    offset = 0
    for line in t.text.split("\n"):
        _chain(r, t, line, offset)
        offset += len(line) + 1


def _chain(r: SectionReading, t: TextReading, line: str, offset: int) -> None:
    arrows = list(_ARROW.finditer(line))
    if len(arrows) < _MIN_STEPS - 1:
        return
    starts = [0, *(a.end() for a in arrows)]
    ends = [*(a.start() for a in arrows), len(line)]
    colon = line.rfind(":", 0, ends[0])
    starts[0] = colon + 1 if colon >= 0 else 0
    entries = []
    for start, end in zip(starts, ends, strict=True):
        text = line[start:end]
        lead = len(text) - len(text.lstrip())
        entries.append((offset + start + lead, text.strip().rstrip(".;,")))
    if not all(_step_like(name) for _, name in entries):
        return
    named = [(n, at, name) for n, (at, name) in enumerate(entries, 1) if _names(name, r.lang)]
    if len(named) < 2 or len(named) + 1 < len(entries) or _navigation(r, t, line[: max(colon, 0)]):
        return
    owner = _owner(r, t, (offset, offset + max(colon, 0)))
    if owner is None:
        return
    for n, at, name in named:
        key = r.label(name)
        if key:
            ev = r.evidence(t.unit.line_at(at))
            r.relate(owner, "hasStep", key, ev, "steps-arrow", _CONFIDENCE, n)


def _step_like(name: str) -> bool:
    """A chain's entry is a short name ("None" too), not a sentence ("El bias disminuye",
    "Batch. Flujo continuo")."""
    return (
        bool(name)
        and len(name.split()) <= MAX_ITEM_WORDS
        and not _BREAK.search(name)
        and (plain_words(name) or is_function_phrase(name))
    )


def _names(name: str, lang: str) -> bool:
    """Whether a chain's entry names a concept ("None" is a step, but names nothing)."""
    return not is_function_phrase(name) and is_name(name, lang, MAX_ITEM_WORDS)


def _navigation(r: SectionReading, t: TextReading, lead: str) -> bool:
    """Whether the chain is a path through menus: its lead, its list's lead-in or its
    heading says so ("Desde la UI:", "Go to")."""
    texts = [lead, r.section.title]
    if isinstance(t.block, ListItem) and isinstance(r.previous, Paragraph):
        texts.append(r.previous.text.text[-80:])
    return any(heading_has("navigation", text) for text in texts)


def _owner(r: SectionReading, t: TextReading, lead: tuple[int, int]) -> str | None:
    """The process a chain's lead names: whose set its noun names ("stages of X:"), else the
    last concept it mentions ("MLOps:"), else the table row's subject or the section's."""
    lo, hi = lead
    fallback = fallback_owner(r, t.row_subject, t.block)
    nouns = set_nouns(t.text[lo:hi])
    if nouns:
        noun = nouns[-1]
        shifted = type(noun)(noun.kind, noun.start + lo, noun.end + lo)
        return set_owner(t.mentions, t.text, shifted, lead, fallback)
    inside = [m for m in t.mentions if lo <= m.start and m.end <= hi]
    return inside[-1].key if inside else fallback
