"""The SPARQL page: a query people type, stopped at a deadline, with downloads. The query and
its last result stay while you visit other pages, and downloading does not clear them."""

from __future__ import annotations

import csv
import io
import json

import streamlit as st

from kg import api
from kg.errors import KgError
from kg.ui.common import Page, sticky
from kg.ui.text import SPARQL_EXAMPLES

__all__ = ["TIMEOUT", "render"]

TIMEOUT = 5.0
MAX_ROWS = 1000


def _example_chosen(lang: str) -> None:
    """A new example replaces the query being edited."""
    choice = st.session_state[f"sparql-example@{lang}"]
    st.session_state["sparql-example"] = choice
    st.session_state["sparql-text"] = SPARQL_EXAMPLES[lang][choice]


def render(page: Page) -> None:
    examples = SPARQL_EXAMPLES[page.lang]
    if "sparql-text" not in st.session_state:
        st.session_state["sparql-text"] = next(iter(examples.values()))
    kept = sticky("sparql-example", page.lang)
    if st.session_state.get(kept["key"]) not in examples:
        st.session_state.pop(kept["key"], None)
    st.selectbox(
        page.text["sparql_examples"],
        list(examples),
        index=None,
        placeholder=page.text["sparql_examples"],
        key=kept["key"],
        on_change=_example_chosen,
        args=(page.lang,),
    )
    query = st.text_area(page.text["sparql_query"], height=180, **sticky("sparql-text"))
    if st.button(page.text["run"], type="primary"):
        try:
            result: api.BoundedResult | str = api.sparql_bounded(
                query, store=page.store, timeout=TIMEOUT, max_rows=MAX_ROWS
            )
        except KgError as err:
            result = page.error(err)
        st.session_state["sparql-result"] = (page.generation, query, result)
    last = st.session_state.get("sparql-result")
    if last and last[:2] == (page.generation, query):
        _show(page, last[2])


def _show(page: Page, result: api.BoundedResult | str) -> None:
    if isinstance(result, str):
        st.error(result)
    elif result.kind == "boolean":
        st.write(page.text["yes"] if result.boolean else page.text["no"])
    elif result.kind == "graph":
        st.code(result.text, language="turtle")
    elif not result.rows:
        st.info(page.text["no_rows"])
    else:
        _rows(page, result)


def csv_text(variables: list[str], rows: list[dict[str, str]]) -> str:
    """Rows as CSV, UTF-8 text as it is (accents kept), quoted where CSV needs it."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=variables, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _rows(page: Page, result: api.BoundedResult) -> None:
    if result.truncated:
        st.warning(page.text["truncated_rows"])
    rows = [dict(r) for r in result.rows]
    st.dataframe(rows, width="stretch", hide_index=True)
    left, right, _ = st.columns([1, 1, 6])
    left.download_button(
        "CSV",
        csv_text(list(result.variables), rows).encode("utf-8"),
        "results.csv",
        mime="text/csv; charset=utf-8",
        on_click="ignore",
    )
    right.download_button(
        "JSON",
        json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8"),
        "results.json",
        mime="application/json",
        on_click="ignore",
    )
