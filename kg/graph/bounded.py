"""SPARQL with a deadline and a row cap, for interfaces that run queries people type.

Neither pyoxigraph nor rdflib can stop a running query, and a thread cannot be killed, so the
query runs in a child process that is killed at the deadline; the graph itself is never at
risk (readers open it read-only).
"""

from __future__ import annotations

import json
import multiprocessing as mp
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg.errors import KgError, QueryError

__all__ = ["BoundedResult", "QueryTimeoutError", "run_bounded"]


class QueryTimeoutError(QueryError):
    """The query did not finish before its deadline and was stopped."""


@dataclass(frozen=True)
class BoundedResult:
    kind: str  # solutions, boolean, graph
    variables: tuple[str, ...] = ()
    rows: tuple[dict[str, str], ...] = ()
    boolean: bool = False
    text: str = ""  # graph results as Turtle
    truncated: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _child(conn: Connection, store: str, query: str) -> None:
    from kg.graph.store import GraphStore

    try:
        graph = GraphStore(store)
        result = graph.query(query)
        if result.kind == "graph":
            conn.send(("graph", graph.query_serialized(query, "turtle")))
        elif result.kind == "boolean":
            conn.send(("boolean", result.boolean))
        else:
            conn.send(("solutions", graph.query_serialized(query, "json")))
    except KgError as err:
        conn.send(("error", str(err)))
    finally:
        conn.close()


def run_bounded(
    store: Path | str, query: str, *, timeout: float = 5.0, max_rows: int = 1000
) -> BoundedResult:
    """Run a read-only query in a child process; stop it at `timeout` seconds.

    Raises:
        QueryTimeoutError: the deadline passed (the child was killed).
        QueryError: the query is invalid or not allowed.
    """
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, str(store), query), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise QueryTimeoutError(f"the query ran longer than {timeout:g} s and was stopped")
        kind, payload = parent.recv()
    except EOFError as err:
        raise QueryError("the query process ended without an answer") from err
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(1)
        parent.close()
    if kind == "error":
        raise QueryError(str(payload))
    if kind == "boolean":
        return BoundedResult("boolean", boolean=bool(payload))
    if kind == "graph":
        return BoundedResult("graph", text=str(payload))
    data = json.loads(payload)
    names = tuple(data["head"]["vars"])
    bindings = data["results"]["bindings"]
    rows = tuple({k: v["value"] for k, v in b.items()} for b in bindings[:max_rows])
    return BoundedResult("solutions", names, rows, truncated=len(bindings) > max_rows)
