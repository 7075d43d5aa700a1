"""SPARQL as every store speaks it: query results, bound values, query checks, formats.

The embedded store (`store.py`) and a SPARQL server (`remote.py`) both use this module and
nothing of each other, so neither imports the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

import pyoxigraph as ox

from kg.errors import QueryError

__all__ = [
    "MEDIA_TYPES",
    "RDF_FORMATS",
    "RESULT_FORMATS",
    "QueryResult",
    "Queryable",
    "bind_rows",
    "bind_values",
    "check_query",
    "query_result",
]

# Media types of the W3C result and RDF formats, by the names kg uses for them.
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
}
RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}

# SPARQL text with strings, IRIs and comments removed, to look for forbidden keywords.
_STRIP = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|<[^<>\s]*>|#[^\n]*'
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_FORBIDDEN = re.compile(r"\b(SERVICE|LOAD|FROM)\b", re.IGNORECASE)


@dataclass(frozen=True)
class QueryResult:
    """What a SPARQL query returned, in memory.

    `kind` is "solutions" (SELECT: `variables` and `rows`, each row a dict of variable name to
    pyoxigraph term, unbound variables left out), "boolean" (ASK: `boolean`) or "graph"
    (CONSTRUCT/DESCRIBE: `triples`).
    """

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[dict[str, Any], ...] = ()
    boolean: bool = False
    triples: tuple[Any, ...] = ()


class Queryable(Protocol):
    """Anything that answers SPARQL: a store, or a session kept open over one of its graphs."""

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult: ...


def query_result(result: Any) -> QueryResult:
    """A pyoxigraph result (solutions, boolean or triples) read into a `QueryResult`."""
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("boolean", boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        return QueryResult("graph", triples=tuple(result))
    names = tuple(v.value for v in result.variables)
    rows = tuple({n: sol[n] for n in names if sol[n] is not None} for sol in result)
    return QueryResult("solutions", variables=names, rows=rows)


def bind_values(sparql: str, bindings: dict[str, Any]) -> str:
    """The query with a `VALUES` block opening its WHERE group: the one place values enter a
    query. Each value is a pyoxigraph term, whose `str()` is its validated, escaped form, so
    user text is never formatted into SPARQL. (A leading VALUES lets the engine use indexes;
    measured on 100k triples: 0.3 ms, against 58 ms with pyoxigraph's `substitutions`, which
    bind after planning; a trailing VALUES would join only after the group's filters ran.)

    Raises:
        QueryError: a value is not an RDF term, or the query has no group pattern.
    """
    for value in bindings.values():
        if not isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
            raise QueryError(f"cannot bind {type(value).__name__}: only RDF terms are bound")
    match = re.search(r"\bWHERE\s*\{", sparql, re.IGNORECASE) or re.search(r"\{", sparql)
    if match is None:
        raise QueryError("cannot bind values: the query has no group pattern")
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    block = f"\n  VALUES ({names}) {{ ({terms}) }}\n"
    return sparql[: match.end()] + block + sparql[match.end() :]


def bind_rows(sparql: str, name: str, terms: list[Any]) -> str:
    """The query with `VALUES ?name { term ... }` opening its WHERE group: one variable bound
    to many values (the statements or concepts an answer reads). Terms are checked as
    `bind_values` checks them; user text never enters the query.

    Raises:
        QueryError: a value is not an RDF term, or the query has no group pattern.
    """
    for value in terms:
        if not isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
            raise QueryError(f"cannot bind {type(value).__name__}: only RDF terms are bound")
    if not re.fullmatch(r"[A-Za-z_]\w*", name):
        raise QueryError(f"not a variable name: {name!r}")
    match = re.search(r"\bWHERE\s*\{", sparql, re.IGNORECASE) or re.search(r"\{", sparql)
    if match is None:
        raise QueryError("cannot bind values: the query has no group pattern")
    block = f"\n  VALUES ?{name} {{ {' '.join(str(t) for t in terms)} }}\n"
    return sparql[: match.end()] + block + sparql[match.end() :]


def check_query(sparql: str) -> None:
    """Refuse what could reach the network or other data: SERVICE, LOAD, FROM.

    Raises:
        QueryError: the query uses one of them.
    """
    # SPARQL allows \uXXXX escapes anywhere; check the text as a parser that expands them
    # would read it, so "\u0053ERVICE" cannot slip past
    expanded = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)
    if _FORBIDDEN.search(_STRIP.sub(" ", expanded)):
        raise QueryError("SERVICE, LOAD and FROM are not allowed: queries read this graph only")
