"""The relation parts of the ontology and of the SHACL shapes, generated from the table of
predicates (`kg/data/predicates.toml`), so that a new relation needs no edit of
`kg/ontology.ttl` or `kg/shapes.ttl`:

- each relation is an `owl:ObjectProperty` (and an `owl:SymmetricProperty` when symmetric),
  labelled in every language, a sub-property of the root relation (whose domain and range are
  `kg:Concept`);
- an assertion's `rdf:predicate` is one of the relations, and every asserted relation has an
  assertion that gives its line and evidence;
- an assertion of an ordered relation (`hasStep`, `hasMember`) gives its object's position.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from kg.graph.vocab import KG, KG_IRI, relations
from kg.lang import LANGUAGES

__all__ = ["relation_ontology", "relation_shapes"]

# the terms written from the vocabulary (SHACL-SPARQL checks run without prefixes here)
_EVIDENCE_CHECK = f"""
SELECT $this ?value WHERE {{{{
  $this ?p ?value .
  FILTER(?p IN ({{relations}}))
  FILTER NOT EXISTS {{{{
    ?a <{RDF.subject}> $this ; <{RDF.predicate}> ?p ; <{RDF.object}> ?value ;
       <{KG.line}> ?line ; <{KG.evidence}> ?evidence .
  }}}}
}}}}"""

_POSITION_CHECK = f"""
SELECT $this WHERE {{{{
  $this <{RDF.predicate}> ?p .
  FILTER(?p IN ({{relations}}))
  FILTER NOT EXISTS {{{{ $this <{KG.position}> ?position }}}}
}}}}"""


def _iri(name: str) -> URIRef:
    return URIRef(KG_IRI + name)


def relation_ontology() -> Graph:
    """The ontology's relation properties, one per relation of the table."""
    graph = Graph()
    root = next(r for r in relations() if r.root)
    for rel in relations():
        iri = _iri(rel.name)
        graph.add((iri, RDF.type, OWL.ObjectProperty))
        if rel.symmetric:
            graph.add((iri, RDF.type, OWL.SymmetricProperty))
        if rel.root:
            graph.add((iri, RDFS.domain, KG.Concept))
            graph.add((iri, RDFS.range, KG.Concept))
        else:
            graph.add((iri, RDFS.subPropertyOf, _iri(root.name)))
        for lang in LANGUAGES:
            graph.add((iri, RDFS.label, Literal(rel.label(lang), lang=lang)))
    return graph


def relation_shapes() -> Graph:
    """The shapes that name the relations: what an assertion's predicate may be, and that
    every asserted relation has an assertion with its line and evidence."""
    graph = Graph()
    every = [_iri(r.name) for r in relations()]
    asserted = [_iri(r.name) for r in relations() if not r.root]
    predicate = BNode()
    graph.add((_iri("AssertionShape"), SH.property, predicate))
    graph.add((predicate, SH.path, RDF.predicate))
    graph.add((predicate, SH.minCount, Literal(1, datatype=XSD.integer)))
    graph.add((predicate, SH.maxCount, Literal(1, datatype=XSD.integer)))
    allowed = BNode()
    Collection(graph, allowed, list(every))
    graph.add((predicate, getattr(SH, "in"), allowed))
    shape = _iri("RelationEvidenceShape")
    graph.add((shape, RDF.type, SH.NodeShape))
    for iri in asserted:
        graph.add((shape, SH.targetSubjectsOf, iri))
    check = BNode()
    graph.add((shape, SH.sparql, check))
    graph.add((check, RDF.type, SH.SPARQLConstraint))
    message = "relation without an assertion that gives its line and evidence"
    graph.add((check, SH.message, Literal(message)))
    listed = ", ".join(f"<{iri}>" for iri in asserted)
    graph.add((check, SH.select, Literal(_EVIDENCE_CHECK.format(relations=listed))))
    _position_shape(graph)
    return graph


def _position_shape(graph: Graph) -> None:
    """Every assertion of an ordered relation gives its object's position."""
    ordered = [_iri(r.name) for r in relations() if r.ordered]
    if not ordered:
        return
    shape = _iri("OrderedAssertionShape")
    graph.add((shape, RDF.type, SH.NodeShape))
    graph.add((shape, SH.targetClass, KG.Assertion))
    check = BNode()
    graph.add((shape, SH.sparql, check))
    graph.add((check, RDF.type, SH.SPARQLConstraint))
    graph.add(
        (
            check,
            SH.message,
            Literal("an assertion of an ordered relation without its position (kg:position)"),
        )
    )
    listed = ", ".join(f"<{iri}>" for iri in ordered)
    graph.add((check, SH.select, Literal(_POSITION_CHECK.format(relations=listed))))
