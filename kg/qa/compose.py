"""Answers from ranked statements: what the notes say, verbatim, each with its file and line.

The typed facts an intent's handler found come first where they answer the question; the best
statements follow. When the handler found nothing direct (only a concept's other facts, or a
section pointer), the statements answer alone — if they cover the question well enough;
otherwise the answer says the notes do not hold it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.extract.statements import split_sentences
from kg.graph.analyzer import terms
from kg.qa.context import Result
from kg.qa.model import MAX_ANSWER, AnswerItem, EvidenceRef, LinkedConcept, clip_answer
from kg.qa.phrases import say
from kg.qa.render import place
from kg.qa.retrieval import Ranked, Weights

__all__ = ["Composed", "compose", "covers", "render_statements"]

_MAX_CODE_LINES = 20  # lines of the first code block an answer shows (blank lines aside)
_MORE_CODE_LINES = 8  # of each further one: the answer's room goes to other statements
_MAX_TEXT = 400  # characters of one statement shown (code aside)
_FIRST_TEXT = 800  # of the first one
_QUOTED = 40  # characters of a text the typed facts may quote, at least
_TYPED_SHARE = 0.55  # of the answer's length that typed facts may take when statements follow
_WITH_TYPED = 5  # statements shown after typed facts


@dataclass(frozen=True)
class Composed:
    found: bool
    text: str
    items: tuple[AnswerItem, ...]


def covers(ranked: Sequence[Ranked], linked: Sequence[LinkedConcept], weights: Weights) -> bool:
    """Whether the statements cover the question: one holds an identifier the question
    writes (`default_args`: a name that exact is what was asked about), enough of its words,
    or, for a question that names a concept of the notes exactly, some of them."""
    if not ranked:
        return False
    if any(r.identifier for r in ranked):
        return True
    best = max(r.coverage for r in ranked)
    named = bool(linked) and linked[0].score >= weights.named
    return best >= weights.abstain or (named and best >= weights.abstain_named)


def code_snippet(code: str, focus: frozenset[str], room: int = _MAX_CODE_LINES) -> tuple[int, str]:
    """The lines of a code block worth showing for a question: all of a block that fits in
    `room` lines (what comes before the question's terms is the setup they need), else the
    `room` lines that hold the most of the question's terms (from a line before the first of
    them when that fits; a diagram comparing two things shows both), the first lines when none
    does; blank lines are shown but not counted. Returns (offset of the first line shown, the
    lines)."""
    lines = code.splitlines()
    filled = [n for n, line in enumerate(lines) if line.strip()]
    if len(filled) <= room:
        return 0, "\n".join(lines)
    held = [focus & set(terms(lines[n])) for n in filled]
    hits = [k for k, found in enumerate(held) if found]
    start = max(0, hits[0] - 1) if hits else 0

    def covered(first: int) -> tuple[int, int]:
        """The question's terms a window holds, then how many of its lines hold one."""
        window = held[first : first + room]
        return len(set().union(*window)), sum(1 for found in window if found)

    best = max(hits, key=lambda k: (covered(k), -k), default=start)  # windows opening on a hit
    if covered(best) > covered(start):
        start = best
    first, last = filled[start], filled[min(start + room, len(filled)) - 1]
    more = "\n…" if last < filled[-1] else ""
    return first, ("…\n" if first else "") + "\n".join(lines[first : last + 1]) + more


def text_excerpt(text: str, focus: frozenset[str], limit: int = _MAX_TEXT) -> str:
    """A statement cut to `limit` characters for a question: whole when it fits, else its
    first sentence (what it is about, when short) and the sentences that hold the most of the
    question's terms, in their order, "…" where sentences are left out; else its start."""
    if len(text) <= limit:
        return text
    sentences = [s for _, s in split_sentences(text)]
    held = [len(focus & set(terms(s))) for s in sentences]
    chosen = {0} if sentences and len(sentences[0]) <= limit // 2 else set()
    size = sum(len(sentences[n]) + 2 for n in chosen)
    for n in sorted(range(len(sentences)), key=lambda n: (-held[n], n)):
        if held[n] and n not in chosen and size + len(sentences[n]) + 2 <= limit:
            chosen.add(n)
            size += len(sentences[n]) + 2
    if not any(held[n] for n in chosen if n):
        return text[: limit - 1].rstrip() + "…"
    pieces: list[str] = []
    for n in sorted(chosen):
        if pieces and n - 1 not in chosen:
            pieces.append("…")
        pieces.append(sentences[n])
    return " ".join(pieces) + (" …" if max(chosen) < len(sentences) - 1 else "")


def _adds(before: str, text: str, focus: frozenset[str]) -> bool:
    """Whether the sentence before a statement holds a word of the question it lacks."""
    return bool(focus & set(terms(before)) - set(terms(text)))


def _shown(r: Ranked, focus: frozenset[str], room: int, last: str, limit: int) -> str:
    """A statement as shown, its text cut to `limit` characters; `last`, the text of the one
    shown before it."""
    if r.kind == "code":
        offset, body = code_snippet(r.text, focus, room)
        return f"```{r.context}\n{body}\n```\n  ({place(r.source, r.line + offset)})"
    text = text_excerpt(r.text, focus, limit)
    if r.kind == "sentence" and r.context not in ("", last) and _adds(r.context, r.text, focus):
        # read with the sentence before it ("… es de .53. Esto indica …"): shown with it
        text = f"{text_excerpt(r.context, focus)} {text}"
    if r.kind == "heading":
        text = f"**{text}**"
    return f"{text} ({place(r.source, r.line)})"


def render_statements(
    ranked: Sequence[Ranked], focus: frozenset[str] = frozenset()
) -> tuple[str, tuple[AnswerItem, ...]]:
    """Statements as markdown bullets (a list's lead-in shown once above its items; the first
    code block more fully than the next ones), and one answer item per statement, labelled
    with its section."""
    lines: list[str] = []
    items: list[AnswerItem] = []
    lead = ""
    room = _MAX_CODE_LINES
    leads: set[str] = set()  # the lead-ins shown: a statement that is one is not shown again
    shown = ""  # the text of the statement shown last: a lead-in its items go under
    for r in ranked:
        if r.kind == "item" and r.context and r.context != lead:
            if r.context != shown:
                lines.append(f"- {r.context}")
            lead = r.context
            leads.add(lead)
        elif r.text in leads and r.kind != "code":
            continue
        indent = "  " if r.kind == "item" and r.context and r.context == lead else ""
        if r.kind != "item":
            lead = ""
        limit = _MAX_TEXT if items else _FIRST_TEXT  # the best one is read more fully
        lines.append(f"{indent}- {_shown(r, focus, room, shown, limit)}")
        shown = r.text
        room = _MORE_CODE_LINES if r.kind == "code" else room
        section = r.heading.rsplit(" › ", 1)[-1]
        quote = r.text if len(r.text) <= _MAX_TEXT else r.text[:_MAX_TEXT] + "…"
        items.append(
            AnswerItem(section, r.iri, "statement", (EvidenceRef(r.source, r.line, quote),))
        )
    return "\n".join(lines), tuple(items)


def compose(
    typed: Result,
    typed_coverage: float,
    ranked: Sequence[Ranked],
    linked: Sequence[LinkedConcept],
    lang: str,
    weights: Weights,
    focus: frozenset[str] = frozenset(),
) -> Composed:
    """The answer: typed facts that answer, then statements; statements first when they
    cover the question better than the typed facts do; statements alone; the typed fallback;
    or nothing found."""
    typed_text, typed_items = typed.text, typed.items
    if typed.found and typed.direct:  # what the typed facts quote is not shown twice
        ranked = [r for r in ranked if not _quoted(r, typed_text)]
    strong = covers(ranked, linked, weights)
    best = max((r.coverage for r in ranked), default=0.0)
    # statements shown before typed facts that cover less: all of them when the concept is
    # only loosely linked ("ejemplo" for a heading "Notebook con ejemplo")
    loose = not linked or linked[0].score < weights.named
    before = ranked if loose else _first_units(ranked, _WITH_TYPED)
    if typed.found and typed.direct:
        if not strong:
            if best > typed_coverage + weights.weak_margin:
                # neither covers the question well; the statements cover more of it
                return _statements_first(before, typed, lang, focus)
            return Composed(True, typed_text, typed_items)
        if typed_coverage + weights.typed_margin >= best:
            # cut at a line end, so that the statements after them stay in the answer
            first = clip_answer(typed_text, int(MAX_ANSWER * _TYPED_SHARE))
            header = f"{first}\n\n{say(lang, 'notes_say')}\n"
            room = MAX_ANSWER - len(header)
            block, items = _fitted(_first_units(ranked, _WITH_TYPED), focus, room)
            text = header + block
            return Composed(True, text, typed_items + items)
        return _statements_first(ranked, typed, lang, focus)
    if strong:  # what answers around the question comes after, where room is left
        return _statements_first(ranked, typed, lang, focus)
    if typed.found and ranked and best > typed_coverage:
        # the handler's fallback (a concept's other facts, the sections that mention it)
        # covers the question less than the best statements do: they come first
        return _statements_first(before, typed, lang, focus)
    return Composed(typed.found, typed_text, typed_items)


def _quoted(r: Ranked, typed_text: str) -> bool:
    """Whether typed facts quote a statement: a code block, a text long enough not to be a
    word of theirs ("Delta" in "**Delta** tables"), or a sentence with the one before it."""
    text = r.text.strip()
    if text not in typed_text:
        return False
    return r.kind == "code" or len(text) >= _QUOTED or bool(r.context and r.context in typed_text)


def _fitted(
    ranked: Sequence[Ranked], focus: frozenset[str], room: int
) -> tuple[str, tuple[AnswerItem, ...]]:
    """The statements rendered within `room` characters, where what completes a best one
    (`Ranked.completes`) would push a best statement after it past the cut: such completions
    are left out, the last one first ("input_schema_name: …" and the long list it stands in
    left out the fourth best, the sentence that answered)."""
    out = list(ranked)
    shown = render_statements(out, focus)
    while len(shown[0]) > room:
        cut = [
            n
            for n, r in enumerate(out)
            if r.completes >= 0 and any(later.completes < 0 for later in out[n + 1 :])
        ]
        if not cut:
            break
        del out[cut[-1]]
        shown = render_statements(out, focus)
    return shown


def _first_units(ranked: Sequence[Ranked], count: int) -> Sequence[Ranked]:
    """The first `count` statements, a list's items in a row counting as one: a list is
    shown whole or not at all."""
    units = 0
    for n, r in enumerate(ranked):
        previous = ranked[n - 1] if n else None
        same_list = (
            r.kind == "item"
            and previous is not None
            and previous.kind == "item"
            and previous.context == r.context
            and previous.section == r.section
        )
        units += 0 if same_list else 1
        if units > count:
            return ranked[:n]
    return ranked


def _statements_first(
    ranked: Sequence[Ranked], typed: Result, lang: str, focus: frozenset[str]
) -> Composed:
    """The statements, then what the handler found (if anything). Its items still come first
    among the answer's: each names a concept the facts are about ("XGBoost" of what AutoML
    tries), where a statement's item names its section, and after ten statements they fell
    past the fifteen items an answer keeps."""
    header = say(lang, "notes_say")
    block, items = _fitted(ranked, focus, MAX_ANSWER - len(header) - 1)
    text = f"{header}\n{block}"
    if typed.found:
        text += f"\n\n{typed.text}"
    return Composed(True, text, typed.items + items)
