"""Components: what a concept includes, offers as methods, produces, has as members or as
steps (in their order)."""

from __future__ import annotations

from kg.qa.answers.common import group_items
from kg.qa.answers.registry import handler
from kg.qa.context import NOT_FOUND, AskContext, Result
from kg.qa.intents import asks_for_output
from kg.qa.model import LinkedConcept
from kg.qa.phrases import say
from kg.qa.render import cite, quote
from kg.qa.templates import Row, value

__all__ = ["components"]

_MAX_PARTS = 15


@handler("components")
def components(ctx: AskContext) -> Result:
    """The steps, members, parts, methods and outputs of the first linked concept that has
    any (or of the class a linked method belongs to); what the question asks for first."""
    for concept in ctx.linked[:3]:
        target, rows = _parts(ctx, concept)
        if not rows:
            continue
        # steps in their order, then members, parts and methods ("which algorithms"), or
        # outputs first when the question asks what it returns
        order = ("hasStep", "hasMember", "partOf", "methodOf", "produces")
        if asks_for_output(ctx.question):
            order = ("produces", *order[:-1])
        rank = {relation: n for n, relation in enumerate(order)}
        # rows come in document order (steps by position): a stable sort keeps it, and an
        # object listed both as a step and a member is listed once, as a step
        rows = sorted(rows, key=lambda r: rank.get(value(r, "relation"), len(order)))
        items = group_items(rows, "")
        lines = [say(ctx.lang, "parts", x=target.label)]
        for r in ctx.run("definition", c=target.iri)[:1]:
            lines.append(quote(value(r, "definition"), 300))
        for item in items[:_MAX_PARTS]:
            lines.append(f"- **{item.label}** ({item.relation}) — {cite(item.evidence[0])}")
        return Result(True, "\n".join(lines), tuple(items))
    return NOT_FOUND


def _parts(ctx: AskContext, concept: LinkedConcept) -> tuple[LinkedConcept, list[Row]]:
    """The concept's parts; for a concept without any, those of the class it is a method of."""
    rows = ctx.run("parts", c=concept.iri)
    target = concept
    if not rows:
        for owner in ctx.run("owner", c=concept.iri)[:1]:
            target = LinkedConcept(value(owner, "o"), value(owner, "label"))
            rows = ctx.run("parts", c=target.iri)
    return target, rows
