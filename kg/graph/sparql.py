"""SPARQL as every store speaks it: query results, bound values, query checks, formats.

The embedded store (`store.py`) and a SPARQL server (`remote.py`) both use this module and
nothing of each other, so neither imports the other.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

import pyoxigraph as ox

from kg.errors import QueryError

__all__ = [
    "MEDIA_TYPES",
    "RDF_FORMATS",
    "RESULT_FORMATS",
    "QueryOptions",
    "QueryResult",
    "Queryable",
    "bind_rows",
    "bind_values",
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
    "rdfxml": "application/rdf+xml",
}
RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


@dataclass(frozen=True)
class QueryOptions:
    """How one query runs, beyond its text (the SPARQL protocol's request parameters).

    `default_graphs`/`named_graphs`: the dataset (None: the store's default graph and all its
    named graphs; a tuple, even empty, replaces it and any FROM of the query — graphs are
    selected inside the store, never fetched). `base_iri` resolves relative IRIs. `limit`
    caps the rows or triples read (`QueryResult.truncated` says when more matched).
    """

    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base_iri: str | None = None
    limit: int | None = None

    def engine_args(self) -> dict[str, Any]:
        """Keyword arguments of pyoxigraph's `Store.query`."""
        args: dict[str, Any] = {}
        if self.base_iri:
            args["base_iri"] = self.base_iri
        if self.default_graphs is not None or self.named_graphs is not None:
            args["default_graph"] = [_iri(i) for i in self.default_graphs or ()]
            args["named_graphs"] = [_iri(i) for i in self.named_graphs or ()]
        return args


def _iri(text: str) -> Any:
    try:
        return ox.NamedNode(text)
    except ValueError as err:
        raise QueryError(f"a graph must be named by an absolute IRI, not '{text}': {err}") from err


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
    truncated: bool = False


class Queryable(Protocol):
    """Anything that answers SPARQL: a store, or a session kept open over one of its graphs."""

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult: ...


def query_result(result: Any, limit: int | None = None) -> QueryResult:
    """A pyoxigraph result (solutions, boolean or triples) read into a `QueryResult`; with a
    `limit`, at most that many rows or triples are read (`truncated` when more matched)."""
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("boolean", boolean=bool(result))
    stop = None if limit is None else limit + 1
    if isinstance(result, ox.QueryTriples):
        triples = tuple(itertools.islice(result, stop))
        return QueryResult(
            "graph", triples=triples[:limit], truncated=len(triples) != len(triples[:limit])
        )
    names = tuple(v.value for v in result.variables)
    rows = tuple(
        {n: sol[n] for n in names if sol[n] is not None} for sol in itertools.islice(result, stop)
    )
    return QueryResult(
        "solutions", variables=names, rows=rows[:limit], truncated=len(rows) != len(rows[:limit])
    )


def bind_values(sparql: str, bindings: dict[str, Any], *, subqueries: bool = False) -> str:
    """The query with a `VALUES` block opening its WHERE group: the one place values enter a
    query. Each value is a pyoxigraph term, whose `str()` is its validated, escaped form, so
    user text is never formatted into SPARQL. (A leading VALUES lets the engine use indexes;
    measured on 100k triples: 0.3 ms, against 58 ms with pyoxigraph's `substitutions`, which
    bind after planning; a trailing VALUES would join only after the group's filters ran.)

    With `subqueries`, each sub-select's WHERE group opens with the block too: a sub-select
    sees only its own group's values, and a package query whose sub-select reads at most so
    many rows (`LIMIT`) must read them about the bound values.

    Raises:
        QueryError: a value is not an RDF term, or the query has no group pattern.
    """
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(_checked(bindings.values()))
    return _opening(sparql, f"VALUES ({names}) {{ ({terms}) }}", every=subqueries)


def bind_rows(sparql: str, name: str, terms: list[Any]) -> str:
    """The query with `VALUES ?name { term ... }` opening its WHERE group: one variable bound
    to many values (the statements or concepts an answer reads). Terms are checked as
    `bind_values` checks them; user text never enters the query.

    Raises:
        QueryError: a value is not an RDF term, or the query has no group pattern.
    """
    if not re.fullmatch(r"[A-Za-z_]\w*", name):
        raise QueryError(f"not a variable name: {name!r}")
    return _opening(sparql, f"VALUES ?{name} {{ {' '.join(_checked(terms))} }}")


def _checked(terms: Iterable[Any]) -> list[str]:
    """The terms as SPARQL text: pyoxigraph terms only, whose `str()` is escaped."""
    out = []
    for value in terms:
        if not isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
            raise QueryError(f"cannot bind {type(value).__name__}: only RDF terms are bound")
        out.append(str(value))
    return out


def _opening(sparql: str, block: str, every: bool = False) -> str:
    """The query with `block` opening its WHERE group (`every` WHERE group)."""
    groups = list(re.finditer(r"\bWHERE\s*\{", sparql, re.IGNORECASE))
    if not groups:
        groups = [m for m in [re.search(r"\{", sparql)] if m is not None]
    if not groups:
        raise QueryError("cannot bind values: the query has no group pattern")
    for match in reversed(groups if every else groups[:1]):
        sparql = sparql[: match.end()] + f"\n  {block}\n" + sparql[match.end() :]
    return sparql
