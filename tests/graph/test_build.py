from __future__ import annotations

from importlib import resources

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDF

from kg.graph.build import documents_graph
from kg.graph.vocab import KG
from kg.ingest import load_document


@pytest.fixture(scope="module")
def seed_graph() -> Graph:
    from tests.conftest import SEED

    return documents_graph([load_document(SEED)])


def test_build_seed_has_one_document_and_18_topics(seed_graph: Graph) -> None:
    assert len(set(seed_graph.subjects(RDF.type, KG.Document))) == 1
    assert len(set(seed_graph.subjects(RDF.type, KG.Topic))) == 18
    assert len(set(seed_graph.subjects(RDF.type, KG.Section))) == 83


def test_build_graph_validates_against_the_shipped_shapes(seed_graph: Graph) -> None:
    from pyshacl import validate

    shapes = Graph().parse(
        data=resources.files("kg").joinpath("shapes.ttl").read_text(), format="turtle"
    )
    conforms, _, report = validate(seed_graph, shacl_graph=shapes)
    assert conforms, report


def test_build_shapes_catch_a_broken_section(seed_graph: Graph) -> None:
    from pyshacl import validate

    broken = Graph()
    for triple in seed_graph:
        if triple[1] != KG.lineStart:
            broken.add(triple)
    shapes = Graph().parse(
        data=resources.files("kg").joinpath("shapes.ttl").read_text(), format="turtle"
    )
    conforms, _, _ = validate(broken, shacl_graph=shapes)
    assert not conforms


@pytest.mark.parametrize("fmt", ["turtle", "nt", "xml", "json-ld", "n3"])
def test_build_graph_round_trips_through_every_serialization(seed_graph: Graph, fmt: str) -> None:
    text = seed_graph.serialize(format=fmt)
    again = Graph().parse(data=text, format=fmt)
    if not isomorphic(seed_graph, again):
        _, only_a, only_b = graph_diff(to_isomorphic(seed_graph), to_isomorphic(again))
        pytest.fail(f"{fmt}: lost {len(only_a)} triples, gained {len(only_b)}")


def test_build_is_deterministic(seed_graph: Graph) -> None:
    from tests.conftest import SEED

    assert isomorphic(seed_graph, documents_graph([load_document(SEED)]))
