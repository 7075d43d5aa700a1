"""The endpoint's edges: Host and Origin, every method, malformed and slow requests, the
protocol's dataset, base IRI, content negotiation, chunked bodies, charsets, the Service
Description — each answered as the protocol says, every error in the one JSON shape."""

from __future__ import annotations

import http.client
import json
import socket
import sys
import time
import urllib.parse
from collections.abc import Iterator

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

from kg.graph.store import GraphStore
from kg.serve import app as serve_app
from kg.serve import http as serve_http
from kg.serve import make_server, serve

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
NT = "".join(f"<http://x/s{i}> <http://x/p> <http://x/o{i}> .\n" for i in range(20))


@pytest.fixture(scope="module")
def address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    store = tmp_path_factory.mktemp("edges") / "store"
    GraphStore(store).replace(NT.encode())
    server = make_server(store, port=0, timeout=5.0, max_rows=5, workers=1)
    serve(server, background=True)
    yield server.server_address
    server.shutdown()
    server.server_close()


def request(
    address: tuple[str, int],
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, http.client.HTTPMessage, bytes]:
    conn = http.client.HTTPConnection(*address, timeout=20)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def raw(address: tuple[str, int], data: bytes, wait: float = 20.0) -> bytes:
    """What the server answers to bytes sent as they are, until it closes."""
    with socket.create_connection(address, timeout=wait) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def json_error(
    expected: int, status: int, headers: http.client.HTTPMessage, body: bytes
) -> dict[str, object]:
    """The error of a response that must have status `expected`, in the one JSON shape."""
    assert status == expected and headers["Content-Type"] == "application/json"
    error: dict[str, object] = json.loads(body)["error"]
    assert error["status"] == status and error["type"] and error["message"]
    return error


def raw_error(answer: bytes) -> tuple[int, dict[str, object]]:
    head, _, body = answer.partition(b"\r\n\r\n")
    status = int(head.split()[1])
    assert b"content-type: application/json" in head.lower()
    error: dict[str, object] = json.loads(body)["error"]
    assert error["status"] == status
    return status, error


def query_path(query: str, **params: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": query, **params})


ASK = query_path("ASK { ?s ?p ?o }")


# -- who may ask ------------------------------------------------------------------------
@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]", "LOCALHOST"])
def test_loopback_names_are_this_endpoint(address: tuple[str, int], host: str) -> None:
    status, _, _ = request(address, "GET", ASK, headers={"Host": f"{host}:{address[1]}"})
    assert status == 200


@pytest.mark.parametrize(
    "host", ["attacker.example", "attacker.example:80", "10.0.0.1", "localhost:1> a <x"]
)
def test_other_hosts_are_refused(address: tuple[str, int], host: str) -> None:
    """A DNS-rebinding page reaches 127.0.0.1 with its own name in Host."""
    status, headers, body = request(address, "GET", ASK, headers={"Host": host})
    assert status == 403 and "Host" in str(json_error(403, status, headers, body)["message"])


def test_cross_origin_requests_are_refused(address: tuple[str, int]) -> None:
    form = urllib.parse.urlencode({"query": "ASK {}"}).encode()
    kind = {"Content-Type": "application/x-www-form-urlencoded"}
    for origin in ("http://attacker.example", "null", "http://localhost:1"):
        status, headers, body = request(
            address, "POST", "/sparql", form, {**kind, "Origin": origin}
        )
        assert status == 403, origin
        json_error(403, status, headers, body)
    status, headers, body = request(address, "GET", ASK, headers={"Sec-Fetch-Site": "cross-site"})
    assert status == 403
    own = f"http://127.0.0.1:{address[1]}"
    assert request(address, "POST", "/sparql", form, {**kind, "Origin": own})[0] == 200


# -- every method, every malformed request: the JSON shape ----------------------------------
@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"])
def test_other_methods_get_405_with_allow(address: tuple[str, int], method: str) -> None:
    status, headers, body = request(address, method, ASK)
    assert status == 405 and set(headers["Allow"].split(", ")) == {"GET", "HEAD", "POST"}
    json_error(405, status, headers, body)


def test_head_is_a_get_without_the_body(address: tuple[str, int]) -> None:
    got = request(address, "GET", ASK)
    head = request(address, "HEAD", ASK)
    assert head[0] == got[0] == 200 and head[2] == b""
    assert head[1]["Content-Type"] == got[1]["Content-Type"]
    assert head[1]["Content-Length"] == str(len(got[2]))


def test_unknown_paths_are_404_in_json(address: tuple[str, int]) -> None:
    status, headers, body = request(address, "GET", "/nowhere")
    json_error(404, status, headers, body)


@pytest.mark.parametrize("size", [40_000, 100_000])
def test_an_oversize_url_is_414_in_json(address: tuple[str, int], size: int) -> None:
    path = query_path("ASK { FILTER(?x != '" + "a" * size + "') }")
    answer = raw(address, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    status, error = raw_error(answer)
    assert status == 414 and "POST" in str(error["message"])


def test_an_oversize_head_is_431_in_json(address: tuple[str, int]) -> None:
    headers = "".join(f"X-Filler-{i}: {'b' * 100}\r\n" for i in range(1000))
    answer = raw(address, f"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}\r\n".encode())
    assert raw_error(answer)[0] == 431


@pytest.mark.parametrize(
    "data",
    [
        b"GARBAGE\r\n\r\n",
        b"BREW /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",  # a method no parser knows
        b"\x00\x01 / HTTP/1.1\r\n\r\n",
        b"GET /sp arql HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\nASK {}",
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\nASK {}",
        b"GET /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n",
    ],
)
def test_malformed_requests_are_400_in_json(address: tuple[str, int], data: bytes) -> None:
    started = time.monotonic()
    status, _ = raw_error(raw(address, data))
    assert status == 400
    assert time.monotonic() - started < 5  # answered, not left hanging


def test_a_body_over_the_cap_is_413(address: tuple[str, int]) -> None:
    body = b"ASK {}" + b" " * (serve_app.MAX_BODY + 1)
    status, headers, answer = request(
        address, "POST", "/sparql", body, {"Content-Type": "application/sparql-query"}
    )
    json_error(413, status, headers, answer)


def test_slow_clients_are_cut_off(address: tuple[str, int], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A head or a body that does not arrive in time gets 408 and the connection closes."""
    monkeypatch.setattr(serve_http, "HEAD_TIMEOUT", 0.5)
    monkeypatch.setattr(serve_app, "BODY_TIMEOUT", 0.5)
    status, _ = raw_error(raw(address, b"GET /sparql?query=ASK HTTP/1.1\r\nHost: 1", wait=10))
    assert status == 408
    head = b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
    slow_body = head + b"Content-Length: 100\r\n\r\nASK {"
    status, _ = raw_error(raw(address, slow_body, wait=10))
    assert status == 408


# -- the protocol ---------------------------------------------------------------------------
def test_a_default_graph_that_is_empty_answers_nothing(address: tuple[str, int]) -> None:
    """The dataset the request names is the one queried (it used to be ignored)."""
    empty = query_path("ASK { ?s ?p ?o }", **{"default-graph-uri": "http://x/none"})
    status, _, body = request(address, "GET", empty)
    assert status == 200 and json.loads(body)["boolean"] is False
    named = query_path("ASK { GRAPH ?g { ?s ?p ?o } }", **{"named-graph-uri": "http://x/none"})
    assert json.loads(request(address, "GET", named)[2])["boolean"] is False
    assert json.loads(request(address, "GET", ASK)[2])["boolean"] is True


def test_a_dataset_iri_must_be_absolute(address: tuple[str, int]) -> None:
    status, headers, body = request(
        address, "GET", query_path("ASK {}", **{"default-graph-uri": "not an iri"})
    )
    json_error(400, status, headers, body)


def test_relative_iris_resolve_against_the_endpoint(address: tuple[str, int]) -> None:
    path = query_path("CONSTRUCT { <s> <p> 1 } WHERE {}")
    status, _, body = request(address, "GET", path, headers={"Accept": "application/n-triples"})
    assert status == 200
    assert body.decode().startswith(f"<http://127.0.0.1:{address[1]}/s>")


def test_construct_output_is_capped(address: tuple[str, int]) -> None:
    path = query_path("CONSTRUCT WHERE { ?s ?p ?o }")
    status, headers, body = request(address, "GET", path, headers={"Accept": "text/turtle"})
    assert status == 200 and headers["X-KG-Truncated"] == "true"
    assert len(Graph().parse(data=body.decode(), format="turtle")) == 5


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+xml;q=0.2, text/csv;q=0.9", "text/csv"),
        ("text/csv;q=0.5, application/sparql-results+json", "application/sparql-results+json"),
        ("text/*;q=0.9, application/sparql-results+json;q=0.1", "text/csv"),
        ("application/sparql-results+json;q=0, */*;q=0.5", "application/sparql-results+xml"),
        ("text/html", "application/sparql-results+json"),
    ],
)
def test_content_negotiation_weighs_q_values(
    address: tuple[str, int], accept: str, media: str
) -> None:
    path = query_path("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
    status, headers, _ = request(address, "GET", path, headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].split(";")[0] == media


def test_a_query_and_an_update_together_get_one_clear_400(address: tuple[str, int]) -> None:
    both = "/sparql?" + urllib.parse.urlencode({"query": "ASK {}", "update": "CLEAR ALL"})
    status, headers, body = request(address, "GET", both)
    assert "not both" in str(json_error(400, status, headers, body)["message"])
    status, headers, body = request(address, "GET", "/sparql?update=CLEAR%20ALL")
    assert "read-only" in str(json_error(400, status, headers, body)["message"])


def test_chunked_bodies_are_read(address: tuple[str, int]) -> None:
    conn = http.client.HTTPConnection(*address, timeout=20)
    try:
        headers = {"Content-Type": "application/sparql-query", "Transfer-Encoding": "chunked"}
        body = iter([b"ASK ", b"{ ?s ?p ?o }"])
        conn.request("POST", "/sparql", body=body, headers=headers, encode_chunked=True)
        response = conn.getresponse()
        assert response.status == 200 and json.loads(response.read())["boolean"] is True
    finally:
        conn.close()


def test_the_body_charset_is_read(address: tuple[str, int]) -> None:
    query = "ASK { FILTER('é' = 'é') }"
    utf8 = {"Content-Type": "application/sparql-query; charset=UTF-8"}
    status, _, body = request(address, "POST", "/sparql", query.encode(), utf8)
    assert status == 200 and json.loads(body)["boolean"] is True
    latin = {"Content-Type": "application/sparql-query; charset=ISO-8859-1"}
    status, headers, body = request(address, "POST", "/sparql", query.encode("latin-1"), latin)
    assert "UTF-8" in str(json_error(415, status, headers, body)["message"])


def test_the_service_description_is_at_the_endpoint(address: tuple[str, int]) -> None:
    status, headers, body = request(address, "GET", "/sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=body.decode(), format="turtle")
    service = URIRef(f"http://127.0.0.1:{address[1]}/sparql")
    assert (service, RDF.type, SD.Service) in graph
    assert set(graph.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query}
    formats = {str(f).rsplit("/", 1)[1] for f in graph.objects(service, SD.resultFormat)}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_XML", "Turtle"} <= formats
    status, headers, body = request(address, "GET", "/sparql", headers={"Accept": "text/html"})
    assert status == 200 and b"<form" in body


@pytest.mark.parametrize(
    "query",
    ["SELECT ?from WHERE { ?from ?p ?o } LIMIT 1", "SELECT ?s WHERE { ?s kg:service ?o }"],
)
def test_queries_the_text_filter_refused_now_run(address: tuple[str, int], query: str) -> None:
    status, _, body = request(address, "GET", query_path(query))
    assert status == 200 and "results" in json.loads(body)


def test_health_says_what_keeps_the_workers_off_the_network(address: tuple[str, int]) -> None:
    status, _, body = request(address, "GET", "/health")
    health = json.loads(body)
    assert status == 200 and health["status"] == "ok"
    assert set(health["isolation"]) <= {"network namespace", "seccomp"}
    if sys.platform.startswith("linux"):
        assert health["isolation"]  # this machine allows at least the seccomp filter
