"""kg in the browser: `streamlit run app.py`.

Thin: every page reads input, calls `kg.api` (or the engine it returns) and renders. The graph
and the question-answering engine load once per server process (`st.cache_resource`), keyed by
the live build, so a rebuild is picked up and a rerun never reloads anything.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx
import streamlit as st
from rapidfuzz import process
from streamlit_cytoscape import EdgeStyle, Event, NodeStyle, streamlit_cytoscape

from kg import api
from kg.errors import KgError
from kg.graph.store import default_store_path
from kg.graph.views import concept_graph, topic_graph
from kg.qa import Answer, QAEngine

UI = {
    "es": {
        "ask": "Preguntar", "concept": "Concepto", "compare": "Comparar", "graph": "Grafo",
        "path": "Ruta de aprendizaje", "sparql": "SPARQL", "notes": "Notas",
        "question": "Pregunta", "examples": "Prueba con:", "evidence": "Evidencia",
        "concepts": "Conceptos", "closest": "Conceptos cercanos:", "pick": "Elige un concepto",
        "requires": "Requiere", "required_by": "Lo requieren", "differs": "Se diferencia de",
        "parts": "Métodos y partes", "examples_code": "Ejemplos de código", "tips": "Puntos clave",
        "sections": "Secciones que lo mencionan", "aliases": "También", "first": "Primero",
        "second": "Segundo", "goal": "Meta", "known": "Ya lo sé", "next": "Puedes aprender ahora",
        "run": "Ejecutar", "build": "Reconstruir el grafo", "upload": "Añadir notas",
        "documents": "Documentos", "building": "Construyendo el grafo…", "topics": "Temas",
        "concept_level": "Conceptos", "topic_level": "Temas", "relation": "Relación",
        "truncated": "Grafo recortado: se muestran los primeros nodos.",
        "no_graph": "Aún no hay grafo: se construye desde data/.", "none": "Nada en tus notas.",
        "most_required": "Los más requeridos",
        "static": "Vista estática", "truncated_rows": "Resultado recortado a 1000 filas.",
        "in_context": "Ver en contexto", "all_topics": "Todos los temas",
        "search": "Buscar (admite errores de tipeo)",
    },
    "en": {
        "ask": "Ask", "concept": "Concept", "compare": "Compare", "graph": "Graph",
        "path": "Learning path", "sparql": "SPARQL", "notes": "Notes",
        "question": "Question", "examples": "Try:", "evidence": "Evidence",
        "concepts": "Concepts", "closest": "Close concepts:", "pick": "Pick a concept",
        "requires": "Requires", "required_by": "Required by", "differs": "Differs from",
        "parts": "Methods and parts", "examples_code": "Code examples", "tips": "Key points",
        "sections": "Sections that mention it", "aliases": "Also", "first": "First",
        "second": "Second", "goal": "Goal", "known": "I know this", "next": "You can learn next",
        "run": "Run", "build": "Rebuild the graph", "upload": "Add notes",
        "documents": "Documents", "building": "Building the graph…", "topics": "Topics",
        "concept_level": "Concepts", "topic_level": "Topics", "relation": "Relation",
        "truncated": "Graph capped: showing the first nodes.",
        "no_graph": "No graph yet: building it from data/.", "none": "Nothing in your notes.",
        "most_required": "Most required",
        "static": "Static view", "truncated_rows": "Results capped at 1000 rows.",
        "in_context": "Show in context", "all_topics": "All topics",
        "search": "Search (typos are fine)",
    },
}  # fmt: skip
EXAMPLES = [
    "¿Qué requiere score_batch?",
    "online vs offline features",
    "What should I learn before score_batch?",
    "¿Cómo escribo datos en una feature table?",
]
SPARQL_EXAMPLES = {
    "prerequisites": """SELECT ?x ?label WHERE {
  ?c skos:prefLabel "score_batch" ; kg:requires ?x .
  ?x skos:prefLabel ?label .
}""",
    "differences": """SELECT ?aLabel ?bLabel WHERE {
  ?a kg:differsFrom ?b .
  ?a skos:prefLabel ?aLabel . ?b skos:prefLabel ?bLabel .
}""",
    "topics": """SELECT ?order ?title WHERE {
  ?t a kg:Topic ; rdfs:label ?title ; kg:order ?order .
} ORDER BY ?order""",
    "evidence": """SELECT ?s ?p ?o ?line ?evidence WHERE {
  ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
     kg:line ?line ; kg:evidence ?evidence .
} LIMIT 20""",
}
UPLOADS = Path("data") / "uploads"

st.set_page_config(page_title="kg — notes as a knowledge graph", page_icon="🧭", layout="wide")
lang = st.sidebar.radio("Idioma / Language", ["es", "en"], horizontal=True)
T = UI[lang]
store = os.environ.get("KG_STORE") or str(default_store_path())


@st.cache_resource(show_spinner=False)
def engine_for(store_path: str, generation: str) -> QAEngine:
    """One engine per build of the graph, shared by every session of this server."""
    del generation  # part of the cache key only
    return api.open_engine(store=store_path)


def build(paths: list[str]) -> None:
    bar = st.progress(0.0, text=T["building"])
    report = api.build(
        paths, store=store, progress=lambda n, total, p: bar.progress(n / total, text=p.name)
    )
    bar.empty()
    st.success(
        f"{len(report.documents)} docs · {report.concepts} concepts · "
        f"{sum(report.relations.values())} relations · {report.seconds:.1f} s"
    )
    for skipped in report.skipped:
        st.warning(str(skipped))


if not api.graph_exists(store=store):
    st.info(T["no_graph"])
    try:
        build(list(api.DEFAULT_PATHS))
    except KgError as err:
        st.error(str(err))
        st.stop()

engine = engine_for(store, api.live_generation(store=store))
concepts = engine.concepts()
by_iri = {c.iri: c for c in concepts}
pages = ["ask", "concept", "compare", "graph", "path", "sparql", "notes"]
if "goto" in st.session_state:  # set by a click elsewhere, applied before the radio exists
    st.session_state["page"] = st.session_state.pop("goto")
page = st.sidebar.radio("kg", pages, format_func=lambda p: T[p], key="page")
st.title("kg")


def show_answer(answer: Answer) -> None:
    if not answer.found:
        st.warning(answer.answer)
        cols = st.columns(max(len(answer.suggestions), 1))
        for col, label in zip(cols, answer.suggestions, strict=False):
            if col.button(label, key=f"suggest-{label}"):
                st.session_state["question"] = label
                st.rerun()
        return
    st.markdown(answer.answer)
    if answer.concepts:
        st.caption(T["concepts"] + ": " + ", ".join(c.label for c in answer.concepts))
    with st.expander(T["evidence"]):
        for n, item in enumerate(answer.items):
            for m, ev in enumerate(item.evidence):
                st.markdown(f"**{item.label}** — `{ev.source}:{ev.line}`  \n> {ev.text}")
                if st.toggle(T["in_context"], key=f"ctx-{n}-{m}-{ev.line}"):
                    try:
                        around = api.context(ev.source, ev.line)
                    except KgError as err:
                        st.error(str(err))
                    else:
                        marked = [f"{'▶' if k == ev.line else ' '} {k:>5}  {t}" for k, t in around]
                        st.code("\n".join(marked), language="markdown")
    with st.expander("SPARQL"):
        st.code(answer.sparql, language="sparql")


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


def concept_picker(label: str, key: str, default: str | None = None) -> str | None:
    """A concept select box; `default` (a click elsewhere) replaces its current choice."""
    iris = [c.iri for c in concepts]
    if default in iris:
        st.session_state[key] = default
    return st.selectbox(
        label, iris, index=None, key=key, format_func=lambda i: by_iri[i].label,
        placeholder=T["pick"],
    )  # fmt: skip


if page == "ask":
    question = st.chat_input(T["question"])
    if question:
        st.session_state["question"] = question
    current = st.session_state.get("question")
    if not current:
        st.write(T["examples"])
        for example in EXAMPLES:
            if st.button(example, key=f"example-{example}"):
                st.session_state["question"] = example
                st.rerun()
    else:
        st.chat_message("user").write(current)
        with st.chat_message("assistant"):
            show_answer(engine.ask(current))

elif page == "concept":
    typed = st.text_input(T["search"], key="concept-search")
    if typed:
        close = process.extract(typed, {c.iri: c.label for c in concepts}, limit=8)
        options = [iri for _label, score, iri in close if score >= 50]
        if options:
            st.session_state["concept"] = st.radio(
                T["pick"], options, format_func=lambda i: by_iri[i].label, horizontal=True
            )
    iri = concept_picker(T["pick"], "concept-pick", st.session_state.pop("concept", None))
    if iri:
        view = api.describe(iri, by_iri[iri].label, by_iri[iri].kind, store=store)
        st.header(view.label)
        st.caption(f"{view.kind} · {view.iri}")
        if view.alt_labels:
            st.write(T["aliases"] + ": " + ", ".join(view.alt_labels))
        for definition in view.definitions:
            st.info(definition)
        kinds = {
            "requires": ("out", ("requires",)),
            "required_by": ("in", ("requires",)),
            "differs": ("", ("differsFrom",)),
            "parts": ("", ("partOf", "methodOf", "produces")),
        }
        for name, (direction, predicates) in kinds.items():
            group = [
                f
                for f in view.facts
                if f.predicate in predicates and direction in ("", f.direction)
            ]
            if group:
                st.subheader(T[name])
                for f in group:
                    where = f"`{f.source}:{f.line}`"
                    st.markdown(
                        f"- **{f.other_label}** ({f.predicate}) — {where}  \n  > {f.evidence}"
                    )
        if view.examples:
            st.subheader(T["examples_code"])
            for code in view.examples:
                st.code(code, language="python")
        if view.key_points:
            st.subheader(T["tips"])
            for point in view.key_points:
                st.markdown(f"- {point.text} — `{point.source}:{point.line}`")
        if view.sections:
            st.subheader(T["sections"])
            for sec in view.sections:
                st.markdown(f"- {sec.text} — `{sec.source}:{sec.line}`")

elif page == "compare":
    left, right = st.columns(2)
    with left:
        a = concept_picker(T["first"], "compare-a")
    with right:
        b = concept_picker(T["second"], "compare-b")
    if a and b and a != b:
        show_answer(engine.compare(a, b, lang))

elif page == "graph":
    level = st.radio(
        T["graph"], ["concept_level", "topic_level"], format_func=lambda k: T[k], horizontal=True
    )
    if level == "topic_level":
        graph = topic_graph(engine.session)
    else:
        relation = st.selectbox(
            T["relation"],
            ["requires", "partOf", "methodOf", "differsFrom", "produces", "alternativeTo"],
        )
        focus = concept_picker(T["pick"], "graph-focus")
        topic_names = dict(api.topics(store=store))
        topic = st.selectbox(
            T["topics"], list(topic_names), index=None, format_func=topic_names.get,
            placeholder=T["all_topics"],
        )  # fmt: skip
        graph = concept_graph(engine.session, relation=relation, focus=focus, topic=topic)
    if graph.truncated:
        st.warning(T["truncated"])
    st.caption(f"{len(graph.nodes)} nodes · {len(graph.edges)} edges")
    focus_iri = None if level == "topic_level" else focus
    ahead = graph.to_networkx()
    prereqs = set(nx.descendants(ahead, focus_iri)) if focus_iri in ahead else set()
    if st.toggle(T["static"], value=False):
        style = 'node [shape=box, style="rounded,filled", fillcolor="#eef3fb"];'
        dot = ["digraph G {", "rankdir=LR;", style]
        for node, (label, _group) in graph.nodes.items():
            color = ', fillcolor="#ffd9a0"' if node in prereqs or node == focus_iri else ""
            dot.append(f"{json.dumps(node)} [label={json.dumps(label[:40])}{color}];")
        dot += [f"{json.dumps(s)} -> {json.dumps(o)};" for s, o in graph.edges]
        dot.append("}")
        st.graphviz_chart("\n".join(dot))
    else:
        kind = {
            node: "Focus" if node == focus_iri else "Prerequisite" if node in prereqs else "Concept"
            for node in graph.nodes
        }
        elements = {
            "nodes": [
                {"data": {"id": n, "label": kind[n], "name": label[:40]}}
                for n, (label, _group) in graph.nodes.items()
            ],
            "edges": [
                {"data": {"id": f"e{i}", "source": s, "target": o, "label": "requires"}}
                for i, (s, o) in enumerate(graph.edges)
            ],
        }
        text = {"label": "data(name)", "font-size": 11, "color": "#1b1b1b", "text-valign": "bottom"}
        styles = [
            NodeStyle("Concept", "#6b8fd6", "name", custom_styles=text),
            NodeStyle("Prerequisite", "#f0a030", "name", custom_styles=text),
            NodeStyle("Focus", "#d64545", "name", custom_styles=text),
        ]
        clicked = streamlit_cytoscape(
            elements,
            layout="cose",
            node_styles=styles,
            edge_styles=[EdgeStyle("requires", caption=None, directed=True)],
            events=[Event("open", "dblclick dbltap", "node")],
            key=f"cyto-{level}-{focus}",
            height=600,
        )
        target = _clicked_node(clicked, graph.nodes)
        if target and level == "concept_level":
            st.session_state["concept"] = target
            st.session_state["goto"] = "concept"
            st.rerun()
    st.subheader(T["most_required"])
    st.table([{"concept": label, "n": n} for label, n in graph.most_required()])

elif page == "path":
    goal = concept_picker(T["goal"], "path-goal")
    if goal:
        answer = engine.learning_path(goal, lang)
        if not answer.found:
            st.info(T["none"])
        known = st.session_state.setdefault("known", set())
        for n, item in enumerate(answer.items, start=1):
            done = st.checkbox(
                f"{n}. {item.label}", value=item.iri in known, key=f"known-{item.iri}"
            )
            (known.add if done else known.discard)(item.iri)
            for ev in item.evidence[:1]:
                st.caption(f"{ev.source}:{ev.line} — {ev.text}")
        remaining = [i.label for i in answer.items if i.iri not in known]
        if remaining:
            st.success(T["next"] + ": " + remaining[0])

elif page == "sparql":
    example = st.selectbox("Examples", list(SPARQL_EXAMPLES))
    query = st.text_area("SPARQL", value=SPARQL_EXAMPLES[example], height=180)
    if st.button(T["run"]):
        try:
            bounded = api.sparql_bounded(query, store=store, timeout=5.0, max_rows=1000)
        except KgError as err:
            st.error(str(err))
        else:
            if bounded.kind == "boolean":
                st.write(bounded.boolean)
            elif bounded.kind == "graph":
                st.code(bounded.text, language="turtle")
            else:
                if bounded.truncated:
                    st.warning(T["truncated_rows"])
                st.dataframe(list(bounded.rows), width="stretch", hide_index=True)
                st.download_button(
                    "JSON", json.dumps(list(bounded.rows), ensure_ascii=False), "results.json"
                )
                header = ",".join(bounded.variables)
                lines = [
                    ",".join(json.dumps(r.get(v, "")) for v in bounded.variables)
                    for r in bounded.rows
                ]
                st.download_button("CSV", "\n".join([header, *lines]), "results.csv")

elif page == "notes":
    st.subheader(T["documents"])
    st.dataframe(api.documents(store=store), width="stretch", hide_index=True)
    files = st.file_uploader(
        T["upload"],
        type=["md", "markdown", "txt", "ipynb", "rst", "mdx"],
        accept_multiple_files=True,
    )
    if st.button(T["build"]):
        try:
            for file in files or []:
                api.save_upload(file.name, file.getvalue(), UPLOADS)
            build([*api.DEFAULT_PATHS])
        except KgError as err:
            st.error(str(err))
