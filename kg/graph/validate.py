"""The built graph checked against the SHACL shapes shipped with the package (`kg validate`)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from rdflib import Graph

from kg.graph.schema import relation_shapes

__all__ = ["Validation", "shapes_graph", "validate_graph"]


@dataclass(frozen=True)
class Validation:
    conforms: bool
    violations: int
    report: str


def shapes_graph() -> Graph:
    """The shapes shipped with the package, those that name relations from the table of
    predicates."""
    text = resources.files("kg").joinpath("shapes.ttl").read_text(encoding="utf-8")
    return relation_shapes().parse(data=text, format="turtle")


def validate_graph(graph: Graph) -> Validation:
    """SHACL validation of `graph` (no inference: the graph is checked as it is stored)."""
    from pyshacl import validate

    conforms, _results, text = validate(graph, shacl_graph=shapes_graph(), inference="none")
    violations = 0 if conforms else str(text).count("Constraint Violation")
    return Validation(bool(conforms), violations, str(text))
