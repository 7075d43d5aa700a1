"""kg in the browser: `kg app`, or `streamlit run app.py` from a checkout.

Thin: every page reads input, calls `kg.api` (or the engine it returns) and renders. The graph,
the question-answering engine and the concept search load once per server process
(`st.cache_resource`), keyed by the live build, so a rebuild is picked up and a rerun never
reloads anything.
"""

from __future__ import annotations

import streamlit as st

from kg import api
from kg.errors import KgError
from kg.ui import ask, concept, graph, learn, notes, sparql
from kg.ui.common import Page, build
from kg.ui.text import UI

__all__ = ["main"]

PAGES = {
    "ask": ask.render,
    "concept": concept.render,
    "compare": concept.render_compare,
    "graph": graph.render,
    "path": learn.render,
    "sparql": sparql.render,
    "notes": notes.render,
}


@st.cache_resource(show_spinner=False)
def _engine(store: str, generation: str) -> api.QAEngine:
    """One engine per build of the graph, shared by every session of this server."""
    del generation  # part of the cache key only
    return api.open_engine(store=store)


@st.cache_resource(show_spinner=False)
def _search(store: str, generation: str) -> api.ConceptSearch:
    """One concept search per build of the graph."""
    del generation
    return api.concept_search(store=store)


def main() -> None:
    """One run of the app's script: the sidebar, a first build if need be, the chosen page."""
    st.set_page_config(page_title="kg — notes as a knowledge graph", page_icon="🧭", layout="wide")
    lang = st.sidebar.radio("Idioma / Language", ["es", "en"], horizontal=True)
    text = UI[lang]
    status = api.store_status()
    if not status.exists:
        st.info(text["no_graph"].format(paths=", ".join(str(p) for p in api.notes_paths())))
        try:
            build(text, status.location)
        except KgError as err:
            st.error(str(err))
            st.stop()
        status = api.store_status()
    generation = status.generation or ""
    page = Page(
        lang,
        text,
        status.location,
        generation,
        _engine(status.location, generation),
        _search(status.location, generation),
    )
    if "goto" in st.session_state:  # set by a click elsewhere, applied before the radio exists
        st.session_state["page"] = st.session_state.pop("goto")
    name = st.sidebar.radio("kg", list(PAGES), format_func=lambda p: text[p], key="page")
    st.title("kg")
    PAGES[name](page)


if __name__ == "__main__":
    main()
