"""kg in the browser: `streamlit run app.py`.

Thin: reads input, calls `kg.api`, renders. This first version shows the topics of the built
graph and runs SPARQL; asking, exploring and comparing concepts come with question answering.
"""

from __future__ import annotations

import os

import streamlit as st

from kg import api
from kg.errors import KgError
from kg.graph.store import default_store_path

TOPICS = """SELECT ?source ?order ?title ?start ?end WHERE {
  ?doc a kg:Document ; dcterms:source ?source ; kg:hasTopic ?topic .
  ?topic rdfs:label ?title ; kg:order ?order ; kg:lineStart ?start ; kg:lineEnd ?end .
} ORDER BY ?source ?order"""

st.set_page_config(page_title="kg — notes as a knowledge graph", page_icon="🧭", layout="wide")
st.title("kg — your notes as a knowledge graph")

store = st.sidebar.text_input(
    "Graph store", value=os.environ.get("KG_STORE") or str(default_store_path())
)
paths = st.sidebar.text_input("Notes to build from", value=" ".join(api.DEFAULT_PATHS))
if st.sidebar.button("Build graph"):
    try:
        with st.spinner("Reading notes and building the graph…"):
            report = api.build(paths.split(), store=store)
        st.sidebar.success(
            f"{len(report.documents)} documents, {report.topics} topics, "
            f"{report.triples} triples in {report.seconds:.2f} s"
        )
        for skipped in report.skipped:
            st.sidebar.warning(str(skipped))
    except KgError as err:
        st.sidebar.error(str(err))

topics_tab, sparql_tab = st.tabs(["Topics", "SPARQL"])

with topics_tab:
    try:
        result = api.query(TOPICS, store=store)
    except KgError as err:
        st.error(str(err))
    else:
        rows = [{k: v.value for k, v in row.items()} for row in result.rows]
        st.caption(f"{len(rows)} topics")
        st.dataframe(rows, width="stretch", hide_index=True)

with sparql_tab:
    query = st.text_area("SPARQL (standard prefixes are predeclared)", value=TOPICS, height=160)
    if st.button("Run query"):
        try:
            result = api.query(query, store=store)
        except KgError as err:
            st.error(str(err))
        else:
            if result.kind == "boolean":
                st.write(result.boolean)
            elif result.kind == "graph":
                st.code(
                    "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in result.triples)
                )
            else:
                st.dataframe(
                    [{k: v.value for k, v in row.items()} for row in result.rows],
                    width="stretch",
                    hide_index=True,
                )
