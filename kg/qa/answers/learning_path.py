"""Learning paths: a concept's prerequisites, transitively, in study order (networkx)."""

from __future__ import annotations

import networkx as nx

from kg.qa.answers.common import evidence, wider_names
from kg.qa.answers.registry import handler
from kg.qa.context import NOT_FOUND, AskContext, Result
from kg.qa.model import AnswerItem, EvidenceRef, LinkedConcept
from kg.qa.phrases import say
from kg.qa.render import cite
from kg.qa.templates import Row, value

__all__ = ["learning_path", "prerequisites_first"]


@handler("learning_path")
def learning_path(ctx: AskContext) -> Result:
    """Every prerequisite of the first linked concept that has any (and what produces each),
    numbered in study order, each with the line that requires it."""
    for concept in [*ctx.linked[:3], *wider_names(ctx)]:
        rows = ctx.run("requires_closure", c=concept.iri)
        if rows:
            return _path(ctx, concept, _requirement_graph(ctx, concept, rows))
    return NOT_FOUND


_Graph = tuple[nx.DiGraph, dict[str, str], dict[str, EvidenceRef]]


def _requirement_graph(ctx: AskContext, concept: LinkedConcept, rows: list[Row]) -> _Graph:
    """Prerequisite → dependent edges, with labels and the evidence of each prerequisite; a
    requirement's producer comes before it ("create_training_set" before "training_set")."""
    graph: nx.DiGraph = nx.DiGraph()
    labels = {concept.iri: concept.label}
    cited: dict[str, EvidenceRef] = {}
    for r in rows:
        s, o = value(r, "s"), value(r, "o")
        labels[s], labels[o] = value(r, "sLabel"), value(r, "oLabel")
        graph.add_edge(o, s)  # prerequisite first
        cited.setdefault(o, evidence(r))
    # which nodes have a producer, in one query: a path of hundreds of nodes ran
    # `produced_by` for each (453 queries, 0.25 s over the 90 development questions at 1,000
    # documents), nearly all of them empty
    nodes = list(graph.nodes)
    produced = {value(r, "c") for r in ctx.run_rows("produced", "c", nodes)} if nodes else set()
    for node in [n for n in nodes if n in produced]:
        for p in ctx.run("produced_by", c=node)[:1]:
            producer = value(p, "o")
            if producer not in graph:
                labels[producer] = value(p, "label")
                graph.add_edge(producer, node)
                cited[producer] = evidence(p)
    graph.remove_edges_from(list(nx.selfloop_edges(graph)))
    return graph, labels, cited


def _path(ctx: AskContext, concept: LinkedConcept, built: _Graph) -> Result:
    graph, labels, cited = built
    lines = [say(ctx.lang, "learning_path", x=concept.label)]
    items = []
    for n, node in enumerate(prerequisites_first(graph, concept.iri), start=1):
        ev = cited.get(node)
        where = f" ({cite(ev)})" if ev else ""
        lines.append(f"{n}. **{labels[node]}**{where}")
        items.append(AnswerItem(labels[node], node, "prerequisite", (ev,) if ev else ()))
    return Result(True, "\n".join(lines), tuple(items))


def prerequisites_first(graph: nx.DiGraph, target: str) -> list[str]:
    """Nodes that lead to `target`, prerequisites first (cycles broken by the graph order)."""
    relevant = nx.ancestors(graph, target) if target in graph else set(graph.nodes)
    sub = graph.subgraph(relevant).copy()
    while not nx.is_directed_acyclic_graph(sub):
        cycle = nx.find_cycle(sub)
        sub.remove_edge(*cycle[0][:2])
    return list(nx.lexicographical_topological_sort(sub))
