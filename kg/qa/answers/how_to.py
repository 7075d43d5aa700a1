"""How-to: the calls the notes use for a task, where they show them, and a focused example."""

from __future__ import annotations

from kg.qa.answers.registry import handler
from kg.qa.answers.sections import MIN_OVERLAP, covered_in
from kg.qa.context import AskContext, Result
from kg.qa.model import AnswerItem, EvidenceRef, LinkedConcept
from kg.qa.phrases import say
from kg.qa.ranking import Section
from kg.qa.render import code_example, place
from kg.qa.templates import Row, value

__all__ = ["focused_example", "how_to"]

_MAX_CALLS = 6


@handler("how_to")
def how_to(ctx: AskContext) -> Result:
    """The calls of the best-matching section that shows code (when it shows a call the
    question names, or the question names none), else the calls the question names; the
    section they are shown in, and an example of the first. Prose sections otherwise."""
    named = [c for c in ctx.linked if c.kind == "api"]
    chosen, apis, examples = _section_with_calls(ctx, named)
    if chosen is None:
        apis = list(named)
    if not apis:
        return covered_in(ctx)
    # calls the question names first, then calls with an example in the notes, then
    # qualified names, then the rest
    asked = {n.iri for n in named}
    apis.sort(key=lambda a: (a.iri not in asked, a.iri not in examples, "." not in a.label))
    lines = [say(ctx.lang, "how_to")]
    match = ctx.best_section()
    strong = match.section if match and match.overlap >= MIN_OVERLAP else None
    where = chosen or strong or _section_about(ctx, apis[0])
    if where is not None:
        lines[0] += f" ({where.title} — {place(where.source, where.start)})"
    items = []
    # the section that shows the calls is their evidence
    shown = (EvidenceRef(where.source, where.start, where.title),) if where is not None else ()
    for api in apis[:_MAX_CALLS]:
        lines.append(f"- `{api.label}`")
        items.append(AnswerItem(api.label, api.iri, "howTo", shown))
    first = apis[0]
    example = examples.get(first.iri) or focused_example(
        [value(r, "example") for r in ctx.run("examples", c=first.iri)], first.label
    )
    if example:
        lines.append(code_example(example, say(ctx.lang, "example")))
    return Result(True, "\n".join(lines), tuple(items))


_Calls = tuple[Section | None, list[LinkedConcept], dict[str, str]]


def _section_with_calls(ctx: AskContext, named: list[LinkedConcept]) -> _Calls:
    """Of the best-matching sections, the first that shows calls, one of them named by the
    question when it names any ("How do I register a model in Unity Catalog?")."""
    asked = {a.iri for a in named}
    for section in ctx.top_sections():
        found, examples = _section_calls(ctx, section)
        if found and (not named or {a.iri for a in found} & asked):
            return section, found, examples
    return None, [], {}


def _section_calls(ctx: AskContext, section: Section) -> tuple[list[LinkedConcept], dict[str, str]]:
    """The API concepts a section and its subsections mention, with an example each."""
    apis: list[LinkedConcept] = []
    found: dict[str, list[str]] = {}
    inside = list(dict.fromkeys(s.iri for s in ctx.sections.inside(section)))
    by_section: dict[str, list[Row]] = {}
    for r in ctx.run_rows("section_apis", "s", inside) if inside else []:  # one query for all
        by_section.setdefault(value(r, "s"), []).append(r)
    for s in inside:
        for r in by_section.get(s, []):
            c = LinkedConcept(value(r, "c"), value(r, "label"), "api")
            if c.iri not in {a.iri for a in apis}:
                apis.append(c)
            if "example" in r:
                found.setdefault(c.iri, []).append(value(r, "example"))
    labels = {a.iri: a.label for a in apis}
    examples = {iri: focused_example(codes, labels[iri]) for iri, codes in found.items()}
    return apis, examples


def _section_about(ctx: AskContext, concept: LinkedConcept) -> Section | None:
    """Of the sections that mention a concept, the one whose title matches the question
    best (a how-to names where the notes show the call, not any section with a shared
    word)."""
    mentioning = {value(r, "s") for r in ctx.run("mentioned_in", c=concept.iri)}
    name = concept.label.rpartition(".")[2]
    ranked = [
        m.section for m in ctx.ranked_sections
        if m.section.iri in mentioning or name in m.section.words
    ]  # fmt: skip
    return ranked[0] if ranked else None


def focused_example(examples: list[str], label: str) -> str:
    """The most focused of a concept's code examples: the shortest that calls it by name (a
    ten-line snippet about writing a table beats a pipeline that writes one at line 40)."""
    name = label.rpartition(".")[2].split("(")[0]
    calling = [e for e in examples if name and name in e] or examples
    return min(calling, key=lambda e: (len(e.strip().splitlines()), e), default="")
