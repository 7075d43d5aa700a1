from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import QueryError, StoreError, StoreLockedError, StoreNotFoundError
from kg.graph.store import GraphStore

NT = b'<http://x/a> <http://x/p> "one" .\n<http://x/b> <http://x/p> "two" .\n'


def test_store_query_before_any_build_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFoundError, match="kg build"):
        GraphStore(tmp_path / "s").query("SELECT * WHERE { ?s ?p ?o }")


def test_store_replace_then_query_with_bound_values(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "s")
    store.replace(NT)
    result = store.query(
        "SELECT ?s ?o WHERE { ?s <http://x/p> ?o }", bindings={"s": ox.NamedNode("http://x/b")}
    )
    assert [r["o"].value for r in result.rows] == ["two"]


def test_store_replace_swaps_the_whole_graph(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "s")
    store.replace(NT)
    store.replace(b'<http://x/c> <http://x/p> "three" .\n')
    rows = store.query("SELECT ?o WHERE { ?s ?p ?o }").rows
    assert [r["o"].value for r in rows] == ["three"]
    # the live generation and at most one previous one are kept
    assert len(list((tmp_path / "s").glob("gen-*"))) <= 2


def test_store_failed_build_leaves_the_previous_graph_queryable(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "s")
    store.replace(NT)
    with pytest.raises(StoreError):
        store.replace(b"this is not n-triples")
    assert len(store.query("SELECT * WHERE { ?s ?p ?o }").rows) == 2


def test_store_derived_files_go_live_with_their_graph(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "s")
    store.replace(NT, lambda gen: (gen / "derived.txt").write_text("first"))
    assert (store.live_generation() / "derived.txt").read_text() == "first"

    def broken(gen: Path) -> None:
        (gen / "derived.txt").write_text("half")
        raise OSError("disk full")

    with pytest.raises(StoreError, match="disk full"):
        store.replace(b'<http://x/c> <http://x/p> "three" .\n', broken)
    # the old graph and its derived file stay live together; the half generation is gone
    assert (store.live_generation() / "derived.txt").read_text() == "first"
    assert len(store.query("SELECT * WHERE { ?s ?p ?o }").rows) == 2
    assert len(list((tmp_path / "s").glob("gen-*"))) == 1


def test_store_one_writer_at_a_time(tmp_path: Path) -> None:
    import fcntl

    store = GraphStore(tmp_path / "s")
    store.path.mkdir(parents=True)
    with open(store.path / "build.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(StoreLockedError):
            store.replace(NT)


def test_store_standard_prefixes_are_predeclared(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "s")
    store.replace(b'<http://x/a> <http://www.w3.org/2000/01/rdf-schema#label> "A" .\n')
    assert store.query("SELECT ?l WHERE { ?s rdfs:label ?l }").rows[0]["l"].value == "A"


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        ("json", lambda out: json.loads(out)["results"]["bindings"][0]["o"]["value"] == "one"),
        ("csv", lambda out: out.splitlines()[0].strip() == "o" and "one" in out),
        ("tsv", lambda out: out.splitlines()[0].strip() == "?o" and '"one"' in out),
    ],
)
def test_store_serializes_w3c_result_formats(tmp_path: Path, fmt: str, check) -> None:  # type: ignore[no-untyped-def]
    store = GraphStore(tmp_path / "s")
    store.replace(NT)
    out = store.query_serialized("SELECT ?o WHERE { <http://x/a> ?p ?o }", fmt)
    assert check(out)


def test_store_construct_serializes_as_turtle_and_round_trips(tmp_path: Path) -> None:
    from rdflib import Graph
    from rdflib.compare import isomorphic

    store = GraphStore(tmp_path / "s")
    store.replace(NT)
    turtle = store.query_serialized("CONSTRUCT WHERE { ?s ?p ?o }", "turtle")
    expected = Graph().parse(data=NT.decode(), format="nt")
    assert isomorphic(Graph().parse(data=turtle, format="turtle"), expected)
    with pytest.raises(QueryError):
        store.query_serialized("CONSTRUCT WHERE { ?s ?p ?o }", "json")
