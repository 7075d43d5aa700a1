"""The graph built from the seed notes: golden relations, evidence, one concept per name."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import RDF, SKOS

from kg.extract import Extraction, extract
from kg.graph.build import documents_graph
from kg.graph.knowledge import add_extraction
from kg.graph.vocab import KG
from kg.ingest import Document, load_document
from tests.conftest import SEED

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "seed_relations.ttl"
RELATIONS = [KG.requires, KG.differsFrom, KG.methodOf, KG.partOf, KG.alternativeTo]


@pytest.fixture(scope="module")
def seed() -> Document:
    return load_document(SEED)


@pytest.fixture(scope="module")
def extraction(seed: Document) -> Extraction:
    return extract([seed])


@pytest.fixture(scope="module")
def graph(seed: Document, extraction: Extraction) -> Graph:
    g = documents_graph([seed])
    add_extraction(g, extraction)
    return g


def test_seed_golden_relations_are_all_in_the_graph(graph: Graph) -> None:
    expected = Graph().parse(GOLDEN, format="turtle")
    actual = Graph()
    for triple in graph.triples((None, None, None)):
        if triple[1] in {
            KG[p]
            for p in (
                "requires",
                "differsFrom",
                "methodOf",
                "partOf",
                "alternativeTo",
                "produces",
                "usedFor",
            )
        }:
            actual.add(triple)
    _, missing, _ = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    assert not list(missing), "missing:\n" + "\n".join(
        f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in sorted(missing)
    )


def test_seed_every_relation_has_an_assertion_with_evidence_on_its_line(
    graph: Graph, seed: Document
) -> None:
    for predicate in RELATIONS:
        for s, _, o in graph.triples((None, predicate, None)):
            nodes = [
                a
                for a in graph.subjects(RDF.subject, s)
                if (a, RDF.predicate, predicate) in graph and (a, RDF.object, o) in graph
            ]
            assert nodes, f"no assertion for {s} {predicate} {o}"
            for node in nodes:
                line = int(graph.value(node, KG.line))
                text = str(graph.value(node, KG.evidence))
                assert text and text in seed.lines[line - 1], (s, predicate, o, line)


@pytest.mark.parametrize(
    "label", ["fs.log_model", "score_batch", "Unity Catalog", "set_registered_model_alias"]
)
def test_seed_one_concept_per_name(graph: Graph, label: str) -> None:
    holders = {
        c
        for prop in (SKOS.prefLabel, SKOS.altLabel)
        for c, _, lit in graph.triples((None, prop, None))
        if isinstance(lit, Literal) and str(lit) == label
    }
    assert len(holders) == 1, holders


def test_seed_log_model_variants_stay_apart(extraction: Extraction) -> None:
    by_label = {c.label: c for c in extraction.concepts}
    assert "mlflow.sklearn.log_model" in by_label
    fs = next(c for c in extraction.concepts if "fs.log_model" in (c.label, *c.alt_labels))
    assert by_label["mlflow.sklearn.log_model"].key != fs.key


def test_seed_concepts_have_definitions_and_examples(extraction: Extraction) -> None:
    by_label = {c.label: c for c in extraction.concepts}
    runtime = by_label["ML Runtime"]
    assert any("preconfigurado" in d for d, _ in runtime.definitions)
    score = next(c for c in extraction.concepts if "fs.score_batch" in (c.label, *c.alt_labels))
    assert any("fs.score_batch(" in code for code, _ in score.examples)


def test_seed_comparisons_keep_each_side(extraction: Extraction) -> None:
    labels = {c.key: c.label for c in extraction.concepts}
    online = next(c for c in extraction.comparisons if labels[c.left] == "Feature Tables Offline")
    latency = next(a for a in online.aspects if a.name == "Velocidad de acceso")
    assert "baja latencia" in latency.right and "Más lento" in latency.left
    assert latency.line == 488


def test_seed_full_graph_validates_against_the_shipped_shapes(graph: Graph) -> None:
    from importlib import resources

    from pyshacl import validate

    shapes = Graph().parse(
        data=resources.files("kg").joinpath("shapes.ttl").read_text(), format="turtle"
    )
    conforms, _, report = validate(graph, shacl_graph=shapes, ont_graph=None, inference="none")
    assert conforms, report


def test_seed_shapes_reject_an_assertion_without_evidence(graph: Graph) -> None:
    from importlib import resources

    from pyshacl import validate

    broken = Graph()
    for triple in graph:
        if triple[1] != KG.evidence:
            broken.add(triple)
    shapes = Graph().parse(
        data=resources.files("kg").joinpath("shapes.ttl").read_text(), format="turtle"
    )
    conforms, _, _ = validate(broken, shacl_graph=shapes, inference="none")
    assert not conforms
