"""SPARQL that people type, checked, run in a child process cut off the network, with a
deadline and a cap on rows.

Neither pyoxigraph nor rdflib can stop a running query, and a thread cannot be killed, so the
query runs in a forked child that is killed at the deadline; the graph itself is never at
risk (readers open it read-only). Before it opens the graph, the child gives up the network
(`kg.graph.sandbox`), and every query is checked on its syntax tree first (`kg.graph.guard`).
The package's own queries (question answering, views) are constants with values bound as
RDF terms; they run on the store directly.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg.errors import KgError, QueryError, QueryTimeoutError
from kg.graph.guard import check_query
from kg.graph.remote import is_remote
from kg.graph.results import serialize
from kg.graph.sandbox import isolate_network
from kg.graph.sparql import QueryOptions, QueryResult
from kg.graph.store import open_store

__all__ = [
    "BoundedResult",
    "isolate",
    "query_isolated",
    "run_bounded",
    "run_checked",
    "serialized_isolated",
]


@dataclass(frozen=True)
class BoundedResult:
    kind: str  # solutions, boolean, graph
    variables: tuple[str, ...] = ()
    rows: tuple[dict[str, str], ...] = ()
    boolean: bool = False
    text: str = ""  # graph results as Turtle
    truncated: bool = False


def isolate(store: str) -> tuple[str, ...]:
    """Cut this process off the network unless its store is a server it must reach; the
    protections in force (see `kg.graph.sandbox`)."""
    return () if is_remote(store) else isolate_network()


def run_checked(
    session: Any,
    text: str,
    options: QueryOptions | None = None,
    bindings: dict[str, Any] | None = None,
) -> QueryResult:
    """Check a query people typed against the session's graphs, then run it.

    Raises:
        QueryError: the query is invalid, an update, or reaches beyond the store.
    """
    options = options or QueryOptions()
    check_query(text, local_graphs=session.graphs(), base_iri=options.base_iri)
    result: QueryResult = session.query(text, bindings, options)
    return result


def _in_child(target: Callable[..., Any], args: tuple[Any, ...], timeout: float | None) -> Any:
    """`target(*args)` in a forked child, cut off the network before it runs; its value, or
    its error raised here, or an error at the deadline (the child is killed: no thread could
    stop the query). `args[0]` is the store."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child_main, args=(child, target, args), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise QueryTimeoutError(f"the query ran longer than {timeout:g} s and was stopped")
        kind, payload = parent.recv()
    except EOFError as err:
        raise QueryError("the query process ended without an answer (out of memory?)") from err
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(1)
        parent.close()
    if kind == "error":
        raise payload
    return payload


def _child_main(conn: Connection, target: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        isolate(str(args[0]))
        conn.send(("value", target(*args)))
    except KgError as err:
        conn.send(("error", err))
    except Exception as err:  # an engine failure is the query's error, not a dead child
        conn.send(("error", QueryError(f"the query failed: {err}")))
    finally:
        conn.close()


def _bounded(store: str, query: str, max_rows: int) -> BoundedResult:
    with open_store(store).session() as session:
        result = run_checked(session, query, QueryOptions(limit=max_rows))
    if result.kind == "boolean":
        return BoundedResult("boolean", boolean=result.boolean)
    if result.kind == "graph":
        text, _ = serialize(result, ("json", "turtle"))
        return BoundedResult("graph", text=text, truncated=result.truncated)
    rows = tuple({k: v.value for k, v in row.items()} for row in result.rows)
    return BoundedResult("solutions", result.variables, rows, truncated=result.truncated)


def run_bounded(
    store: Path | str, query: str, *, timeout: float = 5.0, max_rows: int = 1000
) -> BoundedResult:
    """Run a query people typed in a child process; stop it at `timeout` seconds.

    Raises:
        QueryTimeoutError: the deadline passed (the child was killed).
        QueryError: the query is invalid or not allowed.
    """
    result: BoundedResult = _in_child(_bounded, (str(store), query, max_rows), timeout)
    return result


def _query(store: str, query: str, bindings: dict[str, Any] | None) -> QueryResult:
    with open_store(store).session() as session:
        return run_checked(session, query, bindings=bindings)


def query_isolated(
    store: Path | str, query: str, bindings: dict[str, Any] | None = None
) -> QueryResult:
    """Run a query people typed, checked, in a child process cut off the network (no
    deadline: `kg sparql` waits as long as the query runs).

    Raises:
        QueryError: the query is invalid or not allowed.
    """
    result: QueryResult = _in_child(_query, (str(store), query, bindings), None)
    return result


def _serialized(store: str, query: str, fmt: str) -> str:
    graph = open_store(store)
    with graph.session() as session:
        check_query(query, local_graphs=session.graphs())
    return graph.query_serialized(query, fmt)  # the store's serializers stream the results


def serialized_isolated(store: Path | str, query: str, fmt: str) -> str:
    """As `query_isolated`, serialized: `json` (W3C SPARQL 1.1 Query Results JSON), `xml`,
    `csv`, `tsv`; graph results as `turtle`, `ntriples` or `rdfxml`.

    Raises:
        QueryError: as `query_isolated`, or a format that does not fit the result.
    """
    text: str = _in_child(_serialized, (str(store), query, fmt), None)
    return text
