"""`kg validate` and `kg export` on the seed's graph."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from kg import api
from kg.cli import cli
from kg.graph.validate import validate_graph
from kg.graph.vocab import KG
from tests.conftest import SEED


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("validate") / "store"
    api.build([SEED], store=path)
    return path


def test_validate_seed_graph_conforms(store: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", "--store", str(store)])
    assert result.exit_code == 0 and "conforms" in result.stdout


def test_validate_relation_without_evidence_fails(store: Path) -> None:
    graph = api.graph(store=store)
    (s, o) = next((s, o) for s, _, o in graph.triples((None, KG.requires, None)))
    for node in list(graph.subjects(RDF.subject, s)):
        if (node, RDF.object, o) in graph:
            for triple in list(graph.triples((node, None, None))):
                graph.remove(triple)
    result = validate_graph(graph)
    assert not result.conforms and result.violations >= 1
    assert "without an assertion" in result.report


@pytest.mark.parametrize(
    ("fmt", "rdflib_format"), [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")]
)
def test_export_round_trips(store: Path, fmt: str, rdflib_format: str) -> None:
    text = api.export(fmt, store=store)
    assert isomorphic(Graph().parse(data=text, format=rdflib_format), api.graph(store=store))


def test_export_graphml_for_graph_tools(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "kg.graphml"
    result = CliRunner().invoke(
        cli, ["export", "--format", "graphml", "-o", str(out), "--store", str(store)]
    )
    assert result.exit_code == 0
    graph = nx.read_graphml(out)
    labels = {data.get("label") for _, data in graph.nodes(data=True)}
    assert "score_batch" in labels and graph.number_of_edges() > 100


def test_sparql_reads_the_query_from_stdin(store: Path) -> None:
    result = CliRunner().invoke(
        cli, ["sparql", "--format", "json", "--store", str(store)],
        input="SELECT (COUNT(?t) AS ?n) WHERE { ?t a kg:Topic }",
    )  # fmt: skip
    assert json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"] == "18"
