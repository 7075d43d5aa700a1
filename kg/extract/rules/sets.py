"""Sets and sequences the notes name, shared by `enumerations.py` and `sequences.py`: the
nouns of the language files that name a set ("Tipos", "estados", "Modes") or the steps of a
process ("Pasos", "Steps", "flujo"), whose set such a noun names (its owner), and when a list
entry is a name (a member or a step) rather than a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.context import DocContext
from kg.extract.cues import cue_spans
from kg.extract.labels import MAX_TERM_WORDS, is_term_label, question_subject
from kg.extract.lexicon import fold
from kg.extract.mentions import Mention
from kg.extract.model import Predicate
from kg.extract.nlp import is_function_phrase, stop_words
from kg.extract.normalize import clean_label, is_code_like, is_literal_value
from kg.extract.patterns import alternation, drop_parentheticals
from kg.extract.rules.context import Reader, SectionReading
from kg.extract.rules.focus import focus, focus_of, heading_mentions
from kg.ingest.document import Block, Code, ListItem, Paragraph, Section
from kg.lang import listed, words

__all__ = [
    "MAX_ITEM_WORDS",
    "SetNoun",
    "entry_name",
    "fallback_owner",
    "heading_focus",
    "is_lead_in",
    "is_name",
    "list_runs",
    "plain_words",
    "set_nouns",
    "set_owner",
    "split_entry",
    "split_inline",
    "tied",
]

MAX_ITEM_WORDS = 4  # a member or step named inline ("A, B y C", "A → B → C") is a short name
_NAME_SPLIT = 40  # "name: what it is" / "name → what it is": the name ends this early
_SHORT_HEADING = 5  # words of a heading that names what it is about ("Using AutoML via UI")
_OWNER_GAP = 2  # words between an owner and its set noun ("AutoML tiene dos modos")
_SEPARATORS = re.compile(r"(?::\s|→|->|=>|\s[—–-]\s)")


@dataclass(frozen=True)
class SetNoun:
    """A noun that names a set (`members`) or the steps of a process (`steps`), and where it
    stands in the text it was found in."""

    kind: str
    start: int
    end: int
    plural: bool = True  # "Etapas", or a noun that names a whole process ("flujo")

    @property
    def predicate(self) -> Predicate:
        return "hasStep" if self.kind == "steps" else "hasMember"


def set_nouns(text: str) -> list[SetNoun]:
    """The set and step nouns of `text`, left to right (the longer where two overlap), without
    those a word before makes a property ("con estado": stateful)."""
    singular = _singular()
    found = [
        SetNoun(kind, s, e, role == "process_nouns" or fold(text[s:e]) not in singular)
        for role, kind in _ROLES
        for s, e in cue_spans(role, text)
    ]
    found.sort(key=lambda n: (n.start, n.start - n.end))
    out: list[SetNoun] = []
    for noun in found:
        if out and noun.start < out[-1].end:
            continue
        before = fold(text[: noun.start]).split()
        if before and before[-1] in _blockers():
            continue
        out.append(noun)
    return out


_ROLES = (("set_nouns", "members"), ("step_nouns", "steps"), ("process_nouns", "steps"))


@cache
def _singular() -> frozenset[str]:
    return frozenset(fold(w) for role, _ in _ROLES[:2] for w in listed(f"sections.{role}"))


@cache
def _blockers() -> frozenset[str]:
    return frozenset(fold(w) for w in listed("sections.set_noun_blockers"))


@cache
def _complement() -> re.Pattern[str]:
    """A complement tying a set noun to its owner: " de ", " del ", " of the "."""
    return re.compile(rf"\s+(?:{alternation(fold(p) for p in listed('set_complements'))})\s+")


def set_owner(
    mentions: tuple[Mention, ...] | list[Mention],
    text: str,
    noun: SetNoun,
    bounds: tuple[int, int],
    fallback: str | None,
) -> str | None:
    """Whose set `noun` names, among the `mentions` of `text` between `bounds` (its sentence,
    or the lead before a list): a concept whose name holds the noun ("Model stages"); the
    concept its complement names ("tipos de columnas"; None when the complement names none);
    a concept right before it ("write_table modes", "X tiene estados"); the concept it is
    done with ("Pasos con MLflowClient()"); else `fallback` (the row's subject, the section's
    focus)."""
    lo, hi = bounds
    inside = [m for m in mentions if lo <= m.start and m.end <= hi]
    for m in inside:
        if m.start <= noun.start and noun.end <= m.end and m.end - m.start > noun.end - noun.start:
            return m.key
    rest = text[noun.end : hi]
    tie = _complement().match(fold(rest) if len(fold(rest)) == len(rest) else rest.lower())
    if tie:
        at = noun.end + tie.end()
        named = [m for m in inside if m.start == at]
        return named[0].key if named else None
    before = [m for m in inside if m.end <= noun.start]
    if before and _near(text[before[-1].end : noun.start]):
        return before[-1].key
    means = _instrument().match(fold(rest) if len(fold(rest)) == len(rest) else rest.lower())
    if means:
        at = noun.end + means.end()
        named = [m for m in inside if m.start == at]
        return named[0].key if named else fallback
    return fallback


@cache
def _instrument() -> re.Pattern[str]:
    """What a set's or steps' means follows: " con ", " using "."""
    preps = alternation(fold(p) for p in listed("instrument_prepositions"))
    return re.compile(rf"\s+(?:{preps})\s+")


def tied(gap: str) -> bool:
    """Whether the words after a set noun are its complement ("tipos de columnas (…)")."""
    folded = fold(gap)
    return len(folded) == len(gap) and _complement().match(folded) is not None


def _near(gap: str) -> bool:
    """Whether the words between an owner and its set noun keep them in one phrase."""
    return len(gap.split()) <= _OWNER_GAP and not any(c in gap for c in ",;:.()")


def fallback_owner(
    r: SectionReading, row_subject: str | None = None, upto: Block | None = None
) -> str | None:
    """Whose set a noun names when its text names nobody: the table row's subject, else the
    section's focus when its heading names it, or when the section's text before `upto` (the
    list or text the noun is in) mentions it ("a) Usando write_table() …  b) Modos:")."""
    if row_subject:
        return row_subject
    named = heading_focus(r.reader, r.ctx, r.section)
    if named or upto is None:
        return named
    keys = focus(r)
    if not keys:
        return None
    find = r.registry.find
    target = find(keys[0])
    for block in r.section.blocks:
        if block is upto:
            break
        if isinstance(block, (Paragraph, ListItem)) and any(
            find(m.key) == target for m in r.mentions(block.text)[0]
        ):
            return target
    return None


def heading_focus(reader: Reader, ctx: DocContext, section: Section) -> str | None:
    """The section's focus when its heading names it: a "¿Qué es X?" heading, or a short one
    that mentions X ("Using AutoML via UI"); None for a focus read from its code, from a
    heading above or from a long heading (an exam objective) — too loose to own a set."""
    keys = focus_of(reader, ctx, section)
    if not keys:
        return None
    if question_subject(section.title):
        return keys[0]
    if len(section.title.split()) > _SHORT_HEADING:
        return None
    named = {reader.registry.find(m.key) for m in heading_mentions(reader, ctx, section)}
    return keys[0] if reader.registry.find(keys[0]) in named else None


def split_inline(text: str, start: int) -> list[tuple[int, str]] | None:
    """The names of an inline list ("A, B y C", "A, B, etc."), each with its offset (`start`
    is the text's own offset); None unless it holds two or more."""
    pieces: list[tuple[int, str]] = []
    at = 0
    for part in text.split(","):
        pieces.append((start + at, part))
        at += len(part) + 1
    offset, last = pieces[-1]
    joined = _conjunction().search(last)
    if joined:
        tail = (offset + joined.end(), last[joined.end() :])
        pieces[-1:] = [(offset, last[: joined.start()]), tail]
    marker = _example_marker().match(pieces[0][1])
    if marker:
        pieces[0] = (pieces[0][0] + marker.end(), pieces[0][1][marker.end() :])
    out: list[tuple[int, str]] = []
    for offset, piece in pieces:
        lead = len(piece) - len(piece.lstrip())
        name = piece.strip().rstrip(".…")
        if name and fold(name).strip(". ") not in _open_ends():
            out.append((offset + lead, name))
    return out if len(out) >= 2 else None


@cache
def _conjunction() -> re.Pattern[str]:
    joiners = "|".join(re.escape(w) for w in listed("conjunctions"))
    return re.compile(rf"(?<!\s)\s+(?:{joiners})\s+", re.IGNORECASE)


@cache
def _example_marker() -> re.Pattern[str]:
    """ "como …", "e.g., …" opening a list: the names follow it."""
    markers = alternation(listed("example_markers"))
    return re.compile(rf"\s*(?:{markers})\s*,?\s+", re.I)


@cache
def _open_ends() -> frozenset[str]:
    return frozenset(fold(w) for w in listed("open_list_ends"))


def is_name(text: str, lang: str, most: int = MAX_TERM_WORDS) -> bool:
    """Whether `text` names a concept (a code identifier, or a term label of at most `most`
    words), as labels are checked, without registering it."""
    label = clean_label(text)
    if not label or is_literal_value(label) or len(label.split()) > most:
        return False
    return is_code_like(label) or is_term_label(label, lang)


def plain_words(text: str) -> bool:
    """Whether a short name holds no function word beyond articles and name fillers ("El
    ciclo es entrenamiento" does: a sentence, not a name)."""
    banned = _banned()
    return not any(fold(w).strip(".,;:!?") in banned for w in text.split())


@cache
def _banned() -> frozenset[str]:
    allowed = {fold(w) for k in ("articles", "name_fillers", "conjunctions") for w in words(k)}
    return stop_words() - allowed


def split_entry(line: str) -> tuple[str, str] | None:
    """A "name: what it is" / "name → what it is" / "name — what it is" line as (name, what
    it is), when the separator comes early enough for what is before it to be a name."""
    cut = _SEPARATORS.search(line, 0, _NAME_SPLIT + 3)
    if not cut or cut.start() > _NAME_SPLIT:
        return None
    return line[: cut.start()], line[cut.end() :].strip()


def entry_name(text: str) -> str | None:
    """The name a list entry gives: its first line up to a "name: what it is" separator,
    glosses in parentheses left out; None when the entry is only function words."""
    line = drop_parentheticals(text.strip().split("\n", 1)[0])
    name = clean_label((split_entry(line) or (line, ""))[0])
    return None if not name or is_function_phrase(name) else name


def list_runs(blocks: tuple[Block, ...]) -> list[tuple[int, list[ListItem]]]:
    """Sibling list items, each run with the index of the block it hangs from (its parent
    item, or the last block before the list; -1 for none). A code block inside a list (a
    step's example) does not end it; a change from numbered to bulleted items does (a new
    list, hanging from the last item before it)."""
    runs: list[tuple[int, list[ListItem]]] = []
    open_items: list[tuple[int, int, int]] = []  # (depth, index, run) of the items still open
    anchor = -1
    for i, block in enumerate(blocks):
        if isinstance(block, Code) and open_items:
            continue
        if not isinstance(block, ListItem):
            anchor, open_items = i, []
            continue
        while open_items and open_items[-1][0] > block.depth:
            open_items.pop()
        sibling = open_items.pop() if open_items and open_items[-1][0] == block.depth else None
        if sibling and runs[sibling[2]][1][-1].ordered == block.ordered:
            run = sibling[2]
        else:
            parent = open_items[-1][1] if open_items else anchor
            runs.append((sibling[1] if sibling else parent, []))
            run = len(runs) - 1
        runs[run][1].append(block)
        open_items.append((block.depth, i, run))
    return runs


def is_lead_in(block: Paragraph | ListItem) -> bool:
    """A lead-in: text ending with ":", or a paragraph bold from end to end."""
    text = block.text.text.strip()
    if text.endswith(":"):
        return True
    strong = [s for s in block.text.spans if s.kind == "strong"]
    return (
        isinstance(block, Paragraph)
        and len(strong) == 1
        and strong[0].end - strong[0].start >= len(text) - 1
    )
