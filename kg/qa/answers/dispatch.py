"""Which handler answers a question, and what answers when it cannot."""

from __future__ import annotations

from dataclasses import replace

from kg.qa.answers.definition import about
from kg.qa.answers.registry import handler_for
from kg.qa.answers.sections import covered_in
from kg.qa.compose import compose
from kg.qa.context import NOT_FOUND, AskContext, Result

__all__ = ["answer", "typed_answer"]


def answer(ctx: AskContext) -> Result:
    """The typed facts that answer the question together with the statements of the notes
    that answer it best (`kg.qa.compose`); nothing when the question names something the
    notes never write."""
    if ctx.statements is None:
        return typed_answer(ctx)
    if ctx.missing_names:  # "What is Kubernetes?": the notes do not hold it, nothing runs
        return NOT_FOUND
    typed = typed_answer(ctx)
    weights = ctx.statements.weights
    composed = compose(
        typed, ctx.statement_coverage(typed.text), ctx.ranked_statements, ctx.linked, ctx.lang,
        weights, ctx.question_terms(),
    )  # fmt: skip
    return Result(composed.found, composed.text, composed.items)


def typed_answer(ctx: AskContext) -> Result:
    """The answer to a linked question from its intent's handler, or, when that finds
    nothing, what the notes say of its first concept. A question that links to no concept
    is answered by the section whose title holds its words (every word, unless it asks how
    to do something in words the notes all use: "how do I make a pivot table in a
    spreadsheet" is not answered by "Feature Tables")."""
    if not ctx.linked:  # "how do I remove outliers?", "what is one-hot encoding?": a section
        every_word = ctx.intent != "how_to" or bool(ctx.unknown_words)
        return replace(covered_in(ctx, every_word=every_word), direct=False)
    result = handler_for(ctx.intent)(ctx)
    if result.found or ctx.intent in ("definition", "unknown"):
        return result
    fallback = about(ctx, ctx.linked[0])
    return replace(fallback, direct=False) if fallback.found else result
