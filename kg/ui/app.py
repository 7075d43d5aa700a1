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
from kg.ui.common import Page, documents, run_build, short_paths, show_build, sticky
from kg.ui.messages import error_text
from kg.ui.text import LANGUAGES, UI

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


@st.cache_data(show_spinner=False, max_entries=8)
def _paths(store: str, generation: str) -> dict[str, str]:
    """What a citation shows for each document of one build."""
    return short_paths(d["source"] for d in documents(store, generation))


def _status(lang: str, text: dict[str, str]) -> api.StoreStatus:
    """The live build; on a first start, build one from the notes at hand."""
    status = api.store_status()
    if status.exists:
        return status
    st.info(text["no_graph"].format(paths=", ".join(str(p) for p in api.notes_paths())))
    try:
        show_build(run_build(text, status.location), text, lang)
    except KgError as err:
        st.error(error_text(err, text, lang))
        st.stop()
    return api.store_status()


def main() -> None:
    """One run of the app's script: the sidebar, a first build if need be, the chosen page."""
    lang = st.session_state.get("lang", LANGUAGES[0])
    text = UI[lang]
    st.set_page_config(page_title=text["page_title"], page_icon="🧭", layout="wide")
    st.sidebar.title("kg")
    st.sidebar.caption(text["tagline"])
    choose = " · ".join(UI[code]["col_lang"] for code in LANGUAGES)  # "Idioma · Language"
    st.sidebar.radio(choose, list(LANGUAGES), horizontal=True, key="lang")
    status = _status(lang, text)
    generation = status.generation or ""
    page = Page(
        lang,
        text,
        status.location,
        generation,
        lambda: _engine(status.location, generation),
        _search(status.location, generation),
        _paths(status.location, generation),
    )
    name = st.sidebar.radio(
        text["pages"], list(PAGES), format_func=lambda p: text[p], **sticky("page", lang)
    )
    st.title(text[name])
    st.caption(text[f"{name}_intro"])
    PAGES[name](page)


if __name__ == "__main__":
    main()
