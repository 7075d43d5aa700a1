"""Prerequisites and dependents: what a concept requires, and what requires it."""

from __future__ import annotations

from kg.qa.answers.common import group_items, wider_names
from kg.qa.answers.registry import handler
from kg.qa.context import NOT_FOUND, AskContext, Result
from kg.qa.phrases import say
from kg.qa.render import cite, quote

__all__ = ["dependents", "prerequisites"]


@handler("prerequisites")
def prerequisites(ctx: AskContext) -> Result:
    """What the first linked concept with requirements requires, with the lines saying so."""
    return _relation_list(ctx, "requires", "requires", "requires")


@handler("dependents")
def dependents(ctx: AskContext) -> Result:
    """What requires the first linked concept that anything requires."""
    return _relation_list(ctx, "required_by", "requiredBy", "required_by")


def _relation_list(ctx: AskContext, template: str, relation: str, phrase: str) -> Result:
    """The objects of `template` for the first concept (linked, or a wider name) that has
    any, each with up to three quoted lines of evidence."""
    for concept in [*ctx.linked[:4], *wider_names(ctx)]:
        rows = ctx.run(template, c=concept.iri)
        if not rows:
            continue
        items = group_items(rows, relation)
        lines = [say(ctx.lang, phrase, x=concept.label)]
        for item in items:
            lines.append(f"- **{item.label}**")
            for ev in item.evidence[:3]:
                lines.append(f"  - “{quote(ev.text)}” ({cite(ev)})")
        return Result(True, "\n".join(lines), tuple(items))
    return NOT_FOUND
