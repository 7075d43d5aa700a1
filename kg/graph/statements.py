"""Statements → RDF: one `kg:Statement` per unit the notes state, linked to its section, the
concepts it mentions, and the assertions read from it.

    <doc>/S84-1 a kg:Statement ; kg:kind "sentence" ; kg:text "…" ; dcterms:language "es" ;
        dcterms:source <doc> ; kg:line 84 ; kg:lineEnd 84 ; prov:wasDerivedFrom <doc>/L83 ;
        kg:headingPath "…" ; kg:mentions kgc:AutoML .
    <assertion> kg:statement <doc>/S84-1 .
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from kg.extract.lexicon import fold
from kg.extract.model import Evidence
from kg.extract.statements import Statement
from kg.graph.build import source_iri
from kg.graph.vocab import KG

__all__ = ["StatementLookup", "add_statements", "statement_iri"]

_WORD = re.compile(r"\w+")
_LOOK_AHEAD = 2


def statement_iri(stmt: Statement) -> URIRef:
    """`<document>/S<line>`, and `-<n>` for the n-th further statement starting on that line."""
    suffix = f"-{stmt.ordinal}" if stmt.ordinal else ""
    return URIRef(f"{source_iri(stmt.source)}/S{stmt.line}{suffix}")


def add_statements(
    graph: Graph, statements: Iterable[Statement], concepts: dict[str, URIRef]
) -> StatementLookup:
    """Add every statement to `graph`; returns the lookup that ties evidence to statements."""
    lookup = StatementLookup()
    for stmt in statements:
        node = statement_iri(stmt)
        lookup.add(stmt, node)
        doc = source_iri(stmt.source)
        graph.add((node, RDF.type, KG.Statement))
        graph.add((node, KG.kind, Literal(stmt.kind)))
        graph.add((node, KG.text, Literal(stmt.text)))
        if stmt.context:
            graph.add((node, KG.context, Literal(stmt.context)))
        graph.add((node, DCTERMS.language, Literal(stmt.language)))
        graph.add((node, DCTERMS.source, doc))
        graph.add((node, KG.line, Literal(stmt.line, datatype=XSD.integer)))
        graph.add((node, KG.lineEnd, Literal(stmt.line_end, datatype=XSD.integer)))
        graph.add((node, PROV.wasDerivedFrom, URIRef(f"{doc}/L{stmt.section_line}")))
        graph.add((node, KG.headingPath, Literal(" › ".join(stmt.heading_path))))
        for key in stmt.mentions:
            if key in concepts:
                graph.add((node, KG.mentions, concepts[key]))
    return lookup


class StatementLookup:
    """Which statement a piece of evidence (a file and a line) was read from."""

    def __init__(self) -> None:
        # by file and line: each statement covering it, as its words and its node
        self._by_line: dict[tuple[Path, int], list[tuple[frozenset[str], URIRef]]] = {}

    def add(self, stmt: Statement, node: URIRef) -> None:
        words = frozenset(_WORD.findall(fold(stmt.text)))  # once, not per evidence
        for line in range(stmt.line, stmt.line_end + 1):
            self._by_line.setdefault((stmt.source, line), []).append((words, node))

    def find(self, ev: Evidence) -> URIRef | None:
        """The statement covering the evidence's line that shares most words with it."""
        here: list[tuple[frozenset[str], URIRef]] = []
        for line in range(ev.line, ev.line + _LOOK_AHEAD + 1):
            # a table's header line: read from the table, whose first row follows it
            here = self._by_line.get((ev.source, line), [])
            if here:
                break
        if len(here) <= 1:
            return here[0][1] if here else None
        words = set(_WORD.findall(fold(ev.text)))
        best = max(here, key=lambda held: len(words & held[0]))
        return best[1]
