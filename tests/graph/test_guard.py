"""The query check reads the syntax tree of a real SPARQL parser, never the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import api
from kg.errors import QueryError
from kg.graph.guard import check_query
from kg.graph.store import GraphStore

NT = b'<http://x/a> <http://x/p> "one" .\n<http://x/b> <http://x/p> "two" .\n'
SERVICE = "SERVICE <http://127.0.0.1:9/sparql> { ?a ?b ?c }"

# the two escapes of issue 13 that got past the text filter
ESCAPED_PNAME = (
    f"PREFIX ex: <http://example.org/> SELECT * WHERE {{ OPTIONAL {{ ?s ex:a\\# ?o }} {SERVICE} }}"
)
ESCAPED_QUOTE = f'SELECT * WHERE {{ BIND("x\\u0022" AS ?q) {SERVICE} BIND("y" AS ?r) }}'


@pytest.mark.parametrize(
    "query",
    [
        f"SELECT * WHERE {{ {SERVICE} }}",
        "select * where { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }",
        f"SELECT * WHERE {{ OPTIONAL {{ {SERVICE} }} }}",
        f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ {SERVICE} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o MINUS {{ {SERVICE} }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ {SERVICE} }} }} }}",
        f"ASK {{ FILTER EXISTS {{ {SERVICE} }} }}",
        f"ASK {{ FILTER NOT EXISTS {{ {{ {{ {SERVICE} }} }} }} }}",
        f"CONSTRUCT {{ ?a ?b ?c }} WHERE {{ GRAPH ?g {{ {SERVICE} }} }}",
        "SELECT * WHERE { VALUES ?u { <http://127.0.0.1:9/> } SERVICE ?u { ?s ?p ?o } }",
        "PREFIX e: <http://127.0.0.1:9/> SELECT * WHERE { SERVICE e:sparql { ?s ?p ?o } }",
        f"SELECT * WHERE {{ ?s ?p ?o # a comment\n {SERVICE} }}",
    ],
)
def test_service_is_refused_wherever_it_is(query: str) -> None:
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        check_query(query)


@pytest.mark.parametrize("query", [ESCAPED_PNAME, ESCAPED_QUOTE])
def test_the_escapes_that_passed_the_text_filter_are_refused(query: str) -> None:
    with pytest.raises(QueryError):
        check_query(query)


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <http://x/a> <http://x/p> <http://x/q> }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://127.0.0.1:9/data.ttl>",
        "CLEAR ALL",
        "CREATE GRAPH <http://x/g>",
    ],
)
def test_updates_are_refused_as_updates(query: str) -> None:
    with pytest.raises(QueryError, match=r"updates .* are not allowed"):
        check_query(query)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM <http://127.0.0.1:9/data> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://127.0.0.1:9/data> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "SELECT * WHERE { GRAPH <http://127.0.0.1:9/data> { ?s ?p ?o } }",
        "SELECT * WHERE { GRAPH kg:other { ?s ?p ?o } }",
        "DESCRIBE ?s FROM <http://127.0.0.1:9/d> WHERE { ?s ?p ?o }",
    ],
)
def test_graphs_outside_the_store_are_refused(query: str) -> None:
    with pytest.raises(QueryError, match="names no graph of this store"):
        check_query(query)


def test_graphs_the_store_holds_may_be_named() -> None:
    local = frozenset({"http://x/g", "https://kg.invalid/ns#g"})
    check_query("SELECT * FROM <http://x/g> WHERE { ?s ?p ?o }", local_graphs=local)
    check_query("SELECT * WHERE { GRAPH kg:g { ?s ?p ?o } }", local_graphs=local)
    check_query("BASE <http://x/> SELECT * FROM NAMED <g> { GRAPH ?g {} }", local_graphs=local)
    check_query(
        "SELECT * WHERE { GRAPH <g> { ?s ?p ?o } }", local_graphs=local, base_iri="http://x/"
    )


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?from WHERE { ?from ?p ?o }",  # refused by the text filter
        "SELECT ?s WHERE { ?s kg:service ?o }",  # so was this
        "SELECT ?service ?load WHERE { ?service ?load ?from }",
        'SELECT * WHERE { ?s ?p ?o FILTER(?o != "SERVICE <http://x/> { }") }',
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/> { }",
        "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:a\\#b ?o }",
    ],
)
def test_legitimate_queries_pass(query: str) -> None:
    check_query(query)


def test_invalid_queries_are_refused_with_the_parsers_message() -> None:
    with pytest.raises(QueryError, match="invalid SPARQL query"):
        check_query("SELECT * WHERE { ?s ?p ")


def test_the_user_path_checks_and_the_package_path_runs(tmp_path: Path) -> None:
    """`api.query` (what `kg sparql` runs) refuses; the store runs the package's queries."""
    store = GraphStore(tmp_path / "s")
    store.replace(NT)
    with pytest.raises(QueryError, match="SERVICE"):
        api.query(f"SELECT * WHERE {{ {SERVICE} }}", store=store.path)
    with pytest.raises(QueryError, match="updates"):
        api.query("LOAD <http://127.0.0.1:9/data.ttl>", store=store.path)
    ok = api.query('SELECT * WHERE { ?s ?p ?o FILTER(?o != "SERVICE") }', store=store.path)
    assert len(ok.rows) == 2
