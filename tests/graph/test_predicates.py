"""One table of predicates (`kg/data/predicates.toml`): the vocabulary, the ontology, the shapes
and the app's relation list are generated from it, and what is written by hand (extraction's
`Predicate`, the components template) is checked against it, so none of them can drift."""

from __future__ import annotations

import re
from typing import get_args

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from kg import api
from kg.extract.model import Predicate
from kg.extract.predicates import Relation, cue_groups, relations
from kg.graph.build import ontology_graph
from kg.graph.validate import shapes_graph, validate_graph
from kg.graph.vocab import KG, KG_IRI, RELATIONS
from kg.lang import LANGUAGES
from kg.qa.templates import TEMPLATES
from kg.ui.text import RELATION_WORDS

NAMES = [r.name for r in relations()]
ROOT = next(r.name for r in relations() if r.root)
ASSERTED = [r.name for r in relations() if not r.root]


def iri(name: str) -> URIRef:
    return URIRef(KG_IRI + name)


def test_predicates_one_root_and_every_cue_group_names_a_relation() -> None:
    assert [r.name for r in relations() if r.root] == [ROOT]
    assert {g.predicate for g in cue_groups()} <= {*ASSERTED, "none"}


def test_predicates_extraction_writes_only_relations_of_the_table() -> None:
    assert set(get_args(Predicate)) <= set(NAMES)


def test_predicates_the_vocabulary_knows_every_relation_and_no_other() -> None:
    assert [KG[name] for name in NAMES] == [iri(name) for name in NAMES]
    with pytest.raises(AttributeError):
        KG["notARelation"]
    assert RELATIONS == tuple(ASSERTED) == api.RELATIONS


@pytest.mark.parametrize("relation", relations(), ids=NAMES)
def test_predicates_the_ontology_has_each_relation(relation: Relation) -> None:
    graph = ontology_graph()
    node = iri(relation.name)
    assert (node, RDF.type, OWL.ObjectProperty) in graph
    assert ((node, RDF.type, OWL.SymmetricProperty) in graph) == relation.symmetric
    assert ((node, RDFS.subPropertyOf, iri(ROOT)) in graph) != relation.root
    labels = set(graph.objects(node, RDFS.label))
    assert labels == {Literal(relation.label(lang), lang=lang) for lang in LANGUAGES}


def test_predicates_the_ontology_has_no_other_relation() -> None:
    graph = ontology_graph()
    assert set(graph.subjects(RDFS.subPropertyOf, iri(ROOT))) == {iri(n) for n in ASSERTED}


def test_predicates_the_shapes_name_every_relation() -> None:
    shapes = shapes_graph()
    allowed = [
        list(Collection(shapes, values))
        for prop in shapes.objects(iri("AssertionShape"), SH.property)
        if (prop, SH.path, RDF.predicate) in shapes
        for values in shapes.objects(prop, SH["in"])
    ]
    assert allowed == [[iri(n) for n in NAMES]]
    targets = set(shapes.objects(iri("RelationEvidenceShape"), SH.targetSubjectsOf))
    assert targets == {iri(n) for n in ASSERTED}


def _assertion(a: BNode | URIRef) -> Graph:
    """A graph of two concepts and the assertion `a` between them, its predicate unset."""
    graph = Graph()
    s, o = URIRef("urn:s"), URIRef("urn:o")
    for concept in (s, o):
        graph.add((concept, RDF.type, KG.Concept))
        graph.add((concept, SKOS.prefLabel, Literal(str(concept))))
        graph.add((concept, KG.kind, Literal("term")))
    graph.add((a, RDF.type, KG.Assertion))
    graph.add((a, RDF.subject, s))
    graph.add((a, RDF.object, o))
    return graph


def test_predicates_an_assertion_of_a_relation_not_in_the_table_is_invalid() -> None:
    a = BNode()
    graph = _assertion(a)
    for predicate, conforms in ((iri(ASSERTED[0]), None), (iri("notARelation"), False)):
        graph.set((a, RDF.predicate, predicate))
        result = validate_graph(graph)
        assert ("InConstraintComponent" in result.report) == (conforms is False)


def test_predicates_the_components_template_lists_the_components_relations() -> None:
    query = TEMPLATES["parts"].query
    # the table of where the concept stands in each relation: (rdf:object kg:partOf ...)
    branches = re.findall(r"\(rdf:(subject|object) kg:(\w+) rdf:\w+ \"\w+\"\)", query)
    assert {(name, side) for side, name in branches} == {
        (r.name, r.components) for r in relations() if r.components
    }
    # and the path that tells whether the concept stands in any of them at all: a relation
    # missing there would never be read
    (path,) = re.findall(r"\?x (\S+) \?c", query)
    sides = {"": "object", "^": "subject"}
    assert {(name, sides[way]) for way, name in re.findall(r"(\^?)kg:(\w+)", path)} == {
        (r.name, r.components) for r in relations() if r.components
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_predicates_the_app_reads_every_relation_in_every_language(lang: str) -> None:
    assert set(NAMES) <= set(RELATION_WORDS[lang])
    assert all(RELATION_WORDS[lang][name] for name in NAMES)


def test_predicates_an_ordered_relation_needs_a_position() -> None:
    ordered = [r.name for r in relations() if r.ordered]
    assert set(ordered) >= {"hasStep", "hasMember"}
    a = URIRef("urn:a")
    graph = _assertion(a)
    graph.add((a, RDF.predicate, iri("hasStep")))
    assert "OrderedAssertionShape" in validate_graph(graph).report
    graph.add((a, KG.position, Literal(2)))
    assert "OrderedAssertionShape" not in validate_graph(graph).report
    graph.set((a, RDF.predicate, iri("requires")))
    graph.remove((a, KG.position, None))
    assert "OrderedAssertionShape" not in validate_graph(graph).report
