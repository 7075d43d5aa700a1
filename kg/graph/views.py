"""Dependency views over the graph, computed with networkx from SPARQL rows: the concept-level
graph of one relation and the topic-level graph (topic A depends on topic B when A's text
states that a concept requires, is part of or is a method of a concept introduced in B —
introduced: first mentioned, in document order; the relations are the table of predicates'
`builds_on` ones). A view
around a focus concept marks the focus and what it requires, directly or not, so that every
interface highlights the same nodes. The topic graph keeps every topic (up to a limit), in
document order, and the concept requirements behind each of its edges."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.graph.queries import TOPICS
from kg.graph.sparql import Queryable, bind_rows
from kg.graph.vocab import BUILDS_ON, KG_IRI, RELATIONS  # the relations a view can draw

__all__ = ["RELATIONS", "DependencyGraph", "EdgeReason", "concept_graph", "topic_graph"]


RELATION_EDGES = """
SELECT ?relation ?s ?sLabel ?o ?oLabel WHERE {
  ?s ?relation ?o .
  ?s skos:prefLabel ?sLabel . ?o skos:prefLabel ?oLabel .
}"""

CONCEPT_TOPICS = """
SELECT ?c ?topic ?title ?order ?source ?start WHERE {
  ?c a kg:Concept ; kg:mentionedIn ?section .
  ?section kg:parentSection* ?topic ; kg:lineStart ?start ; dcterms:isPartOf ?doc .
  ?topic a kg:Topic ; rdfs:label ?title ; kg:order ?order .
  ?doc dcterms:source ?source .
}"""

# every assertion of a relation a topic builds on, with the topic it was read in and where:
# the reasons behind topic dependencies (?relation bound by VALUES)
BUILDS_ON_READ = """
SELECT ?relation ?s ?sLabel ?o ?oLabel ?topic ?source ?line WHERE {
  ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?relation ; rdf:object ?o ;
     kg:line ?line ; dcterms:source ?doc ; prov:wasDerivedFrom ?section .
  ?section kg:parentSection* ?topic . ?topic a kg:Topic .
  ?doc dcterms:source ?source .
  ?s skos:prefLabel ?sLabel . ?o skos:prefLabel ?oLabel .
} ORDER BY ?source ?line ?relation ?sLabel ?oLabel"""


@dataclass(frozen=True)
class EdgeReason:
    """Why one topic depends on another: the first topic's text, at `source:line`, states
    `concept <relation> requires` and `requires` is introduced in the second."""

    concept: str
    requires: str
    source: str
    line: int
    relation: str = "requires"


@dataclass
class DependencyGraph:
    """Nodes (id → label, group) and edges (dependent → prerequisite), capped for display;
    `focus` and `prerequisites` (what the focus requires, transitively) when drawn around one
    concept; for topics, `reasons` per edge. A topic's group is its position in document
    order (1-based)."""

    nodes: dict[str, tuple[str, str]] = field(default_factory=dict)
    edges: list[tuple[str, str]] = field(default_factory=list)
    truncated: bool = False
    focus: str | None = None
    prerequisites: frozenset[str] = frozenset()
    reasons: dict[tuple[str, str], list[EdgeReason]] = field(default_factory=dict)

    def role(self, node: str) -> str:
        """ "focus", "prerequisite" (of the focus) or "concept": how to highlight a node."""
        if node == self.focus:
            return "focus"
        return "prerequisite" if node in self.prerequisites else "concept"

    def to_networkx(self) -> Any:
        graph = nx.DiGraph()
        for node, (label, group) in self.nodes.items():
            graph.add_node(node, label=label, group=group)
        graph.add_edges_from(self.edges)
        return graph

    def most_required(self, limit: int = 10) -> list[tuple[str, int]]:
        """The nodes most others depend on, with how many do (in-degree), for "study these
        first"; ties in the order of `nodes`."""
        graph = self.to_networkx()
        ranked = sorted(graph.in_degree(), key=lambda pair: -pair[1])
        return [(n, d) for n, d in ranked[:limit] if d]

    def study_order(self) -> list[str]:
        """Every node, each after what it requires (ties, and nodes in a cycle, in the order
        of `nodes`: document order for topics)."""
        position = {n: i for i, n in enumerate(self.nodes)}
        parts = nx.condensation(self.to_networkx())  # cycles collapsed: a DAG of components
        members: dict[int, list[str]] = {}
        for node, part in parts.graph["mapping"].items():
            members.setdefault(part, []).append(node)
        first = {part: min(position[n] for n in nodes) for part, nodes in members.items()}
        ordered = nx.lexicographical_topological_sort(parts.reverse(), key=first.get)
        return [n for part in ordered for n in sorted(members[part], key=position.__getitem__)]

    def cycles(self) -> list[list[str]]:
        return [[self.nodes[n][0] for n in c] for c in nx.simple_cycles(self.to_networkx())]


def _introduced_in(session: Queryable) -> dict[str, tuple[str, str, int]]:
    """Concept → (topic IRI, topic title, topic order) of its first mention."""
    first: dict[str, tuple[str, int, str, str, int]] = {}
    for r in session.query(CONCEPT_TOPICS).rows:
        c, source, start = r["c"].value, r["source"].value, int(r["start"].value)
        cand = (source, start, r["topic"].value, r["title"].value, int(r["order"].value))
        if c not in first or cand[:2] < first[c][:2]:
            first[c] = cand
    return {c: (t, title, order) for c, (_, _, t, title, order) in first.items()}


def concept_graph(
    session: Queryable,
    relation: str = "requires",
    topic: str | None = None,
    focus: str | None = None,
    limit: int = 300,
) -> DependencyGraph:
    """Concepts linked by `relation`, optionally within one topic or around one concept."""
    rows = session.query(RELATION_EDGES, {"relation": ox.NamedNode(KG_IRI + relation)}).rows
    topics = _introduced_in(session)
    out = DependencyGraph()
    edges = []
    for r in rows:
        s, o = r["s"].value, r["o"].value
        if topic and topic not in (topics.get(s, ("",))[0], topics.get(o, ("",))[0]):
            continue
        edges.append((s, r["sLabel"].value, o, r["oLabel"].value))
    if focus:
        graph = nx.DiGraph((s, o) for s, _, o, _ in edges)
        keep = (
            ({focus} | nx.descendants(graph, focus) | nx.ancestors(graph, focus))
            if focus in graph
            else set()
        )
        edges = [e for e in edges if e[0] in keep and e[2] in keep]
    for s, sl, o, ol in edges:
        if len(out.nodes) >= limit and (s not in out.nodes or o not in out.nodes):
            out.truncated = True
            continue
        out.nodes.setdefault(s, (sl, topics.get(s, ("", ""))[1]))
        out.nodes.setdefault(o, (ol, topics.get(o, ("", ""))[1]))
        out.edges.append((s, o))
    if focus:
        ahead = out.to_networkx()
        out.focus = focus
        out.prerequisites = frozenset(nx.descendants(ahead, focus) if focus in ahead else ())
    return out


def topic_graph(session: Queryable, limit: int = 80) -> DependencyGraph:
    """Topics linked when the text of one states that a concept requires, is part of or is a
    method of a concept introduced in the other, each edge with the statements behind it;
    every topic is a node (in document order) while there are at most `limit`, then only
    topics with a dependency (`truncated`)."""
    introduced = _introduced_in(session)
    reasons: dict[tuple[str, str], list[EdgeReason]] = {}
    relations = [ox.NamedNode(KG_IRI + name) for name in BUILDS_ON]
    for r in session.query(bind_rows(BUILDS_ON_READ, "relation", relations)).rows:
        a, b = r["topic"].value, introduced.get(r["o"].value)
        if not b or a == b[0]:
            continue
        relation = r["relation"].value.removeprefix(KG_IRI)
        why = EdgeReason(
            r["sLabel"].value, r["oLabel"].value, r["source"].value, int(r["line"].value), relation
        )
        if why not in (found := reasons.setdefault((a, b[0]), [])):
            found.append(why)
    linked = {t for edge in reasons for t in edge}
    out = DependencyGraph(reasons=reasons)
    topics = [(r["t"].value, r["title"].value) for r in session.query(TOPICS).rows]
    for position, (topic, title) in enumerate(topics, start=1):
        if topic in linked or len(topics) <= limit:
            out.nodes.setdefault(topic, (title, str(position)))
    out.truncated = len(out.nodes) < len(topics)
    out.edges = [edge for edge in reasons if edge[0] in out.nodes and edge[1] in out.nodes]
    return out
