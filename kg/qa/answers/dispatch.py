"""Which handler answers a question, and what answers when it cannot."""

from __future__ import annotations

from kg.qa.answers.definition import about
from kg.qa.answers.registry import handler_for
from kg.qa.answers.sections import covered_in
from kg.qa.context import AskContext, Result

__all__ = ["answer"]


def answer(ctx: AskContext) -> Result:
    """The answer to a linked question from its intent's handler, or, when that finds
    nothing, what the notes say of its first concept. A question that links to no concept
    is answered by the section whose title holds its words (every word, unless it asks how
    to do something)."""
    if not ctx.linked:  # "how do I remove outliers?", "what is one-hot encoding?": a section
        return covered_in(ctx, every_word=ctx.intent != "how_to")
    result = handler_for(ctx.intent)(ctx)
    if result.found or ctx.intent in ("definition", "unknown"):
        return result
    fallback = about(ctx, ctx.linked[0])
    return fallback if fallback.found else result
