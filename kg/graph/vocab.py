"""The project's vocabulary: one namespace for its terms (`kg:`), one for concepts (`kgc:`).

`KG` is a DefinedNamespace with `_fail = True`: a misspelt term is an error, not a new IRI.
The ontology (labels, comments, domains) ships as `kg/ontology.ttl`.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = ["DOC", "KG", "KGC", "PREFIXES", "prefix_header"]

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
    # relations between concepts
    requires: URIRef
    differsFrom: URIRef
    methodOf: URIRef
    partOf: URIRef
    alternativeTo: URIRef
    produces: URIRef
    usedFor: URIRef
    relatedTo: URIRef
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
