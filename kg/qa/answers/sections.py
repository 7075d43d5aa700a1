"""Answers from where the notes treat something: the section a question's words name, or the
sections that name or mention a concept the notes never define."""

from __future__ import annotations

from kg.qa.answers.common import dedupe, evidence
from kg.qa.context import NOT_FOUND, AskContext, Result
from kg.qa.model import AnswerItem, EvidenceRef
from kg.qa.phrases import say
from kg.qa.render import evidence_line, place
from kg.qa.templates import value
from kg.qa.words import content_words, words

__all__ = ["MIN_OVERLAP", "covered_in", "mentioned_in"]

MIN_OVERLAP = 2  # words a question shares with a section title to be about it ...
_MIN_TITLE_SHARE = 0.5  # ... or this share of a short title's words
_WIDER = 0.55  # a name that holds every word of a phrase of the question
_MAX_SECTIONS = 5
_MAX_STATEMENTS = 15


def covered_in(ctx: AskContext, *, every_word: bool = False) -> Result:
    """A question the notes answer in prose: the statements of the section whose title
    matches the question best, when it matches well (two words, or most of the title;
    with `every_word`, every content word of the question)."""
    match = ctx.best_section()
    if match is None or (match.overlap < MIN_OVERLAP and match.share < _MIN_TITLE_SHARE):
        return NOT_FOUND
    # every word: as many as the question has content words, and the title holds each word
    # it counts ("what is prefect used for" is not answered by "Use Cases")
    asked = max(len(content_words(ctx.question, ctx.lang)), match.asked)
    if every_word and not 0 < asked <= match.overlap:
        return NOT_FOUND
    section = match.section
    rows = ctx.run("section_statements", s=section.iri)
    where = place(section.source, section.start)
    lines = [say(ctx.lang, "covered_in", x=section.title, where=where)]
    items = []
    if not rows:  # prose the graph does not hold as statements: the section and its parts
        for s in ctx.sections.inside(section)[:_MAX_SECTIONS]:
            if s is not section:
                lines.append(f"- {s.title} ({s.start})")
            ev = EvidenceRef(s.source, s.start, s.title)
            items.append(AnswerItem(s.title, s.iri, "coveredIn", (ev,)))
        return Result(True, "\n".join(lines), tuple(items))
    for r in rows[:_MAX_STATEMENTS]:
        ev = evidence(r, "text")
        lines.append(evidence_line(ev, 220, source=False))
        items.append(AnswerItem(section.title, section.iri, "coveredIn", (ev,)))
    return Result(True, "\n".join(lines), dedupe(items))


def mentioned_in(ctx: AskContext) -> Result:
    """For a concept the notes name but never define: the sections titled by it, then the
    sections that mention it. Not for a fuzzy (typo) match: that may be another thing."""
    if not ctx.linked or ctx.linked[0].score < _WIDER:
        return NOT_FOUND
    concept = ctx.linked[0]
    titled = [(s.source, s.start, s.title) for s in ctx.sections.titled(words(concept.label))]
    mentioning = [
        (value(r, "source"), int(value(r, "start")), value(r, "title"))
        for r in ctx.run("mentioned_in", c=concept.iri)
    ]
    places = list(dict.fromkeys(titled + mentioning))[:_MAX_SECTIONS]
    if not places:
        return NOT_FOUND
    lines = [say(ctx.lang, "mentioned_in", x=concept.label)]
    items = []
    for source, start, title in places:
        lines.append(f"- {title} ({source}:{start})")
        ev = EvidenceRef(source, start, title)
        items.append(AnswerItem(concept.label, concept.iri, "mentionedIn", (ev,)))
    return Result(True, "\n".join(lines), tuple(items), direct=False)
