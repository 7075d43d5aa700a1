"""Differences: the notes' comparison tables between two concepts, or each side's facts."""

from __future__ import annotations

from kg.qa.answers.common import comparisons, dedupe, evidence
from kg.qa.answers.registry import handler
from kg.qa.context import NOT_FOUND, AskContext, Result
from kg.qa.model import AnswerItem, LinkedConcept
from kg.qa.phrases import say
from kg.qa.question_terms import compared_sides
from kg.qa.render import cell, cite, table_head, table_row
from kg.qa.templates import Row, value
from kg.qa.words import canonical_word, words

__all__ = ["difference"]

_MAX_TABLES = 3


@handler("difference")
def difference(ctx: AskContext) -> Result:
    """The comparison between the linked concepts (or names that hold them); else any
    comparison of the first that has one; else the two concepts' facts side by side."""
    wanted = [c.iri for c in ctx.linked[:4]]
    best: list[Row] = []
    for concept in ctx.linked[:4]:  # the pair asked, read apart: a concept may have hundreds
        if best := comparisons(ctx, concept.iri, others=wanted):
            break
    for concept in ctx.linked[:4] if not best else ():  # else any comparison of one ...
        # ... whose sides the question names, when it names two ("Whitespace vs
        # WhitespaceSplit" is not answered by "WhitespaceSplit vs CharDelimiterSplit")
        if best := comparisons(ctx, concept.iri, which=lambda rows: _named_sides(ctx, rows)):
            break
    if not best and len(ctx.linked) >= 2:
        best = _wider_pair(ctx, ctx.linked[0], ctx.linked[1])
    if best:
        return _comparisons(ctx, best)
    return _side_by_side(ctx, ctx.linked[:2])


def _named_sides(ctx: AskContext, rows: list[Row]) -> list[Row]:
    """The comparisons among `rows` both of whose sides the question names (a linked concept,
    or every word of the side's name), or all of them when the question names one thing."""
    if len(ctx.linked) < 2 and not compared_sides(ctx.question):
        return rows
    linked = {c.iri for c in ctx.linked}
    asked = {canonical_word(w, ctx.lang) for w in words(ctx.question)}

    def named(row: Row, side: str) -> bool:
        label = {canonical_word(w, ctx.lang) for w in words(value(row, side + "Label"))}
        return value(row, side) in linked or (bool(label) and label <= asked)

    pairs = {value(r, "cmp") for r in rows if named(r, "left") and named(r, "right")}
    return [r for r in rows if value(r, "cmp") in pairs]


def _wider_pair(ctx: AskContext, a: LinkedConcept, b: LinkedConcept) -> list[Row]:
    """A comparison between names that hold the two asked names ("Unity Catalog" in
    "Unity Catalog Registry"), when the notes compare no closer pair."""
    index = ctx.index
    left, right = index.wider(a.iri), index.wider(b.iri)
    for iri in sorted(left, key=lambda i: (len(index.label(i)), i)):
        if pair := comparisons(ctx, iri, others=sorted(right)):
            return pair
    return []


def _comparisons(ctx: AskContext, rows: list[Row]) -> Result:
    """Up to three comparisons; those with aspects as tables (the table says it all)."""
    by_cmp: dict[str, list[Row]] = {}
    for r in rows:
        by_cmp.setdefault(value(r, "cmp"), []).append(r)
    groups = list(by_cmp.values())
    detailed = [g for g in groups if any("aspect" in r for r in g)]
    lines: list[str] = []
    items: list[AnswerItem] = []
    for cmp_rows in (detailed or groups)[:_MAX_TABLES]:
        lines += _comparison(ctx.lang, cmp_rows, table=bool(detailed))
        first = cmp_rows[0]
        for side in ("left", "right"):
            label, iri = value(first, side + "Label"), value(first, side)
            items.append(AnswerItem(label, iri, "differsFrom", (evidence(first),)))
    return Result(True, "\n".join(lines), dedupe(items))


def _comparison(lang: str, rows: list[Row], *, table: bool) -> list[str]:
    """One comparison: a heading "A vs B", its aspects (as a table), and its source."""
    first = rows[0]
    a, b = value(first, "leftLabel"), value(first, "rightLabel")
    lines = [say(lang, "difference", a=a, b=b)]
    if table:
        lines.append("\n" + table_head([say(lang, "aspect"), a, b, say(lang, "line")]))
    # a note shared by both sides (an "A | vs | B | Diferencia clave" row) is shown once;
    # in a table of aspects, equal values are an answer too ("0 a 1" for both)
    aspects = [r for r in rows if "aspect" in r]
    shared = all(value(r, "leftValue") == value(r, "rightValue") for r in aspects)
    for r in aspects:
        left, right = cell(value(r, "leftValue")), cell(value(r, "rightValue"))
        right = "" if shared and right == left else right
        lines.append(table_row([cell(value(r, "aspect")), left, right, value(r, "aspectLine")]))
    lines.append(f"\n({say(lang, 'source')}: {cite(evidence(first))})\n")
    return lines


def _side_by_side(ctx: AskContext, concepts: tuple[LinkedConcept, ...]) -> Result:
    """Two concepts the notes never compare: their definitions, requirements and notes."""
    if len(concepts) < 2:
        return NOT_FOUND
    a, b = concepts
    facts = [_facts(ctx, c) for c in (a, b)]
    if not any(facts[0].values()) and not any(facts[1].values()):
        return NOT_FOUND
    lang = ctx.lang
    lines = [say(lang, "side_by_side", a=a.label, b=b.label)]
    lines.append("\n" + table_head(["", a.label, b.label]))
    for key, row_name in (
        ("definition", "definition_row"),
        ("requires", "requires_row"),
        ("notes", "notes_row"),
    ):
        sides = [cell("; ".join(f[key][:3])) for f in facts]
        if any(sides):  # a row neither side has anything for says nothing
            lines.append(table_row([say(lang, row_name), *sides]))
    items = tuple(AnswerItem(c.label, c.iri, "differsFrom") for c in (a, b))
    return Result(True, "\n".join(lines), items, direct=False)


def _facts(ctx: AskContext, concept: LinkedConcept) -> dict[str, list[str]]:
    definitions = [value(r, "definition") for r in ctx.run("definition", c=concept.iri)]
    notes = [value(r, "text") for r in ctx.run("key_points", c=concept.iri)]
    produced = [value(r, "label") for r in ctx.run("parts", c=concept.iri)]
    needs = [value(r, "label") for r in ctx.run("requires", c=concept.iri)]
    return {"definition": definitions, "requires": needs, "notes": notes + produced}
