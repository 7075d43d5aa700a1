"""Definitions: what a concept is, from its definitions, key points and parts; else where the
notes treat it. Also the answer of questions no cue classifies (`unknown`)."""

from __future__ import annotations

from kg.extract.language import detect_language
from kg.qa.answers.common import dedupe, evidence, group_items
from kg.qa.answers.registry import handler
from kg.qa.answers.sections import mentioned_in
from kg.qa.context import AskContext, Result
from kg.qa.model import AnswerItem, LinkedConcept
from kg.qa.phrases import say
from kg.qa.render import evidence_line, quote
from kg.qa.templates import value

__all__ = ["about", "definition"]


@handler("definition", "unknown")
def definition(ctx: AskContext) -> Result:
    """The first linked concept the notes say anything of: its definitions (in the question's
    language first), key points and parts; else the sections that treat it."""
    for concept in ctx.linked[:3]:
        definitions = [value(r, "definition") for r in ctx.run("definition", c=concept.iri)]
        notes = ctx.run("key_points", c=concept.iri)
        parts = ctx.run("parts", c=concept.iri)
        if not definitions and not notes and not parts:
            continue
        lines = [say(ctx.lang, "definition", x=concept.label)]
        # definitions in the question's language first (notes mix languages)
        ordered = sorted(dict.fromkeys(definitions), key=lambda d: detect_language(d) != ctx.lang)
        lines += [quote(d, 400) for d in ordered][:2]
        items = []
        for r in notes[:4]:
            ev = evidence(r, "text")
            lines.append(evidence_line(ev, 200))
            items.append(AnswerItem(concept.label, concept.iri, "keyPoint", (ev,)))
        part_items = group_items(parts, "")
        if part_items:
            lines.append("- " + ", ".join(i.label for i in part_items[:8]))
        items = [AnswerItem(concept.label, concept.iri, "definition"), *items, *part_items]
        return Result(True, "\n".join(lines), dedupe(items))
    return mentioned_in(ctx)


def about(ctx: AskContext, concept: LinkedConcept) -> Result:
    """What the notes say of `concept`, for a question its own intent could not answer."""
    result = definition(ctx.about(concept))
    if result.found and result.items[0].relation != "mentionedIn":
        return Result(
            True, say(ctx.lang, "about", x=concept.label) + "\n" + result.text, result.items
        )
    return result
