"""Documents → an rdflib Graph: documents, their sections, and topics (top-level sections)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from kg.graph.schema import relation_ontology
from kg.graph.vocab import DOC, KG, PREFIXES
from kg.ingest.document import Document, Section

__all__ = [
    "document_iri",
    "documents_graph",
    "ontology_graph",
    "section_iri",
    "slug",
    "source_iri",
]


def slug(text: str, limit: int = 60) -> str:
    """An IRI-safe, readable, lower-case ASCII name for `text`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", ascii_text).strip("-.").lower()
    return name[:limit].strip("-.") or "x"


def source_iri(source: Path) -> URIRef:
    """A stable IRI for a source file: its name plus a hash of its path."""
    digest = hashlib.sha1(source.as_posix().encode()).hexdigest()[:8]
    return DOC[f"{slug(source.stem)}-{digest}"]


def document_iri(doc: Document) -> URIRef:
    return source_iri(doc.source)


def section_iri(doc: Document, section: Section) -> URIRef:
    """A section's IRI: its document's plus the line its heading is on."""
    return URIRef(f"{document_iri(doc)}/L{section.line_start}")


def ontology_graph() -> Graph:
    """The kg ontology shipped with the package, its relations from the table of predicates."""
    graph = relation_ontology()
    text = resources.files("kg").joinpath("ontology.ttl").read_text(encoding="utf-8")
    graph.parse(data=text, format="turtle")
    return graph


def _add_document(graph: Graph, doc: Document) -> None:
    d = document_iri(doc)
    graph.add((d, RDF.type, KG.Document))
    graph.add((d, DCTERMS.title, Literal(doc.source.name)))
    graph.add((d, DCTERMS.source, Literal(doc.source.as_posix())))
    graph.add((d, KG.format, Literal(doc.format)))
    graph.add((d, KG.encoding, Literal(doc.encoding)))
    graph.add((d, KG.encodingRepaired, Literal(doc.encoding_repaired)))
    graph.add((d, KG.lineCount, Literal(doc.line_count, datatype=XSD.integer)))

    parents: list[tuple[int, URIRef]] = []
    for section in doc.sections:
        s = section_iri(doc, section)
        graph.add((s, RDF.type, KG.Section))
        graph.add((s, RDFS.label, Literal(section.title)))
        graph.add((s, DCTERMS.isPartOf, d))
        graph.add((s, KG.level, Literal(section.level, datatype=XSD.integer)))
        graph.add((s, KG.lineStart, Literal(section.line_start, datatype=XSD.integer)))
        graph.add((s, KG.lineEnd, Literal(section.line_end, datatype=XSD.integer)))
        graph.add((s, KG.headingPath, Literal(" › ".join(section.heading_path))))
        while parents and parents[-1][0] >= section.level:
            parents.pop()
        if parents and section.level > 0:
            graph.add((s, KG.parentSection, parents[-1][1]))
        if section.level > 0:
            parents.append((section.level, s))

    for order, topic in enumerate(doc.top_level_sections(), start=1):
        t = section_iri(doc, topic)
        graph.add((t, RDF.type, KG.Topic))
        graph.add((t, KG.order, Literal(order, datatype=XSD.integer)))
        graph.add((d, KG.hasTopic, t))


def documents_graph(documents: Iterable[Document]) -> Graph:
    """The RDF graph of `documents` plus the ontology, with the standard prefixes bound."""
    graph = ontology_graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, replace=True)
    for doc in documents:
        _add_document(graph, doc)
    return graph
