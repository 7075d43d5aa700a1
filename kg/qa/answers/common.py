"""What several handlers share: items from rows, evidence, and names wider than the one asked."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from kg.qa.context import AskContext
from kg.qa.model import AnswerItem, EvidenceRef, LinkedConcept
from kg.qa.templates import Row, value
from kg.qa.words import words

__all__ = ["comparisons", "dedupe", "evidence", "group_items", "wider_names"]

# comparisons read of one concept: an answer shows three; no concept of the seed and corpora
# is in more than 15, and one named in every document of a large graph is in a hundred, whose
# aspects took 65 ms to read at 1,000 documents (now 20: the same answers on every set)
_MAX_COMPARED = 20


def evidence(row: Row, text: str = "evidence") -> EvidenceRef:
    """The evidence a row cites: its `?source`, `?line` and the variable `text`."""
    return EvidenceRef(value(row, "source"), int(value(row, "line", "0")), value(row, text))


def group_items(rows: Iterable[Row], relation: str) -> list[AnswerItem]:
    """One item per object (`?o`), with every piece of evidence for it; the relation is
    `relation`, or the row's `?relation` when it is empty."""
    # evidence kept in a dict (insertion-ordered, hashed): a concept of many documents has
    # thousands of pieces, which a list's `in` compared one by one
    grouped: dict[str, tuple[str, str, dict[EvidenceRef, None]]] = {}
    for r in rows:
        iri = value(r, "o")
        rel = relation or value(r, "relation")
        entry = grouped.setdefault(iri, (value(r, "label"), rel, {}))
        entry[2].setdefault(evidence(r))
    return [AnswerItem(label, iri, rel, tuple(evs)) for iri, (label, rel, evs) in grouped.items()]


def dedupe(items: Iterable[AnswerItem]) -> tuple[AnswerItem, ...]:
    """The items, each (concept, relation) once, first first."""
    seen: set[tuple[str, str]] = set()
    out = []
    for item in items:
        key = (item.iri, item.relation)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return tuple(out)


def wider_names(ctx: AskContext) -> list[LinkedConcept]:
    """Names that hold the first linked name and at most two more words ("Alias en modelos"
    for "aliases"), shortest first: tried when the name itself has no answer."""
    if not ctx.linked:
        return []
    first, index = ctx.linked[0], ctx.index
    size = len(words(first.label))
    linked = {c.iri for c in ctx.linked}
    wider = [
        iri for iri in index.wider(first.iri)
        if iri not in linked and len(words(index.label(iri))) <= size + 2
    ]  # fmt: skip
    wider.sort(key=lambda iri: (len(index.label(iri)), index.label(iri)))
    return [LinkedConcept(iri, index.label(iri), score=first.score) for iri in wider[:3]]


def comparisons(
    ctx: AskContext,
    iri: str,
    others: Sequence[str] | None = None,
    which: Callable[[list[Row]], list[Row]] | None = None,
) -> list[Row]:
    """The comparisons where a concept is one side (with `others`, those whose other side is
    one of them; with `which`, those it keeps of their rows, before their aspects are read):
    one row per aspect (the comparison's fields and the aspect's), or one row for a
    comparison without aspects."""
    if others is not None:
        found = ctx.run_rows("comparisons_with", "other", others, c=iri) if others else []
    else:
        found = ctx.run("comparisons", c=iri)
    if which is not None:
        # the aspects of only the comparisons kept: a concept of every document has a
        # hundred, and their aspects (1,100 rows, 65 ms at 1,000 documents) were read and
        # then mostly dropped
        found = which(found)
    # at most `_MAX_COMPARED` comparisons, in IRI order, and their aspects in one query
    cmps = list(dict.fromkeys(value(r, "cmp") for r in found))[:_MAX_COMPARED]
    kept = set(cmps)
    found = [r for r in found if value(r, "cmp") in kept]
    aspects: dict[str, list[Row]] = {}
    if found:
        for aspect in ctx.run_rows("comparison_aspects", "cmp", cmps):
            aspects.setdefault(value(aspect, "cmp"), []).append(aspect)
    rows: list[Row] = []
    for cmp in found:
        rows += [{**cmp, **aspect} for aspect in aspects.get(value(cmp, "cmp"), [])] or [cmp]
    return rows
