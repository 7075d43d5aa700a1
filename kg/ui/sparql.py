"""The SPARQL page: a query people type, stopped at a deadline, with downloads."""

from __future__ import annotations

import json

import streamlit as st

from kg import api
from kg.errors import KgError
from kg.ui.common import Page
from kg.ui.text import SPARQL_EXAMPLES

__all__ = ["render"]


def render(page: Page) -> None:
    example = st.selectbox("Examples", list(SPARQL_EXAMPLES))
    query = st.text_area("SPARQL", value=SPARQL_EXAMPLES[example], height=180)
    if not st.button(page.text["run"]):
        return
    try:
        bounded = api.sparql_bounded(query, store=page.store, timeout=5.0, max_rows=1000)
    except KgError as err:
        st.error(str(err))
        return
    if bounded.kind == "boolean":
        st.write(bounded.boolean)
    elif bounded.kind == "graph":
        st.code(bounded.text, language="turtle")
    else:
        _rows(page, bounded)


def _rows(page: Page, bounded: api.BoundedResult) -> None:
    if bounded.truncated:
        st.warning(page.text["truncated_rows"])
    st.dataframe(list(bounded.rows), width="stretch", hide_index=True)
    st.download_button("JSON", json.dumps(list(bounded.rows), ensure_ascii=False), "results.json")
    header = ",".join(bounded.variables)
    lines = [",".join(json.dumps(r.get(v, "")) for v in bounded.variables) for r in bounded.rows]
    st.download_button("CSV", "\n".join([header, *lines]), "results.csv")
