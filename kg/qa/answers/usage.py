"""Usage: when to use a concept, from what it is used for, key points and comparisons."""

from __future__ import annotations

from kg.qa.answers.common import comparisons, dedupe, evidence, group_items
from kg.qa.answers.registry import handler
from kg.qa.context import NOT_FOUND, AskContext, Result
from kg.qa.model import AnswerItem
from kg.qa.phrases import say
from kg.qa.render import cell, cite, evidence_line
from kg.qa.templates import value

__all__ = ["usage"]

_MAX_NOTES = 8


@handler("usage")
def usage(ctx: AskContext) -> Result:
    """For the first linked concept the notes say how to use: what it is used for, its key
    points, and its side of each comparison aspect."""
    for concept in ctx.linked[:3]:
        uses = ctx.run("uses", c=concept.iri)
        notes = ctx.run("key_points", c=concept.iri)
        compared = comparisons(ctx, concept.iri)
        if not (uses or notes or compared):
            continue
        lines = [say(ctx.lang, "usage", x=concept.label)]
        items = group_items(uses, "usedFor")
        for item in items:
            lines.append(f"- **{item.label}** ({cite(item.evidence[0])})")
        for r in notes[:_MAX_NOTES]:
            ev = evidence(r, "text")
            lines.append(evidence_line(ev, 220))
            items.append(AnswerItem(concept.label, concept.iri, "keyPoint", (ev,)))
        for r in compared:
            if "aspect" in r:
                side = "leftValue" if value(r, "left") == concept.iri else "rightValue"
                lines.append(f"- {value(r, 'aspect')}: {cell(value(r, side))}")
        return Result(True, "\n".join(lines), dedupe(items))
    return NOT_FOUND
