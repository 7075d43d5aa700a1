"""What a query people type may do, decided on its syntax tree, never on its text.

A real SPARQL 1.1 parser (rdflib's grammar) reads the query; the tree is then walked, and the
query is refused when any part of it could reach beyond this store's graphs:

- `SERVICE`, anywhere (OPTIONAL, UNION, MINUS, subqueries, EXISTS, nested groups);
- updates of any kind (`INSERT`, `DELETE`, `LOAD`, `CLEAR`, `CREATE`, `DROP`, ...);
- `FROM`, `FROM NAMED` and `GRAPH <iri>` naming a graph the store does not hold (other
  engines fetch such IRIs; the store's own named graphs are fine, and `GRAPH ?g` ranges
  over them only).

The grammar is applied to the text as Oxigraph reads it: codepoint escapes (`\\u0053`) are
not expanded ahead of parsing (Oxigraph expands them only inside strings, IRIs and names), so
the two parsers cannot disagree about where a string or a comment ends; a query the grammar
cannot read is refused, never run unchecked. Verdicts are cached by query text, so a query
asked again costs nothing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

from pyparsing import ParseBaseException, ParseResults

from kg.errors import QueryError
from kg.graph.vocab import PREFIXES

__all__ = ["check_query", "prepare_checker"]

_ESCAPE = re.compile(r"\\[uU]")
_LOCAL_ESCAPE = re.compile(r"\\(.)")


def check_query(
    sparql: str,
    *,
    local_graphs: frozenset[str] = frozenset(),
    base_iri: str | None = None,
) -> None:
    """Refuse a query that is not a plain read of this store.

    `local_graphs` are the IRIs of the store's named graphs (what `FROM`, `FROM NAMED` and
    `GRAPH <iri>` may name); `base_iri` resolves relative IRIs as the engine will.

    Raises:
        QueryError: the query cannot be parsed, is an update, or reaches beyond the store.
    """
    verdict = _verdict(sparql, local_graphs, base_iri or "")
    if verdict is not None:
        raise QueryError(verdict)


def prepare_checker() -> None:
    """Build the SPARQL grammar now (0.1–0.3 s), as a query process starts, not while the
    first query's deadline runs."""
    check_query("ASK {}")


@functools.lru_cache(maxsize=1024)
def _verdict(sparql: str, local_graphs: frozenset[str], base_iri: str) -> str | None:
    """Why the query is refused, or None."""
    from rdflib.plugins.sparql.parser import Query, UpdateUnit  # builds the grammar: on use

    try:
        tree = Query.parse_string(sparql, parse_all=True)
    except ParseBaseException as err:
        return _unparsed(sparql, err, UpdateUnit)
    except RecursionError:
        return "the query is nested too deeply to be checked"
    try:
        return _walk(tree, local_graphs, base_iri)
    except RecursionError:
        return "the query is nested too deeply to be checked"


def _unparsed(sparql: str, err: Exception, update_grammar: Any) -> str:
    """The message for a text the query grammar does not read."""
    try:
        update_grammar.parse_string(sparql, parse_all=True)
    except (ParseBaseException, RecursionError):  # not an update either
        hint = ""
        if _ESCAPE.search(sparql):
            hint = " (codepoint escapes such as \\u0041 are not read: write the character)"
        if isinstance(err, ParseBaseException):  # where, and what the grammar wanted there
            expected = str(err.msg).removeprefix("Expected ").strip()
            return (
                f"invalid SPARQL query{hint}: error at {err.lineno}:{err.col}: expected {expected}"
            )
        return f"invalid SPARQL query{hint}: {err}"
    return "updates (INSERT, DELETE, LOAD, CLEAR, ...) are not allowed: the graph is read-only"


def _nodes(tree: Any) -> Iterator[Any]:
    """Every node of a parse tree, depth first, without recursion."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, dict):  # rdflib's CompValue is an ordered dict of its parts
            stack.extend(dict.values(node))
        elif isinstance(node, list | tuple | ParseResults):
            stack.extend(node)


def _walk(tree: Any, local_graphs: frozenset[str], base_iri: str) -> str | None:
    prologue = tree[0]
    for node in _nodes(tree):
        name = getattr(node, "name", None)
        if name == "ServiceGraphPattern":
            return "SERVICE is not allowed: queries read this graph only, never the network"
        if name == "DatasetClause":  # (rdflib's CompValue.get has another default: use dict's)
            default, named = dict.get(node, "default"), dict.get(node, "named")
            iri, keyword = (default, "FROM") if default is not None else (named, "FROM NAMED")
            refusal = _outside(iri, keyword, prologue, local_graphs, base_iri)
            if refusal:
                return refusal
        if name == "GraphGraphPattern":
            term = dict.get(node, "term")
            refusal = _outside(term, "GRAPH", prologue, local_graphs, base_iri)
            if refusal:
                return refusal
    return None


def _outside(
    term: Any, keyword: str, prologue: Any, local_graphs: frozenset[str], base_iri: str
) -> str | None:
    """A refusal when `term` (an IRI or a prefixed name; a variable is fine) names a graph
    the store does not hold."""
    if type(term).__name__ == "Variable":
        return None
    iri = _resolve(term, prologue, base_iri)
    if iri is None:
        return f"{keyword} names an undeclared prefix"
    if iri in local_graphs:
        return None
    return (
        f"{keyword} <{iri}> is not allowed: it names no graph of this store, and queries read "
        "this store only"
    )


def _resolve(term: Any, prologue: Any, base_iri: str) -> str | None:
    """The absolute IRI of an IRI or prefixed-name node, with the query's BASE and PREFIX
    declarations over the predeclared prefixes; None for an unknown prefix."""
    prefixes: dict[str, str] = dict(PREFIXES)
    base = base_iri
    for decl in prologue:
        if decl.name == "Base":
            base = urljoin(base, str(decl.iri))
        elif decl.name == "PrefixDecl":
            prefixes[decl.prefix or ""] = urljoin(base, str(decl.iri))
    if getattr(term, "name", None) == "pname":
        namespace = prefixes.get(dict.get(term, "prefix") or "")
        if namespace is None:
            return None
        return namespace + _LOCAL_ESCAPE.sub(r"\1", dict.get(term, "localname") or "")
    return urljoin(base, str(term)) if base else str(term)
