"""The Graph page: the dependency graph of concepts (one relation, a topic, a focus and what it
requires highlighted) or of topics (every objective, in the notes' order, each dependency with
the requirements behind it, and a study plan), drawn interactively (Cytoscape) or statically
(Graphviz)."""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit_cytoscape import Event, InfopanelAction, streamlit_cytoscape

from kg import api
from kg.ui import draw
from kg.ui.common import Page, concept_picker, go_to, sticky

__all__ = ["render"]

_HEIGHT = 620


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


@st.cache_data(show_spinner=False, max_entries=8)
def _topic_names(store: str, generation: str) -> dict[str, str]:
    del generation
    return dict(api.topics(store=store))


def render(page: Page) -> None:
    text = page.text
    level = st.radio(
        text["graph"], ["concept_level", "topic_level"], format_func=lambda k: text[k],
        horizontal=True, **sticky("graph-level", page.lang),
    )  # fmt: skip
    if level == "topic_level":
        _topic_view(page)
    else:
        _concept_view(page)


def _concept_view(page: Page) -> None:
    text = page.text
    relation = st.selectbox(
        text["relation"], list(api.RELATIONS), format_func=page.verb,
        **sticky("graph-relation", page.lang),
    )  # fmt: skip
    focus = concept_picker(page, text["pick"], "graph-focus")
    names = _topic_names(page.store, page.generation)
    if st.session_state.get("graph-topic") not in names:
        st.session_state.pop("graph-topic", None)
    topic = st.selectbox(
        text["topics"], list(names), index=None, format_func=lambda t: names.get(t, t),
        placeholder=text["all_topics"], **sticky("graph-topic"),
    )  # fmt: skip
    graph = _concepts(page.store, page.generation, relation, focus, topic)
    shown = text["shown"].format(
        shown=len(graph.nodes), total=len(page.search.concepts()), verb=page.verb(relation)
    )
    shown += text["shown_topic"].format(topic=names[topic]) if topic else ""
    shown += text["shown_focus"].format(focus=page.label(focus)) if focus else ""
    st.caption(shown + ".")
    if graph.truncated:
        st.warning(text["truncated"].format(limit=len(graph.nodes)))
    if not graph.nodes:
        st.info(text["no_edges"])
        return
    st.markdown(text["legend_concepts"].format(verb=page.verb(relation)))
    if st.toggle(text["static"], **sticky("graph-static")):
        st.graphviz_chart(draw.concept_dot(graph, page.verb(relation)))
    else:
        ids = draw.readable_ids(graph)
        props = {text["topic"]: "topic", page.verb(relation): "requires"}
        elements = draw.concept_elements(graph, ids, props)
        layout = {"name": "fcose", "idealEdgeLength": 90, "nodeRepulsion": 9000}
        key = f"cyto-concepts-{relation}-{focus}-{topic}-{page.lang}"
        opened = _interactive(page, elements, layout, draw.styles(topics=False), key)
        node = next((n for n, i in ids.items() if i == opened), None)
        if node:
            go_to("concept", concept=node)
    if relation == "requires":
        _most_required(page, graph, text["col_concept"], text["col_required_by"])


def _topic_view(page: Page) -> None:
    text = page.text
    graph = _topics(page.store, page.generation)
    st.caption(text["topics_shown"].format(topics=len(graph.nodes), edges=len(graph.edges)))
    if graph.truncated:
        total = len(_topic_names(page.store, page.generation))
        st.warning(text["topics_truncated"].format(total=total, shown=len(graph.nodes)))
    st.markdown(text["legend_topics"])
    st.session_state.setdefault("graph-topics-static", True)  # the view to plan with
    if st.toggle(text["static"], **sticky("graph-topics-static")):
        st.graphviz_chart(draw.topic_dot(graph, page.reason, page.cite))
    else:
        ids = draw.readable_ids(graph, draw.topic_label)
        elements = draw.topic_elements(graph, ids, page.reason, text["col_before"])
        layout = {"name": "dagre", "rankDir": "LR", "nodeSep": 24, "rankSep": 110}
        key = f"cyto-topics-{page.lang}"
        _interactive(page, elements, layout, draw.styles(topics=True), key, openable=False)
    _study_plan(page, graph)
    _most_required(page, graph, text["topic"], text["col_depended_by"], draw.topic_label)


def _study_plan(page: Page, graph: api.DependencyGraph) -> None:
    """Every topic in an order to study it: what it needs first, and why."""
    text = page.text
    rows = []
    for n, node in enumerate(graph.study_order(), start=1):
        needs = [o for s, o in graph.edges if s == node]
        whys = []
        for o in needs:
            for reason, where in draw.reasons_by_pair(graph, (node, o)).items():
                cites = ", ".join(page.cite(*at) for at in where)
                whys.append(f"{page.reason(*reason)} ({cites})")
        rows.append({
            text["col_order"]: n,
            text["topic"]: draw.topic_label(graph, node),
            text["col_before"]: ", ".join(graph.nodes[o][1] for o in needs),
            text["col_why"]: "; ".join(whys),
        })  # fmt: skip
    st.subheader(text["study_plan"])
    st.table(rows, hide_index=True)  # whole reasons, wrapped: this is the page to plan with


def _most_required(
    page: Page, graph: api.DependencyGraph, name: str, count: str, label: Any = None
) -> None:
    ranked = graph.most_required()
    if not ranked:
        return
    st.subheader(page.text["most_required"])
    rows = [
        {name: label(graph, node) if label else graph.nodes[node][0], count: n}
        for node, n in ranked
    ]
    st.dataframe(rows, width="stretch", hide_index=True)


def _interactive(
    page: Page,
    elements: dict[str, Any],
    layout: dict[str, Any],
    styles: list[Any],
    key: str,
    *,
    openable: bool = True,
) -> str | None:
    """Cytoscape: a click selects a node and shows its panel; when `openable`, a double-click
    (or the panel's button) asks to open it: returns its id, once per request."""
    event = streamlit_cytoscape(
        elements,
        layout={
            "fit": True,
            "padding": 40,
            "animate": False,
            "nodeDimensionsIncludeLabels": True,
            **layout,
        },
        node_styles=styles,
        events=[Event("open", "dblclick dbltap", "node")] if openable else [],
        infopanel_actions=[InfopanelAction("open", page.text["open_page"])] if openable else [],
        key=key,
        height=_HEIGHT,
    )
    if not isinstance(event, dict) or event.get("action") != "open":
        return None
    stamp = (key, event.get("timestamp"))
    if st.session_state.get("graph-opened") == stamp:  # the same request, seen on a rerun
        return None
    st.session_state["graph-opened"] = stamp
    data = event.get("data") or {}
    found = data.get("target_id") or data.get("element_id")
    return str(found) if found else None
