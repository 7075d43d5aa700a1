"""The whole graph out of a store: an rdflib Graph (for validation), or text in Turtle,
N-Triples, JSON-LD or GraphML (for Gephi and yEd)."""

from __future__ import annotations

from typing import Any

from kg.errors import QueryError
from kg.graph.queries import ALL_TRIPLES
from kg.graph.store import Store

__all__ = ["EXPORT_FORMATS", "export_graph", "rdf_graph"]

EXPORT_FORMATS = ("turtle", "nt", "jsonld", "graphml")


def rdf_graph(store: Store) -> Any:
    """The whole live graph as an rdflib Graph."""
    from rdflib import Graph  # rdflib loads only when a whole graph is needed

    data = store.query_serialized(ALL_TRIPLES, "ntriples")
    return Graph().parse(data=data, format="nt")


def export_graph(store: Store, fmt: str) -> str:
    """The whole live graph in `fmt`, one of `EXPORT_FORMATS`.

    Raises:
        QueryError: an unknown format.
    """
    if fmt == "turtle":
        return store.query_serialized(ALL_TRIPLES, "turtle")
    if fmt == "nt":
        return store.query_serialized(ALL_TRIPLES, "ntriples")
    if fmt == "jsonld":
        return str(rdf_graph(store).serialize(format="json-ld"))
    if fmt == "graphml":
        return _graphml(rdf_graph(store))
    raise QueryError(f"unknown export format '{fmt}'; use one of {', '.join(EXPORT_FORMATS)}")


def _graphml(rdf: Any) -> str:
    """Resources as nodes (labelled), resource-to-resource triples as edges (predicate)."""
    import networkx as nx
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDFS, SKOS

    out = nx.MultiDiGraph()
    for s, p, o in rdf:
        if isinstance(o, URIRef) and isinstance(s, URIRef):
            out.add_edge(str(s), str(o), predicate=str(p))
    for node in list(out.nodes):
        label = rdf.value(URIRef(node), SKOS.prefLabel) or rdf.value(URIRef(node), RDFS.label)
        out.nodes[node]["label"] = str(label) if isinstance(label, Literal) else node
    return "\n".join(nx.generate_graphml(out))
