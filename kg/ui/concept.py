"""The Concept page (one concept and everything the notes say about it) and the Compare page
(two concepts side by side)."""

from __future__ import annotations

from typing import Protocol

import streamlit as st

from kg import api
from kg.ui.common import Page, concept_picker, show_answer
from kg.ui.text import KINDS

__all__ = ["render", "render_compare"]

# headings of the concept page: (direction of the assertion or "" for both, predicates)
_FACTS = {
    "requires": ("out", ("requires",)),
    "required_by": ("in", ("requires",)),
    "differs": ("", ("differsFrom",)),
    "parts": ("", ("partOf", "methodOf", "produces", "hasMember", "hasStep")),
}


def render(page: Page) -> None:
    typed = st.text_input(page.text["search"], key="concept-search")
    if typed:
        options = [hit.iri for hit in page.search.search(typed)]
        if options:
            found = st.radio(page.text["pick"], options, format_func=page.label, horizontal=True)
            if found != st.session_state.get("concept-found"):  # a new pick opens it
                st.session_state["concept-found"] = found
                st.session_state["concept"] = found
    iri = concept_picker(page, page.text["pick"], "concept")
    if iri:
        found_concept = page.search.get(iri)
        kind = found_concept.kind if found_concept else ""
        _show(page, _described(page.store, page.generation, iri, page.label(iri), kind))


@st.cache_data(show_spinner=False, max_entries=64)
def _described(store: str, generation: str, iri: str, label: str, kind: str) -> api.Explanation:
    """A concept's page, read once per build of the graph (not on every rerun)."""
    del generation  # part of the cache key only
    return api.describe(iri, label, kind, store=store)


class _Fact(Protocol):
    """What the page shows of one assertion about a concept (`api.Explanation.facts`)."""

    @property
    def direction(self) -> str: ...
    @property
    def predicate(self) -> str: ...
    @property
    def other_label(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def evidence(self) -> str: ...


def _fact(page: Page, view: api.Explanation, fact: _Fact) -> str:
    """`A <verb> B` with the other concept in bold, its citation and its evidence."""
    me, other = view.label, f"**{fact.other_label}**"
    subject, obj = (me, other) if fact.direction == "out" else (other, me)
    where = page.cite(fact.source, fact.line)
    return f"- {subject} {page.verb(fact.predicate)} {obj} — `{where}`  \n  > {fact.evidence}"


class _Parameter(Protocol):
    @property
    def description(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def line(self) -> int: ...
    def signature(self) -> str: ...


def _parameter(page: Page, p: _Parameter) -> str:
    """`name=value` (as a call passes it) or `name: type = default` (as declared), what the
    notes say of it, and where."""
    about = f" — {' '.join(p.description.split())}" if p.description else ""
    return f"- `{p.signature()}`{about} — `{page.cite(p.source, p.line)}`"


def _show(page: Page, view: api.Explanation) -> None:
    st.header(view.label)
    kind = KINDS[page.lang].get(view.kind, view.kind)
    if kind:
        st.caption(f"{page.text['kind']}: {kind}", help=view.iri)
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
            st.markdown("\n".join(_fact(page, view, f) for f in group))
    if view.parameters:
        st.subheader(page.text["parameters"])
        st.markdown("\n".join(_parameter(page, p) for p in view.parameters))
    if view.examples:
        st.subheader(page.text["examples_code"])
        for code in view.examples:
            st.code(code, language="python")
    if view.key_points:
        st.subheader(page.text["tips"])
        st.markdown(
            "\n".join(f"- {p.text} — `{page.cite(p.source, p.line)}`" for p in view.key_points)
        )
    if view.sections:
        st.subheader(page.text["sections"])
        st.markdown(
            "\n".join(f"- {s.text} — `{page.cite(s.source, s.line)}`" for s in view.sections)
        )


def render_compare(page: Page) -> None:
    left, right = st.columns(2)
    with left:
        a = concept_picker(page, page.text["first"], "compare-a")
    with right:
        b = concept_picker(page, page.text["second"], "compare-b")
    if a and b and a != b:
        show_answer(page, page.engine.compare(a, b, page.lang), key="compare")
