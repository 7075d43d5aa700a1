"""Enumerations: what a set the notes name holds. Inline, right after a noun that names a set
("estados (Staging, Production)", "Tipos: A, B y C") → `hasMember`; after a noun that names
steps ("Pasos: A, B y C") → `hasStep`, in order. Listed under a lead-in or heading that names
a set ("Modos disponibles:", "## Etapas") or steps ("El flujo es:", "### Step-by-Step"), or
as explicit steps ("- Paso 1: …", "- Step 2: …") → the same. The subject is whose set it is
(`sets.set_owner`): the concept the noun's phrase names, else the table row's or section's.

Precision first: an inline list counts only when every entry is a short name, and a list only
under a noun of the language files (`set_nouns`, `step_nouns`): a numbered list is not steps
because it is numbered, and a parenthesis after any other word is a gloss, not a set."""

from __future__ import annotations

import re
from functools import cache

from kg.extract.labels import MAX_TERM_WORDS
from kg.extract.lexicon import fold
from kg.extract.patterns import alternation
from kg.extract.rules.context import SectionReading, TextReading
from kg.extract.rules.focus import heading_mentions
from kg.extract.rules.pipeline import CELL, SECTION_END, TEXT
from kg.extract.rules.sets import (
    MAX_ITEM_WORDS,
    SetNoun,
    entry_name,
    fallback_owner,
    heading_focus,
    is_lead_in,
    is_name,
    list_runs,
    plain_words,
    set_nouns,
    set_owner,
    split_inline,
    tied,
)
from kg.ingest.document import Block, ListItem, Paragraph
from kg.lang import listed

__all__ = ["inline_lists", "set_lists"]

_PAREN = re.compile(r"\(([^()\n]{2,200})\)")
_COMPLEMENT_WORDS = 4  # "tipos de la tabla online (…)": the complement's words
_LEAD_WORDS = 6  # "Estado del modelo: A, B": the words before the colon
_HEADING_REACH = 2  # paragraphs between a heading and the list it announces
_CONFIDENCE = 0.6


@TEXT.rule("inline-lists", records=("members-paren", "members-colon", "steps-colon"))
@CELL.rule("inline-lists", records=("members-paren", "members-colon", "steps-colon"))
def inline_lists(r: SectionReading, t: TextReading) -> None:
    """The names listed in parentheses or after a colon, right after a set or step noun."""
    if "(" not in t.text and ":" not in t.text:
        return
    for sent in t.doc.sents:
        bounds = (sent.start_char, sent.end_char)
        _paren_lists(r, t, bounds)
        _colon_list(r, t, bounds)


def _paren_lists(r: SectionReading, t: TextReading, bounds: tuple[int, int]) -> None:
    lo, hi = bounds
    text = t.text
    for m in _PAREN.finditer(text, lo, hi):
        nouns = set_nouns(text[lo : m.start()])
        if not nouns or nouns[-1].kind != "members":
            continue
        noun = _shifted(nouns[-1], lo)
        gap = text[noun.end : m.start()]
        if not (_one_word(gap) or (tied(gap) and len(gap.split()) <= _COMPLEMENT_WORDS)):
            continue
        entries = split_inline(m.group(1), m.start(1))
        if entries:
            # a parenthesis says whose set only in its sentence (or its table row)
            owner = set_owner(t.mentions, text, noun, (lo, m.start()), t.row_subject)
            _relate_inline(r, t, noun, owner, entries, "members-paren")


def _colon_list(r: SectionReading, t: TextReading, bounds: tuple[int, int]) -> None:
    lo, hi = bounds
    text = t.text
    colon = text.find(":", lo, hi)
    if colon < 0 or len(text[lo:colon].split()) > _LEAD_WORDS:
        return
    nouns = set_nouns(text[lo:colon])
    if not nouns:
        return
    noun = _shifted(nouns[-1], lo)
    end = text.find("\n", colon, hi)
    rest = text[colon + 1 : hi if end < 0 else end].rstrip()
    if rest.endswith(":"):
        return
    entries = split_inline(rest, colon + 1)
    if entries:
        rule = "steps-colon" if noun.kind == "steps" else "members-colon"
        fallback = fallback_owner(r, t.row_subject, t.block)
        owner = set_owner(t.mentions, text, noun, (lo, colon), fallback)
        _relate_inline(r, t, noun, owner, entries, rule)


def _one_word(gap: str) -> bool:
    """ "Modos disponibles (…)": at most one word between a set noun and its list."""
    return len(gap.split()) <= 1 and all(ch.isalnum() or ch in " _-" for ch in gap.strip())


def _shifted(noun: SetNoun, by: int) -> SetNoun:
    return SetNoun(noun.kind, noun.start + by, noun.end + by)


def _relate_inline(
    r: SectionReading,
    t: TextReading,
    noun: SetNoun,
    owner: str | None,
    entries: list[tuple[int, str]],
    rule: str,
) -> None:
    """Each entry of an inline list as a member or step of `owner` — only when every entry
    is a short name."""
    if owner is None or not all(_short_name(name, r.lang) for _, name in entries):
        return
    for n, (offset, name) in enumerate(entries, start=1):
        key = r.label(name)
        if key:
            ev = r.evidence(t.unit.line_at(offset))
            r.relate(owner, noun.predicate, key, ev, rule, _CONFIDENCE, n)


@SECTION_END.rule("set-lists", records=("members-list", "steps-list"))
def set_lists(r: SectionReading) -> None:
    """Each list under a lead-in or heading that names a set or steps, and each list of
    explicit steps ("Paso 1: …")."""
    blocks = r.section.blocks
    for n, (anchor, items) in enumerate(list_runs(blocks)):
        announced = _announced(r, blocks, anchor, under_heading=n == 0)
        numbered = _numbered(items)
        if numbered is not None:
            kind, owner = "steps", announced[1] if announced else fallback_owner(r, upto=items[0])
        elif announced is None:
            continue
        else:
            kind, owner = announced
        if owner is not None:
            _relate_items(r, owner, items, kind, numbered)


def _relate_items(
    r: SectionReading, owner: str, items: list[ListItem], kind: str, numbered: list[int] | None
) -> None:
    """Each item that names something as a member or step of `owner` (steps at their
    number, or their place in the list)."""
    for n, item in enumerate(items, start=1):
        mark = _step_mark().match(item.text.text)
        name = entry_name(item.text.text[mark.end() if mark else 0 :])
        most = MAX_TERM_WORDS if kind == "steps" else MAX_ITEM_WORDS
        key = r.label(name) if name and _short_name(name, r.lang, most) else None
        if not key:
            continue
        ev = r.evidence(item.line_start)
        position = numbered[n - 1] if numbered else n
        if kind == "steps":
            r.relate(owner, "hasStep", key, ev, "steps-list", _CONFIDENCE, position)
        else:
            r.relate(owner, "hasMember", key, ev, "members-list", _CONFIDENCE, position)


def _short_name(name: str, lang: str, most: int = MAX_ITEM_WORDS) -> bool:
    """A name of at most `most` words with no function word but articles and fillers."""
    return is_name(name, lang, most) and plain_words(name)


def _announced(
    r: SectionReading, blocks: tuple[Block, ...], anchor: int, *, under_heading: bool
) -> tuple[str, str | None] | None:
    """(kind, owner) a list's lead-in announces ("Modos disponibles:", a bold "Pasos"
    paragraph), or, for the section's first list with at most a few paragraphs before it,
    its heading ("## Etapas"); None when neither names a set or steps."""
    lead = blocks[anchor] if anchor >= 0 else None
    if isinstance(lead, (Paragraph, ListItem)) and is_lead_in(lead) and set_nouns(lead.text.text):
        mentions, doc = r.mentions(lead.text)
        sent = list(doc.sents)[-1]
        lo, hi = sent.start_char, sent.end_char
        nouns = [n for n in set_nouns(lead.text.text[lo:hi]) if n.plural]
        if nouns:
            noun = SetNoun(nouns[-1].kind, nouns[-1].start + lo, nouns[-1].end + lo)
            fallback = fallback_owner(r, upto=lead)
            return noun.kind, set_owner(mentions, lead.text.text, noun, (lo, hi), fallback)
    if not under_heading or anchor >= _HEADING_REACH or isinstance(lead, ListItem):
        return None
    if any(not isinstance(b, Paragraph) for b in blocks[: anchor + 1]):
        return None
    title = r.section.title
    nouns = [n for n in set_nouns(title) if n.plural]
    if not nouns:
        return None
    mentions = heading_mentions(r.reader, r.ctx, r.section)
    parent = r.ctx.parent_of.get(r.section.line_start)
    # "## Etapas" speaks of what its parent heading is about
    fallback = heading_focus(r.reader, r.ctx, parent) if parent else fallback_owner(r)
    return nouns[-1].kind, set_owner(mentions, title, nouns[-1], (0, len(title)), fallback)


def _numbered(items: list[ListItem]) -> list[int] | None:
    """The step numbers of a list whose every item opens with one ("Paso 1:", "Step 2 -"),
    in increasing order; None otherwise."""
    numbers = []
    for item in items:
        m = _step_mark().match(item.text.text)
        if not m:
            return None
        numbers.append(int(m.group(1)))
    if len(numbers) < 2 or numbers != sorted(set(numbers)):
        return None
    return numbers


@cache
def _step_mark() -> re.Pattern[str]:
    nouns = alternation(fold(n) for n in listed("sections.step_nouns"))
    return re.compile(rf"\s*(?:{nouns})\s*(\d+)\s*[:.)\-–—]\s*", re.IGNORECASE)
