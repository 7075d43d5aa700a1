"""The Graph page: the dependency graph of concepts (one relation, a topic, a focus and what it
requires highlighted) or of topics, drawn interactively (Cytoscape) or statically (Graphviz)."""

from __future__ import annotations

import json

import streamlit as st
from streamlit_cytoscape import EdgeStyle, Event, NodeStyle, streamlit_cytoscape

from kg import api
from kg.ui.common import Page, concept_picker

__all__ = ["render"]

_STATIC_FILL = {"focus": "#ffd9a0", "prerequisite": "#ffd9a0"}
_TEXT = {"label": "data(name)", "font-size": 11, "color": "#1b1b1b", "text-valign": "bottom"}
_STYLES = [
    NodeStyle("concept", "#6b8fd6", "name", custom_styles=_TEXT),
    NodeStyle("prerequisite", "#f0a030", "name", custom_styles=_TEXT),
    NodeStyle("focus", "#d64545", "name", custom_styles=_TEXT),
]


@st.cache_data(show_spinner=False, max_entries=64)
def _concepts(
    store: str, generation: str, relation: str, focus: str | None, topic: str | None
) -> api.DependencyGraph:
    del generation  # part of the cache key only
    return api.concept_graph(relation, focus=focus, topic=topic, store=store)


@st.cache_data(show_spinner=False, max_entries=8)
def _topics(store: str, generation: str) -> api.DependencyGraph:
    del generation
    return api.topic_graph(store=store)


def render(page: Page) -> None:
    text = page.text
    levels = ["concept_level", "topic_level"]
    level = st.radio(text["graph"], levels, format_func=lambda k: text[k], horizontal=True)
    generation = page.generation
    if level == "topic_level":
        graph = _topics(page.store, generation)
    else:
        relation = st.selectbox(text["relation"], list(api.RELATIONS))
        focus = concept_picker(page, text["pick"], "graph-focus")
        names = dict(api.topics(store=page.store))
        topic = st.selectbox(
            text["topics"], list(names), index=None, format_func=lambda t: names.get(t, t),
            placeholder=text["all_topics"],
        )  # fmt: skip
        graph = _concepts(page.store, generation, relation, focus, topic)
    if graph.truncated:
        st.warning(text["truncated"])
    st.caption(f"{len(graph.nodes)} nodes · {len(graph.edges)} edges")
    if st.toggle(text["static"], value=False):
        st.graphviz_chart(_dot(graph))
    else:
        _interactive(graph, level)
    st.subheader(text["most_required"])
    st.table([{"concept": label, "n": n} for label, n in graph.most_required()])


def _dot(graph: api.DependencyGraph) -> str:
    """The graph in Graphviz DOT, the focus and its prerequisites filled."""
    nodes = 'node [shape=box, style="rounded,filled", fillcolor="#eef3fb"];'
    dot = ["digraph G {", "rankdir=LR;", nodes]
    for node, (label, _group) in graph.nodes.items():
        fill = _STATIC_FILL.get(graph.role(node))
        color = f", fillcolor={json.dumps(fill)}" if fill else ""
        dot.append(f"{json.dumps(node)} [label={json.dumps(label[:40])}{color}];")
    dot += [f"{json.dumps(s)} -> {json.dumps(o)};" for s, o in graph.edges]
    dot.append("}")
    return "\n".join(dot)


def _interactive(graph: api.DependencyGraph, level: str) -> None:
    """Cytoscape; a double-click on a concept opens its page."""
    elements = {
        "nodes": [
            {"data": {"id": n, "label": graph.role(n), "name": label[:40]}}
            for n, (label, _group) in graph.nodes.items()
        ],
        "edges": [
            {"data": {"id": f"e{i}", "source": s, "target": o, "label": "requires"}}
            for i, (s, o) in enumerate(graph.edges)
        ],
    }
    clicked = streamlit_cytoscape(
        elements,
        layout="cose",
        node_styles=_STYLES,
        edge_styles=[EdgeStyle("requires", caption=None, directed=True)],
        events=[Event("open", "dblclick dbltap", "node")],
        key=f"cyto-{level}-{graph.focus}",
        height=600,
    )
    target = _clicked_node(clicked, graph.nodes)
    if target and level == "concept_level":
        st.session_state["concept"] = target
        st.session_state["goto"] = "concept"
        st.rerun()


def _clicked_node(event: object, nodes: dict[str, tuple[str, str]]) -> str | None:
    """The node id a graph event names, wherever the component puts it."""
    stack = [event]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("id") in nodes:
                return str(item["id"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None
