"""The SPARQL endpoint over real HTTP on 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest

from kg import api
from kg.graph.store import GraphStore
from kg.serve import make_server, serve
from tests.conftest import SEED

QUERY = "SELECT ?l WHERE { ?c a kg:Concept ; skos:prefLabel ?l } ORDER BY ?l LIMIT 3"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = tmp_path_factory.mktemp("serve") / "store"
    api.build([SEED], store=store)
    server = make_server(store, port=0, timeout=3.0, max_rows=5)
    serve(server, background=True)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def call(
    url: str, data: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, Message, str]:
    """Status, headers (names case-insensitive, as HTTP has them) and body of a request."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as r:
            return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read().decode()


def get(endpoint: str, query: str, accept: str = "") -> tuple[int, Message, str]:
    url = f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": query})
    return call(url, headers={"Accept": accept} if accept else {})


def test_serve_get_post_form_and_direct_post_agree(endpoint: str) -> None:
    _, _, by_get = get(endpoint, QUERY)
    form = urllib.parse.urlencode({"query": QUERY}).encode()
    _, _, by_form = call(
        f"{endpoint}/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    _, _, direct = call(
        f"{endpoint}/sparql", QUERY.encode(), {"Content-Type": "application/sparql-query"}
    )
    rows = json.loads(by_get)["results"]["bindings"]
    assert len(rows) == 3 and rows[0]["l"]["value"]
    assert json.loads(by_form) == json.loads(direct) == json.loads(by_get)


@pytest.mark.parametrize(
    ("accept", "content_type", "check"),
    [
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
            lambda b: json.loads(b)["head"]["vars"] == ["l"],
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            lambda b: '<variable name="l"/>' in b,
        ),
        ("text/csv", "text/csv", lambda b: b.splitlines()[0] == "l" and len(b.splitlines()) == 4),
        (
            "text/tab-separated-values",
            "text/tab-separated-values",
            lambda b: b.splitlines()[0] == "?l",
        ),
    ],
)
def test_serve_result_formats(endpoint: str, accept: str, content_type: str, check) -> None:  # type: ignore[no-untyped-def]
    status, headers, body = get(endpoint, QUERY, accept)
    assert status == 200 and headers["Content-Type"].startswith(content_type)
    assert check(body)


def test_serve_construct_as_turtle(endpoint: str) -> None:
    status, headers, body = get(
        endpoint, "CONSTRUCT { ?c a kg:Concept } WHERE { ?c a kg:Concept } LIMIT 2", "text/turtle"
    )
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert "Concept" in body


def test_serve_caps_rows_and_says_so(endpoint: str) -> None:
    status, headers, body = get(endpoint, "SELECT ?c WHERE { ?c a kg:Concept }")
    assert status == 200 and headers.get("X-KG-Truncated") == "true"
    assert len(json.loads(body)["results"]["bindings"]) == 5


@pytest.mark.parametrize(
    "query",
    [
        "SELECT nonsense",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "SELECT * FROM <http://127.0.0.1:9/data> WHERE { ?s ?p ?o }",
        "LOAD <http://127.0.0.1:9/data>",
    ],
)
def test_serve_refusals_have_one_json_shape(endpoint: str, query: str) -> None:
    status, headers, body = get(endpoint, query)
    assert status == 400 and headers["Content-Type"] == "application/json"
    error = json.loads(body)["error"]
    assert error["status"] == 400 and error["type"] == "QueryError" and error["message"]


def test_serve_update_form_field_is_refused(endpoint: str) -> None:
    form = urllib.parse.urlencode({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}).encode()
    status, _, body = call(
        f"{endpoint}/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 400 and "update" in json.loads(body)["error"]["message"]


def test_serve_service_never_reaches_a_listener(endpoint: str) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(1.0)
    port = listener.getsockname()[1]
    hits: list[object] = []

    def accept() -> None:
        with contextlib.suppress(OSError):
            hits.append(listener.accept())

    thread = threading.Thread(target=accept)
    thread.start()
    for keyword in ("SERVICE", "\\u0053ERVICE"):
        status, _, _ = get(
            endpoint,
            f"SELECT * WHERE {{ {keyword} <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        )
        assert status == 400
    thread.join()
    listener.close()
    assert hits == []


def test_serve_kills_a_runaway_query_and_keeps_serving(tmp_path: Path) -> None:
    store = tmp_path / "big"
    triples = "".join(f"<urn:s{i}> <urn:p{i % 7}> <urn:o{i % 101}> .\n" for i in range(20_000))
    GraphStore(store).replace(triples.encode())
    server = make_server(store, port=0, timeout=1.0)
    serve(server, background=True)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        # the workers are up (make_server waits for them), so the clock measures the query
        started = time.monotonic()
        status, _, body = get(
            url, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        )
        assert status == 503 and json.loads(body)["error"]["type"] == "QueryTimeoutError"
        assert time.monotonic() - started < 1.0 + 1.0  # the bound: deadline plus 1 s
        status, _, body = get(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert status == 200, body
        assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "20000"
    finally:
        server.shutdown()
        server.server_close()


def test_serve_health_and_page(endpoint: str) -> None:
    assert call(f"{endpoint}/health")[0] == 200
    status, _headers, body = call(f"{endpoint}/")
    assert status == 200 and "<form" in body and "http" not in body.replace("http-equiv", "")
    assert call(f"{endpoint}/nope")[0] == 404


def test_serve_ask_as_json_and_xml(endpoint: str) -> None:
    status, _, body = get(endpoint, "ASK { ?t a kg:Topic }")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, headers, body = get(endpoint, "ASK { ?t a kg:Topic }", "application/sparql-results+xml")
    assert headers["Content-Type"].startswith("application/sparql-results+xml")
    assert "<boolean>true</boolean>" in body


def test_serve_workers_follow_a_rebuild(tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    store = tmp_path / "store"
    first = write("a/one.md", "# One\n\n# Two\n")
    api.build([first], store=store)
    server = make_server(store, port=0, workers=1)
    serve(server, background=True)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    count = "SELECT (COUNT(?t) AS ?n) WHERE { ?t a kg:Topic }"
    try:
        assert json.loads(get(url, count)[2])["results"]["bindings"][0]["n"]["value"] == "2"
        api.build([write("b/three.md", "# A\n\n# B\n\n# C\n")], store=store)
        assert json.loads(get(url, count)[2])["results"]["bindings"][0]["n"]["value"] == "3"
    finally:
        server.shutdown()
        server.server_close()
