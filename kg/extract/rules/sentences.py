"""Sentence cues: "X requiere Y", "solo en X puedes usar Y", "Y agrupa X", "X devuelve Y" —
a relation cue phrase of the language files between concept mentions.

A cue with no subject mention before it takes the table row's subject or the section's focus
(`(implicit subject)`). A cue is not read when it is negated ("No necesitas ..."), describes
("Archivos generados: ...", "depending on"), or states an action ("necesita evaluar"); what a
purpose clause names is not an object ("... for CI/CD to work").

Linear in the length of a sentence: cue phrases are looked up by their first lemma, the
tokens mentions and earlier cues take are marked once, and mentions around a cue are found
with a binary search.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span

from kg.extract.cues import RelationCue, negations, relation_cues, section_cues
from kg.extract.lexicon import is_infinitive
from kg.extract.mentions import Mention
from kg.extract.rules.context import SectionReading, TextReading
from kg.extract.rules.focus import focus
from kg.extract.rules.pipeline import CELL, TEXT
from kg.extract.rules.purpose import PurposeClauses, purpose_end
from kg.lang import known, language, listed, words

__all__ = ["CueMatch", "OrderedMentions", "cue_matches", "cue_sentences", "run_of"]

# Predicates whose subject may be left implicit ("Debes tener X" under a section about Y).
_IMPLICIT_OK = frozenset({"requires", "produces", "usedFor"})
# What may stand between two objects of one cue: "X y Y", "X, Y", "X / Y".
_JOINERS = words("joiners") | {"", "/", "+", "&"}
_NO_PARTICIPLE = frozenset({"produces", "usedFor", "partOf"})
_PARTICIPLES = tuple(listed("participle_endings"))  # "generados", "generated"
_RUN = 4  # objects one cue may list


@dataclass(frozen=True)
class CueMatch:
    """A cue phrase found in a sentence: its character span and, for a split cue, the span of
    its second part."""

    cue: RelationCue
    start: int
    end: int
    then: tuple[int, int] | None


@TEXT.rule("cue", records=("cue:LANG:PHRASE",))
@CELL.rule("cue", records=("cue:LANG:PHRASE",))
def cue_sentences(r: SectionReading, t: TextReading) -> None:
    """Each cue phrase of each sentence relates the mentions around it."""
    clauses: PurposeClauses | None = None
    everywhere = OrderedMentions(t.mentions)
    for sent in t.doc.sents:
        inside = everywhere.starting_in(sent.start_char, sent.end_char)
        for match in cue_matches(sent, inside.items, r.lang):
            if clauses is None:
                clauses = PurposeClauses(t.text)
            _apply(r, t, match, inside, clauses)


def _apply(
    r: SectionReading,
    t: TextReading,
    match: CueMatch,
    mentions: OrderedMentions,
    clauses: PurposeClauses,
) -> None:
    cue, start, end, then = match.cue, match.start, match.end, match.then
    text = t.text
    if cue.predicate == "none":
        return
    # before the cue and after a leading purpose clause; after it and outside purpose clauses
    purpose = purpose_end(text, start)
    lo, hi = mentions.first_at(purpose) if purpose else 0, mentions.ending_by(start)
    first_before = [mentions.items[lo].key] if lo < hi else []
    last_before = [mentions.items[hi - 1].key] if lo < hi else []
    after = (m for m in mentions.starting_from(end) if not clauses.holds(m))
    if cue.direction == "split" and then:
        objects = run_of(mentions.starting_in(end, then[0]).items, text)
        subjects = run_of(mentions.starting_from(then[1]), text)
    elif cue.direction == "reverse":
        objects, subjects = last_before, run_of(after, text)
    else:
        subjects, objects = first_before, run_of(after, text)
    if cue.only_code:
        subjects = [k for k in subjects if k.startswith("code:")]
        objects = [k for k in objects if k.startswith("code:")]
    rule, confidence = f"cue:{cue.lang}:{cue.phrase}", 0.8
    if not subjects and cue.direction == "forward" and cue.predicate in _IMPLICIT_OK:
        implicit = t.row_subject
        # a table's first cell speaks for the section only in a term table ("Requiere X")
        column = t.unit.column
        if implicit is None and (column < 0 or (column == 0 and t.table_shape == "terms")):
            implicit = next(iter(focus(r)), None)
        if implicit:
            subjects, confidence = [implicit], 0.6
            rule += " (implicit subject)"
    ev = r.evidence(t.unit.line_at(end))
    for s in subjects:
        for o in objects:
            r.relate(s, cue.predicate, o, ev, rule, confidence)  # type: ignore[arg-type]


class OrderedMentions:
    """Mentions left to right without overlaps (so their ends are in order too), with their
    offsets, to find those around a cue with a binary search."""

    def __init__(
        self,
        items: Sequence[Mention],
        starts: list[int] | None = None,
        ends: list[int] | None = None,
    ) -> None:
        self.items = items
        self.starts = [m.start for m in items] if starts is None else starts
        self.ends = [m.end for m in items] if ends is None else ends

    def first_at(self, offset: int) -> int:
        """Index of the first mention starting at or after `offset`."""
        return bisect_left(self.starts, offset)

    def ending_by(self, offset: int) -> int:
        """How many mentions end at or before `offset`."""
        return bisect_right(self.ends, offset)

    def starting_in(self, start: int, end: int) -> OrderedMentions:
        """The mentions starting in [start, end)."""
        lo, hi = self.first_at(start), self.first_at(end)
        return OrderedMentions(self.items[lo:hi], self.starts[lo:hi], self.ends[lo:hi])

    def starting_from(self, offset: int) -> Iterator[Mention]:
        """The mentions starting at or after `offset`, one at a time."""
        items = self.items
        return (items[i] for i in range(self.first_at(offset), len(items)))


def run_of(mentions: Iterable[Mention], text: str, limit: int = _RUN) -> list[str]:
    """The first mention and those joined to it by "y", "and", commas or slashes."""
    out: list[str] = []
    prev: Mention | None = None
    for m in mentions:
        if prev is not None and text[prev.end : m.start].strip(" ,;").lower() not in _JOINERS:
            break
        out.append(m.key)
        prev = m
        if len(out) == limit:
            break
    return out


def cue_matches(sent: Span, mentions: Sequence[Mention], lang: str) -> list[CueMatch]:
    """The cue phrases of a sentence that state a relation, longest cues first; a cue does
    not overlap a mention or an earlier cue (with its second part)."""
    lemmas = [t.lemma_ for t in sent]
    starts = [t.idx for t in sent]
    ends = [t.idx + len(t.text) for t in sent]
    index = _LemmaIndex(lemmas)
    taken = _Taken(len(lemmas))
    for m in mentions:  # the tokens a mention overlaps
        first = bisect_right(ends, m.start)
        last = bisect_left(starts, m.end)
        if first < last:
            taken.mark(first, last)
    found: list[CueMatch] = []
    # cues of both languages: notes mix them, and a short text's language is a guess; only
    # the cues whose first lemma the sentence holds, in their order (longest first)
    by_first = _cues_by_first_lemma()
    ranked = {n: cue for lemma in set(lemmas) for n, cue in by_first.get(lemma, ())}
    for _, cue in sorted(ranked.items()):
        size = len(cue.lemmas)
        for i in index.occurrences(cue.lemmas):
            if taken.any(i, i + size) or not _states(sent, i, cue, lang):
                continue
            then: tuple[int, int] | None = None
            last_token = i + size
            if cue.then:
                j = index.first_after(cue.then, i + size)
                if j is None:
                    continue
                last_token = j + len(cue.then)
                then = (starts[j], ends[last_token - 1])
            taken.mark(i, last_token)
            found.append(CueMatch(cue, starts[i], ends[i + size - 1], then))
    return found


@lru_cache(maxsize=1)
def _cues_by_first_lemma() -> dict[str, list[tuple[int, RelationCue]]]:
    """Each relation cue under its first lemma, with its rank in `relation_cues()`."""
    index: dict[str, list[tuple[int, RelationCue]]] = {}
    for n, cue in enumerate(relation_cues()):
        if cue.lemmas:
            index.setdefault(cue.lemmas[0], []).append((n, cue))
    return index


def _states(sent: Span, i: int, cue: RelationCue, lang: str) -> bool:
    """Whether the cue at token `i` states a relation rather than negating, describing or
    saying what something does."""
    if any(t.lower_ in negations() for t in sent[max(i - 2, 0) : i]):
        return False  # "No necesitas configurar ..." states no requirement
    word = sent[i].lower_
    if cue.predicate in _NO_PARTICIPLE and word.endswith(_PARTICIPLES):
        return False  # "Archivos generados: ..." describes, it does not say who generates
    if word.endswith(tuple(language(known(lang))["describing_endings"])):
        return False  # "depending on the ...", "requiring": describes, does not state
    # "Hyperopt necesita evaluar cada trial": what it does
    return not (cue.predicate == "requires" and _needs_to_do(sent, i + len(cue.lemmas), cue.lang))


def _needs_to_do(sent: Span, after: int, lang: str) -> bool:
    """True when a need is followed by an action rather than a thing: "necesita evaluar",
    "needs to evaluate" — unless the verb is one of having or using ("necesitas tener")."""
    tokens = list(sent[after : after + 2])
    if not tokens:
        return False
    allowed = section_cues()["requirement_infinitives"]
    first = tokens[0]
    marker = language(lang)["infinitive_marker"]
    if marker:  # "needs to evaluate"
        return (
            first.lower_ == marker
            and len(tokens) > 1
            and tokens[1].is_alpha
            and tokens[1].lower_ not in allowed
        )
    return is_infinitive(first.lower_, lang) and first.lower_ not in allowed


class _LemmaIndex:
    """Where each lemma of a sentence stands, to find a phrase without a scan per phrase."""

    def __init__(self, lemmas: list[str]) -> None:
        self.lemmas = lemmas
        self._at: dict[str, list[int]] = {}
        for i, lemma in enumerate(lemmas):
            self._at.setdefault(lemma, []).append(i)
        self._found: dict[tuple[str, ...], list[int]] = {}

    def occurrences(self, phrase: tuple[str, ...]) -> list[int]:
        """Token indexes where `phrase` starts, in order."""
        if not phrase:
            return []
        found = self._found.get(phrase)
        if found is None:
            n = len(phrase)
            found = [
                i for i in self._at.get(phrase[0], ()) if tuple(self.lemmas[i : i + n]) == phrase
            ]
            self._found[phrase] = found
        return found

    def first_after(self, phrase: tuple[str, ...], index: int) -> int | None:
        """The first occurrence of `phrase` starting after token `index`."""
        found = self.occurrences(phrase)
        k = bisect_right(found, index)
        return found[k] if k < len(found) else None


class _Taken:
    """Tokens taken by mentions or cues. Marking skips tokens already taken, so marking
    costs at most one step per token and sentence."""

    def __init__(self, size: int) -> None:
        self.marked = [False] * size
        self._free = list(range(size + 1))  # the first untaken token at or after each token

    def any(self, start: int, end: int) -> bool:
        return any(self.marked[start:end])

    def mark(self, start: int, end: int) -> None:
        i = self._next_free(start)
        while i < end:
            self.marked[i] = True
            self._free[i] = i + 1
            i = self._next_free(i + 1)

    def _next_free(self, i: int) -> int:
        free = self._free
        while free[i] != i:
            free[i] = free[free[i]]
            i = free[i]
        return i
