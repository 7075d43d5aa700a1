"""An Extraction → RDF: SKOS concepts, relation triples, and for every relation a reified
`kg:Assertion` with its provenance (section, line, evidence text, rule, confidence); the
parameters of callables as `kg:Parameter` nodes with the same provenance."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.extract.model import Concept, Evidence, Extraction, Parameter
from kg.graph.build import slug, source_iri
from kg.graph.statements import StatementLookup, add_statements
from kg.graph.vocab import KG, KG_IRI, KGC

__all__ = ["add_extraction", "concept_iris"]

_MAX_EXAMPLES = 3


def _slug(text: str) -> str:
    return slug(text, limit=80)


def concept_iris(concepts: tuple[Concept, ...]) -> dict[str, URIRef]:
    """A readable, stable IRI per concept key: the slug of its label, made unique with a
    short hash of the key where two labels share a slug."""
    by_slug: dict[str, list[Concept]] = {}
    for c in sorted(concepts, key=lambda c: c.key):
        by_slug.setdefault(_slug(c.label), []).append(c)
    out: dict[str, URIRef] = {}
    for name, group in by_slug.items():
        for i, c in enumerate(group):
            suffix = "" if i == 0 else "-" + hashlib.sha1(c.key.encode()).hexdigest()[:6]
            out[c.key] = KGC[name + suffix]
    return out


def _section(ev: Evidence) -> URIRef:
    return URIRef(f"{source_iri(ev.source)}/L{ev.section_line}")


def _node(kind: str, *parts: object) -> str:
    return kind + "-" + hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:12]


def _lit(text: str, lang: str) -> Literal:
    return Literal(text, lang=lang) if lang else Literal(text)


def add_extraction(graph: Graph, extraction: Extraction) -> None:
    """Add concepts, statements, relations, assertions, comparisons and key points."""
    iris = concept_iris(extraction.concepts)
    for c in extraction.concepts:
        _add_concept(graph, c, iris[c.key])
    stated = add_statements(graph, extraction.statements, iris)
    for a in extraction.assertions:
        s, o = iris[a.subject], iris[a.object]
        p = URIRef(KG_IRI + a.predicate)
        graph.add((s, p, o))
        place = () if a.position is None else (a.position,)
        name = _node("a", a.subject, a.predicate, a.object, a.evidence.line, a.rule, *place)
        node = URIRef(f"{source_iri(a.evidence.source)}/{name}")
        graph.add((node, RDF.type, KG.Assertion))
        graph.add((node, RDF.subject, s))
        graph.add((node, RDF.predicate, p))
        graph.add((node, RDF.object, o))
        _provenance(graph, node, a.evidence, stated)
        graph.add((node, KG.rule, Literal(a.rule)))
        confidence = Decimal(str(round(a.confidence, 2)))
        graph.add((node, KG.confidence, Literal(confidence, datatype=XSD.decimal)))
        if a.position is not None:
            graph.add((node, KG.position, Literal(a.position, datatype=XSD.integer)))
    for n, cmp in enumerate(extraction.comparisons):
        name = _node("cmp", cmp.left, cmp.right, cmp.evidence.line, n)
        node = URIRef(f"{source_iri(cmp.evidence.source)}/{name}")
        graph.add((node, RDF.type, KG.Comparison))
        graph.add((node, KG.left, iris[cmp.left]))
        graph.add((node, KG.right, iris[cmp.right]))
        graph.add((node, KG.rule, Literal(cmp.rule)))
        _provenance(graph, node, cmp.evidence, stated)
        for i, aspect in enumerate(cmp.aspects, start=1):
            a_node = URIRef(f"{node}/aspect-{i}")
            graph.add((node, KG.hasAspect, a_node))
            graph.add((a_node, KG.aspectName, Literal(aspect.name)))
            graph.add((a_node, KG.leftValue, Literal(aspect.left)))
            graph.add((a_node, KG.rightValue, Literal(aspect.right)))
            graph.add((a_node, KG.line, Literal(aspect.line, datatype=XSD.integer)))
            graph.add((a_node, KG.order, Literal(i, datatype=XSD.integer)))
    for kp in extraction.key_points:
        if not kp.concepts:
            continue
        node = URIRef(f"{source_iri(kp.evidence.source)}/{_node('kp', kp.text, kp.evidence.line)}")
        graph.add((node, RDF.type, KG.KeyPoint))
        graph.add((node, KG.text, Literal(kp.text)))
        for key in kp.concepts:
            graph.add((node, KG.about, iris[key]))
        _provenance(graph, node, kp.evidence, stated)
    _add_parameters(graph, extraction.parameters, iris, stated)
    for source, lang in extraction.languages.items():
        graph.add((source_iri(source), DCTERMS.language, Literal(lang)))


def _add_parameters(
    graph: Graph,
    parameters: tuple[Parameter, ...],
    iris: dict[str, URIRef],
    stated: StatementLookup,
) -> None:
    """Each parameter as a node `<callable>/param/<name>` (`-2`, `-3`, ... for the name's
    further example values, in the order extraction gives them)."""
    seen: dict[str, int] = {}
    for p in parameters:
        base = f"{iris[p.callable]}/param/{_slug(p.name)}"
        seen[base] = n = seen.get(base, 0) + 1
        node = URIRef(base if n == 1 else f"{base}-{n}")
        graph.add((iris[p.callable], KG.hasParameter, node))
        graph.add((node, RDF.type, KG.Parameter))
        graph.add((node, KG.parameterName, Literal(p.name)))
        for prop, value in (
            (KG.exampleValue, p.value),
            (KG.parameterType, p.annotation),
            (KG.defaultValue, p.default),
            (RDFS.comment, p.description),
        ):
            if value:
                graph.add((node, prop, Literal(value)))
        graph.add((node, KG.rule, Literal(p.rule)))
        _provenance(graph, node, p.evidence, stated)


def _provenance(graph: Graph, node: URIRef, ev: Evidence, stated: StatementLookup) -> None:
    statement = stated.find(ev)
    if statement is not None:
        graph.add((node, KG.statement, statement))
    graph.add((node, PROV.wasDerivedFrom, _section(ev)))
    graph.add((node, DCTERMS.source, source_iri(ev.source)))
    graph.add((node, KG.line, Literal(ev.line, datatype=XSD.integer)))
    graph.add((node, KG.evidence, Literal(ev.text)))


def _add_concept(graph: Graph, c: Concept, iri: URIRef) -> None:
    graph.add((iri, RDF.type, KG.Concept))
    graph.add((iri, RDF.type, SKOS.Concept))
    graph.add((iri, SKOS.prefLabel, _lit(c.label, c.language)))
    graph.add((iri, KG.kind, Literal(c.kind)))
    for alt in c.alt_labels:
        graph.add((iri, SKOS.altLabel, _lit(alt, c.language if c.kind == "term" else "")))
    seen: set[str] = set()
    for text, _ev in c.definitions:
        if text not in seen:
            seen.add(text)
            graph.add((iri, SKOS.definition, _lit(text, c.language)))
    for ev in c.mentions:
        graph.add((iri, KG.mentionedIn, _section(ev)))
    # the most focused examples: the shortest, in document order among equals
    unique = list(dict.fromkeys(code for code, _ in c.examples))
    examples = sorted(unique, key=lambda code: len(code.splitlines()))[:_MAX_EXAMPLES]
    for code in examples:
        graph.add((iri, KG.example, Literal(code)))
