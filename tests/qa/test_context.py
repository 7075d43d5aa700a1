"""The context handlers read the graph through: queries run bound, and logged as they ran."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import api
from kg.graph.sparql import QueryResult, query_result
from kg.graph.store import bind_values
from kg.graph.vocab import PREFIXES
from kg.qa import QAEngine
from kg.qa.context import AskContext, QueryLog
from kg.qa.templates import _MAX_FACTS, TEMPLATES, value


def test_context_query_log_keeps_each_query_once_in_first_run_order() -> None:
    log = QueryLog()
    for query in ("B", "A", "B", "C", "A"):
        log.record(query)
    assert log.queries == ("B", "A", "C")


def test_context_run_logs_the_query_with_its_values_filled_in(
    engine: QAEngine, seed_store: Path
) -> None:
    linked = engine.ask("¿Qué requiere score_batch?").concepts[:1]
    ctx = engine.context("¿Qué requiere score_batch?", "es", "prerequisites", linked)
    rows = ctx.run("requires", c=linked[0].iri)
    ctx.run("requires", c=linked[0].iri)
    shown = bind_values(
        TEMPLATES["requires"].query, {"c": ox.NamedNode(linked[0].iri)}, subqueries=True
    )
    assert ctx.log.queries == (shown,)
    assert f"VALUES (?c) {{ (<{linked[0].iri}>) }}" in shown
    # the logged text, run on its own, is the query that gave the rows
    assert api.query(shown, store=seed_store).rows == tuple(rows)
    assert {value(r, "label") for r in rows} >= {"fs.log_model"}


def test_context_about_other_concepts_shares_the_log(engine: QAEngine) -> None:
    (first, second) = engine.ask("score_batch vs fs.log_model").concepts[:2]
    ctx = engine.context("score_batch vs fs.log_model", "en", "difference", (first,))
    ctx.run("definition", c=first.iri)
    other = ctx.about(second)
    other.run("definition", c=second.iri)
    assert other.linked == (second,) and other.question == ctx.question
    assert len(ctx.log.queries) == 2 and ctx.log is other.log


def test_context_ranks_sections_once_per_question(engine: QAEngine) -> None:
    ctx = engine.context("¿Cómo registro un modelo en Unity Catalog?", "es", "how_to", ())
    assert ctx.ranked_sections is ctx.ranked_sections
    best = ctx.best_section()
    assert best is not None and best == ctx.ranked_sections[0]
    top = ctx.top_sections()
    assert top[0] is best.section and all(
        m.overlap == best.overlap for m in ctx.ranked_sections[: len(top)]
    )


class _MemorySession:
    """A graph in memory, queried as a store's session is."""

    def __init__(self, turtle: str) -> None:
        self.store = ox.Store()
        prefixes = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items())
        self.store.load((prefixes + turtle).encode(), ox.RdfFormat.TURTLE)

    def query(self, sparql: str, bindings: object = None) -> QueryResult:
        return query_result(self.store.query(sparql, prefixes=PREFIXES))


def test_context_a_template_that_caps_its_facts_reads_them_about_the_bound_concept() -> None:
    def method(n: int, owner: str) -> str:
        return (
            f'kgc:m{n} skos:prefLabel "m{n}" . kgc:m{n} kg:methodOf kgc:{owner} .\n'
            f"<urn:a{n}> rdf:subject kgc:m{n} ; rdf:predicate kg:methodOf ; rdf:object kgc:{owner} ;"
            f' kg:line {n} ; kg:evidence "m{n}()" ; dcterms:source <urn:doc> .\n'
        )

    # the hub has more methods than a template reads; the other concept has one
    turtle = '<urn:doc> dcterms:source "notes.md" .\n'
    turtle += "".join(method(n, "hub") for n in range(_MAX_FACTS + 20)) + method(999, "other")
    session = _MemorySession(turtle)
    ctx = AskContext(session, None, None, "q", "en", "components")  # type: ignore[arg-type]
    other = ctx.run("parts", c="https://kg.invalid/concept/other")
    assert [value(r, "label") for r in other] == ["m999"]
    hub = ctx.run("parts", c="https://kg.invalid/concept/hub")
    assert len(hub) == _MAX_FACTS and {value(r, "relation") for r in hub} == {"methodOf"}


def test_context_comparisons_read_every_aspect_in_one_query_and_cap_what_they_read() -> None:
    from kg.qa.answers.common import _MAX_COMPARED, comparisons

    def comparison(n: int, left: str, aspects: int) -> str:
        out = (
            f"<urn:cmp{n}> a kg:Comparison ; kg:left kgc:{left} ; kg:right kgc:r{n} ;"
            f' kg:line {n} ; kg:evidence "{left} vs r{n}" ; dcterms:source <urn:doc> .\n'
            f'kgc:r{n} skos:prefLabel "r{n}" .\n'
        )
        for k in range(aspects):
            out += (
                f"<urn:cmp{n}> kg:hasAspect <urn:asp{n}-{k}> . <urn:asp{n}-{k}> kg:aspectName"
                f' "aspect {k}" ; kg:leftValue "L{k}" ; kg:rightValue "R{k}" ; kg:order {k} ;'
                f" kg:line {100 + k} .\n"
            )
        return out

    turtle = '<urn:doc> dcterms:source "notes.md" .\nkgc:hub skos:prefLabel "hub" .\n'
    turtle += 'kgc:small skos:prefLabel "small" .\n'
    turtle += comparison(1, "small", 3) + comparison(2, "small", 0) + comparison(3, "small", 2)
    turtle += "".join(comparison(10 + n, "hub", 1) for n in range(_MAX_FACTS + 5))
    turtle += (  # the hub on the right of one more, against "small"
        "<urn:cmp999> a kg:Comparison ; kg:left kgc:small ; kg:right kgc:hub ; kg:line 9 ;"
        ' kg:evidence "small vs hub" ; dcterms:source <urn:doc> .\n'
    )
    small = "https://kg.invalid/concept/small"
    ctx = AskContext(_MemorySession(turtle), None, None, "q", "en", "difference")  # type: ignore[arg-type]
    rows = comparisons(ctx, small)
    # one row per aspect, in each table's order; a comparison without aspects keeps its row
    assert [(value(r, "cmp"), value(r, "aspect")) for r in rows] == [
        ("urn:cmp1", "aspect 0"), ("urn:cmp1", "aspect 1"), ("urn:cmp1", "aspect 2"),
        ("urn:cmp2", ""), ("urn:cmp3", "aspect 0"), ("urn:cmp3", "aspect 1"),
        ("urn:cmp999", ""),
    ]  # fmt: skip
    assert [q.count("VALUES") for q in ctx.log.queries] == [2, 1]  # comparisons, then aspects
    assert all(f"<urn:cmp{n}>" in ctx.log.queries[1] for n in (1, 2, 3, 999))
    # the logged aspects query, run on its own, gives the aspects read
    alone = ctx.session.query(ctx.log.queries[1]).rows
    pairs = [(value(r, "cmp"), value(r, "aspect")) for r in rows if "aspect" in r]
    assert sorted((value(r, "cmp"), value(r, "aspect")) for r in alone) == sorted(pairs)
    # a concept compared more often than a template reads: at most so many comparisons
    # are read, and of those, the first few in IRI order are kept with their aspects
    hub = comparisons(ctx, "https://kg.invalid/concept/hub")
    assert len({value(r, "cmp") for r in hub}) == _MAX_COMPARED < _MAX_FACTS
    assert ctx.log.queries[-1].count("<urn:cmp") == _MAX_COMPARED
    # the comparisons a caller keeps are chosen before their aspects are read
    kept = comparisons(ctx, small, which=lambda found: found[-1:])
    assert [value(r, "cmp") for r in kept] == ["urn:cmp999"]
    assert "<urn:cmp999>" in ctx.log.queries[-1] and "<urn:cmp1>" not in ctx.log.queries[-1]
    # ... but the pair a difference asks for is read apart, whichever side each stands on
    pair = comparisons(ctx, "https://kg.invalid/concept/hub", others=[small, "urn:none"])
    assert {value(r, "cmp") for r in pair} == {"urn:cmp999"}
    assert comparisons(ctx, "https://kg.invalid/concept/hub", others=[]) == []
    # one query with many values is not for a template that caps what it reads
    with pytest.raises(ValueError, match="caps"):
        ctx.run_rows("parts", "c", [small])


def test_context_a_sections_calls_and_its_subsections_come_in_one_query(
    engine: QAEngine, seed_store: Path
) -> None:
    answer = engine.ask("¿Cómo registro un modelo en Unity Catalog?")
    assert answer.intent == "how_to" and answer.found
    queries = re.split(r"\n\n(?=SELECT )", answer.sparql)
    calls = [q for q in queries if q.startswith("SELECT ?s ?c ?label ?example")]
    # one query per section looked at, each binding the section and its subsections at once
    assert calls and all(q.count("VALUES ?s {") == 1 for q in calls)
    listed = {i.label for i in answer.items}
    found = {value(r, "label") for q in calls for r in api.query(q, store=seed_store).rows}
    assert listed & found  # the calls the answer lists come from those queries
