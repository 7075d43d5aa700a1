"""Dependency graphs as pictures: Graphviz DOT for the static view, Cytoscape elements and
styles for the interactive one. Labels are whole (wrapped, never cut), nodes are known by a
readable id (their label, never an IRI), arrows are dark and large enough to see."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kg import api

__all__ = [
    "COLORS",
    "Style",
    "concept_dot",
    "concept_elements",
    "readable_ids",
    "reasons_by_pair",
    "styles",
    "topic_dot",
    "topic_elements",
    "topic_label",
]

# fill per role of a node: the chosen concept, what it requires, the others
COLORS = {"focus": "#f4a6a6", "prerequisite": "#ffd9a0", "concept": "#dce6f7"}
_STRONG = {"focus": "#d64545", "prerequisite": "#f0a030", "concept": "#6b8fd6"}
_EDGE = "#4a4a4a"
_ROW = 3  # topics per row of the grid of topics with no dependency


def _dot_label(text: str, width: int) -> str:
    return json.dumps("\n".join(textwrap.wrap(text, width, break_long_words=False)) or text)


def topic_label(graph: api.DependencyGraph, node: str) -> str:
    """`N. title`: a topic with its place in the notes."""
    title, position = graph.nodes[node]
    return f"{position}. {title}"


Reason = tuple[str, str, str]  # (concept, relation, the concept of the other topic)
Why = Callable[[str, str, str], str]  # how a reason reads: (concept, relation, other) → text


def reasons_by_pair(
    graph: api.DependencyGraph, edge: tuple[str, str]
) -> dict[Reason, list[tuple[str, int]]]:
    """The statements behind one topic edge: (concept, relation, the concept introduced in
    the other topic) → where it is read, (source, line)."""
    pairs: dict[Reason, list[tuple[str, int]]] = {}
    for why in graph.reasons.get(edge, []):
        key = (why.concept, why.relation, why.requires)
        pairs.setdefault(key, []).append((why.source, why.line))
    return pairs


def concept_dot(graph: api.DependencyGraph, verb: str) -> str:
    """The concept graph in DOT (A → B: A `verb` B), prerequisites to the left, the focus and
    what it requires filled."""
    dot = [
        "digraph G {",
        'rankdir=RL; nodesep=0.25; ranksep=0.6; bgcolor="transparent";',
        'node [shape=box, style="rounded,filled", fontname="sans-serif", fontsize=13,'
        f' color="{_STRONG["concept"]}"];',
        f'edge [color="{_EDGE}", arrowsize=0.9, penwidth=1.3];',
    ]
    for node, (label, topic) in graph.nodes.items():
        role = graph.role(node)
        tip = json.dumps(f"{label} — {topic}" if topic else label)
        dot.append(
            f"{json.dumps(node)} [label={_dot_label(label, 28)}, tooltip={tip},"
            f' fillcolor="{COLORS[role]}", color="{_STRONG[role]}"];'
        )
    for s, o in graph.edges:
        tip = json.dumps(f"{graph.nodes[s][0]} {verb} {graph.nodes[o][0]}")
        dot.append(f"{json.dumps(s)} -> {json.dumps(o)} [tooltip={tip}];")
    dot.append("}")
    return "\n".join(dot)


def topic_dot(graph: api.DependencyGraph, why: Why, short: Any) -> str:
    """The topic graph in DOT, read left to right: an arrow goes from the topic to study first
    to the one that needs it, labelled by a requirement behind it; hovering over it lists
    every reason with its source line (`short(source, line)`). `why` says one reason."""
    dot = [
        "digraph G {",
        'rankdir=LR; nodesep=0.25; ranksep=0.5; bgcolor="transparent";',
        'node [shape=box, style="rounded,filled", fillcolor="#eef3fb", color="#6b8fd6",'
        ' fontname="sans-serif", fontsize=15, margin="0.15,0.08"];',
        f'edge [color="{_EDGE}", arrowsize=1.0, penwidth=1.4, fontname="sans-serif",'
        ' fontsize=12, fontcolor="#333333"];',
    ]
    # declared last first: a left-to-right layout stacks what comes first at the bottom
    for node in reversed(graph.nodes):
        dot.append(f"{json.dumps(node)} [label={_dot_label(topic_label(graph, node), 20)}];")
    # topics with no dependency: rows of a grid in the notes' order, not one tall column
    linked = {t for edge in graph.edges for t in edge}
    alone = [n for n in graph.nodes if n not in linked]
    for start in range(0, len(alone), _ROW):
        row = [json.dumps(n) for n in alone[start : start + _ROW]]
        if len(row) > 1:
            dot.append(" -> ".join(row) + " [style=invis];")
    for s, o in graph.edges:
        pairs = reasons_by_pair(graph, (s, o))
        label = _edge_label(pairs, why)
        tip = "\n".join(
            why(*reason) + " — " + ", ".join(short(*at) for at in where)
            for reason, where in pairs.items()
        )
        dot.append(
            f"{json.dumps(o)} -> {json.dumps(s)} [label={_dot_label(label, 14)},"
            f" tooltip={json.dumps(tip)}, labeltooltip={json.dumps(tip)}];"
        )
    dot.append("}")
    return "\n".join(dot)


def _edge_label(pairs: dict[Reason, list[tuple[str, int]]], why: Why) -> str:
    """The first reason behind an edge, and how many more there are."""
    if not pairs:
        return ""
    more = f" (+{len(pairs) - 1})" if len(pairs) > 1 else ""
    return why(*next(iter(pairs))) + more


def readable_ids(graph: api.DependencyGraph, label: Any = None) -> dict[str, str]:
    """A unique id per node that reads well wherever the component shows it: the node's
    label (`label(graph, node)` when given), numbered when two nodes share one."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for node, (text, _) in graph.nodes.items():
        base = label(graph, node) if label else text
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base} ({n})"
        taken.add(name)
        ids[node] = name
    return ids


def concept_elements(
    graph: api.DependencyGraph, ids: dict[str, str], props: dict[str, str]
) -> dict[str, list[dict[str, Any]]]:
    """Cytoscape elements of the concept graph; each node's panel shows `props` (title → what
    to show: "topic" for its topic, "requires" for what it points to), in the UI's words."""
    targets: dict[str, list[str]] = {}
    for s, o in graph.edges:
        targets.setdefault(s, []).append(graph.nodes[o][0])
    nodes = []
    for node, (label, topic) in graph.nodes.items():
        values = {"topic": topic, "requires": ", ".join(targets.get(node, []))}
        data = {"id": ids[node], "label": label, "_role": graph.role(node)}
        data |= {title: values[what] for title, what in props.items() if values[what]}
        nodes.append({"data": data})
    edges = [
        {"data": {"id": f"e{i}", "source": ids[s], "target": ids[o], "label": "edge"}}
        for i, (s, o) in enumerate(graph.edges)
    ]
    return {"nodes": nodes, "edges": edges}


def topic_elements(
    graph: api.DependencyGraph, ids: dict[str, str], why: Why, before: str
) -> dict[str, list[dict[str, Any]]]:
    """Cytoscape elements of the topic graph: arrows from the topic to study first, labelled
    by a requirement behind them; a topic's panel lists the topics to study `before` it."""
    needs: dict[str, list[str]] = {}
    for s, o in graph.edges:
        needs.setdefault(s, []).append(graph.nodes[o][1])
    nodes = []
    for node in graph.nodes:
        data = {"id": ids[node], "label": ids[node], "_role": "topic"}
        if node in needs:
            data[before] = ", ".join(needs[node])
        nodes.append({"data": data})
    edges = []
    for i, (s, o) in enumerate(graph.edges):
        label = _edge_label(reasons_by_pair(graph, (s, o)), why)
        data = {"id": f"e{i}", "source": ids[o], "target": ids[s], "label": "edge", "_why": label}
        edges.append({"data": data})
    return {"nodes": nodes, "edges": edges}


@dataclass(frozen=True)
class Style:
    """One Cytoscape style rule, in the shape the component takes (`dump`)."""

    selector: str
    style: dict[str, Any]

    def dump(self) -> dict[str, Any]:
        return {"selector": self.selector, "style": self.style}


def styles(topics: bool) -> list[Style]:
    """Readable nodes, dark arrows with large heads; edges pass clicks through to what lies
    under them (their panel would show raw ids)."""
    edge = {
        "width": 1.6, "line-color": _EDGE, "target-arrow-color": _EDGE,
        "target-arrow-shape": "triangle", "arrow-scale": 1.6, "curve-style": "bezier",
        "events": "no",
    }  # fmt: skip
    if topics:
        node = {
            "shape": "round-rectangle", "width": 210, "height": 64, "label": "data(label)",
            "text-wrap": "wrap", "text-max-width": 196, "text-valign": "center",
            "font-size": 12, "color": "#1b1b1b", "background-color": "#eef3fb",
            "border-width": 1.2, "border-color": "#6b8fd6", "min-zoomed-font-size": 4,
        }  # fmt: skip
        edge |= {
            "label": "data(_why)", "font-size": 10, "color": "#333333",
            "text-background-color": "#ffffff", "text-background-opacity": 0.85,
            "text-rotation": "autorotate", "min-zoomed-font-size": 4,
        }  # fmt: skip
        return [Style("node", node), Style("edge", edge)]
    node = {
        "width": 16, "height": 16, "label": "data(label)", "font-size": 13, "color": "#1b1b1b",
        "text-valign": "bottom", "text-margin-y": 3, "background-color": _STRONG["concept"],
        "border-width": 0, "min-zoomed-font-size": 5,
    }  # fmt: skip
    roles = [
        Style(f"node[_role = '{role}']", {"background-color": _STRONG[role], "width": 20,
                                           "height": 20})
        for role in ("prerequisite", "focus")
    ]  # fmt: skip
    return [Style("node", node), *roles, Style("edge", edge)]
