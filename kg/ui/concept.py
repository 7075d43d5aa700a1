"""The Concept page (one concept and everything the notes say about it) and the Compare page
(two concepts side by side)."""

from __future__ import annotations

import streamlit as st

from kg import api
from kg.ui.common import Page, concept_picker, show_answer

__all__ = ["render", "render_compare"]

# headings of the concept page: (direction of the assertion or "" for both, predicates)
_FACTS = {
    "requires": ("out", ("requires",)),
    "required_by": ("in", ("requires",)),
    "differs": ("", ("differsFrom",)),
    "parts": ("", ("partOf", "methodOf", "produces")),
}


def render(page: Page) -> None:
    typed = st.text_input(page.text["search"], key="concept-search")
    if typed:
        options = [hit.iri for hit in page.search.search(typed)]
        if options:
            st.session_state["concept"] = st.radio(
                page.text["pick"], options, format_func=page.label, horizontal=True
            )
    clicked = st.session_state.pop("concept", None)  # a search result or a graph node
    iri = concept_picker(page, page.text["pick"], "concept-pick", clicked)
    if iri:
        found = page.search.get(iri)
        view = api.describe(iri, page.label(iri), found.kind if found else "", store=page.store)
        _show(page, view)


def _show(page: Page, view: api.Explanation) -> None:
    st.header(view.label)
    st.caption(f"{view.kind} · {view.iri}")
    if view.alt_labels:
        st.write(page.text["aliases"] + ": " + ", ".join(view.alt_labels))
    for definition in view.definitions:
        st.info(definition)
    for name, (direction, predicates) in _FACTS.items():
        group = [
            f for f in view.facts if f.predicate in predicates and direction in ("", f.direction)
        ]
        if group:
            st.subheader(page.text[name])
            for f in group:
                where = f"`{f.source}:{f.line}`"
                st.markdown(f"- **{f.other_label}** ({f.predicate}) — {where}  \n  > {f.evidence}")
    if view.examples:
        st.subheader(page.text["examples_code"])
        for code in view.examples:
            st.code(code, language="python")
    if view.key_points:
        st.subheader(page.text["tips"])
        for point in view.key_points:
            st.markdown(f"- {point.text} — `{point.source}:{point.line}`")
    if view.sections:
        st.subheader(page.text["sections"])
        for sec in view.sections:
            st.markdown(f"- {sec.text} — `{sec.source}:{sec.line}`")


def render_compare(page: Page) -> None:
    left, right = st.columns(2)
    with left:
        a = concept_picker(page, page.text["first"], "compare-a")
    with right:
        b = concept_picker(page, page.text["second"], "compare-b")
    if a and b and a != b:
        show_answer(page, page.engine.compare(a, b, page.lang))
