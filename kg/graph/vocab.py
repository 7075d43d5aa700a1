"""The project's vocabulary: one namespace for its terms (`kg:`), one for concepts (`kgc:`).

`KG` is a DefinedNamespace with `_fail = True`: a misspelt term is an error, not a new IRI. Its
relations between concepts are those of the table of predicates (`kg/data/predicates.toml`,
read by `kg.extract.predicates`); the ontology (labels, comments, domains) ships as
`kg/ontology.ttl`, its relation properties generated from the same table (`kg.graph.schema`).
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from kg.extract.predicates import Relation, relations

__all__ = [
    "BUILDS_ON",
    "DOC",
    "KG",
    "KGC",
    "PREFIXES",
    "RELATIONS",
    "Relation",
    "prefix_header",
    "relations",
]

KG_IRI = "https://kg.invalid/ns#"
KGC_IRI = "https://kg.invalid/concept/"
DOC_IRI = "https://kg.invalid/doc/"


class KG(DefinedNamespace):
    """Terms of the kg ontology. Names are stable: scripts rely on them."""

    _fail = True
    _NS = Namespace(KG_IRI)

    # classes
    Concept: URIRef
    Topic: URIRef
    Document: URIRef
    Section: URIRef
    Comparison: URIRef
    Assertion: URIRef
    KeyPoint: URIRef
    Statement: URIRef
    Parameter: URIRef
    # relations between concepts: every relation of the table of predicates
    _extras = tuple(r.name for r in relations())
    # provenance and structure
    line: URIRef
    evidence: URIRef
    lineStart: URIRef
    lineEnd: URIRef
    level: URIRef
    order: URIRef
    headingPath: URIRef
    parentSection: URIRef
    hasTopic: URIRef
    format: URIRef
    encoding: URIRef
    encodingRepaired: URIRef
    lineCount: URIRef
    # concepts, assertions, comparisons
    kind: URIRef
    mentionedIn: URIRef
    example: URIRef
    rule: URIRef
    confidence: URIRef
    position: URIRef
    left: URIRef
    right: URIRef
    hasAspect: URIRef
    aspectName: URIRef
    leftValue: URIRef
    rightValue: URIRef
    about: URIRef
    text: URIRef
    # statements: what the notes state, verbatim
    context: URIRef
    mentions: URIRef
    statement: URIRef
    # parameters of callables: what calls pass, what signatures declare
    hasParameter: URIRef
    parameterName: URIRef
    exampleValue: URIRef
    parameterType: URIRef
    defaultValue: URIRef


RELATIONS = tuple(r.name for r in relations() if not r.root)
"""The relations extraction asserts between concepts, in the table's order (`relatedTo`, the
root they all specialise, is not asserted itself)."""

BUILDS_ON = tuple(r.name for r in relations() if r.builds_on)
"""The relations whose statement makes a topic build on the topic introducing their object."""

KGC = Namespace(KGC_IRI)
DOC = Namespace(DOC_IRI)

PREFIXES: dict[str, str] = {
    "kg": KG_IRI,
    "kgc": KGC_IRI,
    "kgd": DOC_IRI,
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "xsd": str(XSD),
}


def prefix_header() -> str:
    """The standard prefixes as SPARQL `PREFIX` lines (for display and for other servers)."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
