"""The context handlers read the graph through: queries run bound, and logged as they ran."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg import api
from kg.graph.store import bind_values
from kg.qa import QAEngine
from kg.qa.context import QueryLog
from kg.qa.templates import TEMPLATES, value


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
    shown = bind_values(TEMPLATES["requires"].query, {"c": ox.NamedNode(linked[0].iri)})
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
