"""The W3C SPARQL 1.1 Protocol tests, run from their manifest against a real `kg serve`.

The manifest and its data are copied from w3c/rdf-tests with their license
(`tests/conformance/sparql11-protocol/`). Each test's HTTP requests are sent as written — method,
path, headers, body in its declared encoding — to an endpoint over a temporary store holding
the manifest's graph data as named graphs (the union of every test's `ut:graphData`; no test
expects a graph to be missing). Query-side tests must pass as the manifest says. The endpoint
is read-only, so every update-side request (an update operation, by form, by body or by URL)
must be refused with a 4xx and the JSON error shape, and the tests that only check the effect
of an update are reported as refused.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from kg.graph.generations import GRAPH, go_live, write_generation
from kg.serve import make_server, serve

HERE = Path(__file__).resolve().parent / "conformance" / "sparql11-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")

RESULT_TYPES = {
    "boolean": ("application/sparql-results+json", "application/sparql-results+xml"),
    "tabular": (
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ),
    "RDF": ("text/turtle", "application/n-triples", "application/rdf+xml"),
}
RDFLIB_FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt"}
RDFLIB_FORMATS["application/rdf+xml"] = "xml"


@dataclass(frozen=True)
class Step:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: frozenset[int]  # the accepted status classes: 2, 3, 4
    result_format: str | None = None
    boolean: bool | None = None

    @property
    def is_update(self) -> bool:
        kind = self.headers.get("content-type", "")
        text = (self.body or b"").decode("utf-8", errors="replace")
        return "sparql-update" in kind or text.startswith("update=") or "?update=" in self.path


@dataclass(frozen=True)
class Case:
    name: str
    steps: tuple[Step, ...]
    graphs: dict[str, Path] = field(default_factory=dict)

    @property
    def update_side(self) -> bool:
        return "update" in self.name


def _manifest() -> tuple[list[Case], dict[str, Path]]:
    g = Graph().parse(HERE / "manifest.ttl", format="turtle", publicID=HERE.as_uri() + "/")
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    cases, graphs = [], {}
    for test in Collection(g, g.value(manifest, MF.entries)):
        data = {}
        for node in g.objects(test, UT.graphData):
            data[str(g.value(node, RDFS.label))] = Path(str(g.value(node, UT.graph))[7:])
        graphs.update(data)
        requests = g.value(g.value(test, MF.action), HT.requests)
        steps = tuple(_step(g, r) for r in Collection(g, requests))
        cases.append(Case(str(test).split("#")[-1], steps, data))
    return cases, graphs


def _step(g: Graph, request: URIRef) -> Step:
    headers = {}
    for header in Collection(g, g.value(request, HT.headers) or RDF.nil):
        headers[str(g.value(header, HT.fieldName)).lower()] = str(g.value(header, HT.fieldValue))
    body = g.value(request, HT.body)
    payload = None
    if body is not None:
        encoding = str(g.value(body, CNT.characterEncoding) or "UTF-8")
        payload = str(g.value(body, CNT.chars)).encode(encoding)
    response = g.value(request, HT.resp)
    statuses = frozenset(
        int(str(s).rsplit("StatusCode", 1)[1][0]) for s in g.objects(response, MF.expectedStatus)
    )
    fmt = g.value(response, MF.expectedFormat)
    boolean = g.value(response, MF.expectedBoolean)
    return Step(
        method=str(g.value(request, HT.methodName)),
        path=str(g.value(request, HT.absolutePath)),
        headers=headers,
        body=payload,
        statuses=statuses,
        result_format=None if fmt is None else str(fmt),
        boolean=None if boolean is None else bool(boolean.toPython()),
    )


CASES, GRAPHS = _manifest()


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """`kg serve` over a store holding the manifest's graph data, each in its named graph."""
    folder = tmp_path_factory.mktemp("w3c") / "store"
    folder.mkdir()
    quads = []
    for name, path in GRAPHS.items():
        triples = ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES)
        quads += [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name)) for t in triples]

    def fill(gen: Path) -> None:
        store = ox.Store(str(gen / GRAPH))
        store.extend(quads)
        store.flush()
        del store

    go_live(folder, write_generation(folder, fill))
    server = make_server(folder, port=0, timeout=5.0, workers=1)
    serve(server, background=True)
    yield server.server_address
    server.shutdown()
    server.server_close()


def send(address: tuple[str, int], step: Step) -> tuple[int, str, bytes]:
    """Status, media type and body of one request, sent as the manifest has it, its path
    prefix `/sparql/` replaced with the endpoint's path (as the manifest asks a runner to)."""
    path = "/sparql" + step.path.removeprefix("/sparql/")
    conn = http.client.HTTPConnection(*address, timeout=30)
    try:
        conn.request(step.method, path, body=step.body, headers=step.headers)
        response = conn.getresponse()
        media = (response.getheader("Content-Type") or "").split(";")[0].strip()
        return response.status, media, response.read()
    finally:
        conn.close()


def check_refused(status: int, media: str, body: bytes) -> None:
    """A 4xx with the endpoint's one JSON error shape."""
    assert 400 <= status < 500, status
    assert media == "application/json"
    error = json.loads(body)["error"]
    assert error["status"] == status and error["type"] and error["message"]


def check_answer(step: Step, status: int, media: str, body: bytes) -> None:
    assert status // 100 in step.statuses, (status, body[:300])
    if status // 100 == 4:
        check_refused(status, media, body)
    if step.result_format is not None:
        assert media in RESULT_TYPES[step.result_format], media
        if step.result_format == "RDF":
            Graph().parse(data=body.decode("utf-8"), format=RDFLIB_FORMATS[media])
    if step.boolean is not None:
        if media == "application/sparql-results+json":
            assert json.loads(body)["boolean"] is step.boolean
        else:
            assert f"<boolean>{str(step.boolean).lower()}</boolean>" in body.decode()


@pytest.mark.parametrize("case", [c for c in CASES if not c.update_side], ids=lambda c: c.name)
def test_w3c_protocol_query(endpoint: tuple[str, int], case: Case) -> None:
    for step in case.steps:
        check_answer(step, *send(endpoint, step))


@pytest.mark.parametrize("case", [c for c in CASES if c.update_side], ids=lambda c: c.name)
def test_w3c_protocol_update_is_refused(endpoint: tuple[str, int], case: Case) -> None:
    bad = case.name.startswith("bad_")  # each of its requests is malformed: all refused
    updates = [step for step in case.steps if bad or step.is_update]
    assert updates, "an update-side test sends an update"
    for step in updates:
        check_refused(*send(endpoint, step))


def test_w3c_manifest_is_read_whole() -> None:
    """Every entry of the manifest is run: 20 query-side tests, 14 update-side ones."""
    assert len(CASES) == 34
    assert sum(not c.update_side for c in CASES) == 20
    assert set(GRAPHS) == {f"http://kasei.us/2009/09/sparql/data/data{i}.rdf" for i in (1, 2, 3)}
