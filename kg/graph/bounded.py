"""SPARQL with a deadline and a row cap, for interfaces that run queries people type.

Neither pyoxigraph nor rdflib can stop a running query, and a thread cannot be killed, so the
query runs in a child process that is killed at the deadline; the graph itself is never at
risk (readers open it read-only).
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing as mp
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg.errors import KgError, QueryError

__all__ = [
    "BoundedResult",
    "QueryTimeoutError",
    "run_bounded",
    "serialize_bounded",
    "solutions_as",
]


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
    from kg.graph.store import open_store

    try:
        graph = open_store(store)
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


def _in_child(target: Callable[..., None], args: tuple[Any, ...], timeout: float) -> Any:
    """Run `target(conn, *args)` in a forked child; its one message, or an error at the
    deadline (the child is killed: no thread could stop the query)."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=target, args=(child, *args), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise QueryTimeoutError(f"the query ran longer than {timeout:g} s and was stopped")
        return parent.recv()
    except EOFError as err:
        raise QueryError("the query process ended without an answer (out of memory?)") from err
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(1)
        parent.close()


def run_bounded(
    store: Path | str, query: str, *, timeout: float = 5.0, max_rows: int = 1000
) -> BoundedResult:
    """Run a read-only query in a child process; stop it at `timeout` seconds.

    Raises:
        QueryTimeoutError: the deadline passed (the child was killed).
        QueryError: the query is invalid or not allowed.
    """
    kind, payload = _in_child(_child, (str(store), query), timeout)
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


def _term_csv(term: dict[str, str]) -> str:
    value = term["value"]
    if any(c in value for c in ',"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _term_tsv(term: dict[str, str]) -> str:
    value = term["value"].replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    if term["type"] == "uri":
        return f"<{term['value']}>"
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    quoted = '"' + value.replace('"', '\\"') + '"'
    if "xml:lang" in term:
        return f"{quoted}@{term['xml:lang']}"
    if "datatype" in term:
        return f"{quoted}^^<{term['datatype']}>"
    return quoted


def _xml_escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _term_xml(term: dict[str, str]) -> str:
    value = _xml_escape(term["value"])
    if term["type"] == "uri":
        return f"<uri>{value}</uri>"
    if term["type"] == "bnode":
        return f"<bnode>{value}</bnode>"
    attrs = ""
    if "xml:lang" in term:
        attrs = f' xml:lang="{_xml_escape(term["xml:lang"])}"'
    elif "datatype" in term:
        attrs = f' datatype="{_xml_escape(term["datatype"])}"'
    return f"<literal{attrs}>{value}</literal>"


def solutions_as(data: dict[str, Any], fmt: str) -> str:
    """W3C results (JSON form) in `fmt`: json, csv, tsv or xml."""
    names: list[str] = data["head"]["vars"]
    rows: list[dict[str, dict[str, str]]] = data["results"]["bindings"]
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False)
    if fmt == "csv":
        lines = [",".join(names)]
        lines += [",".join(_term_csv(r[n]) if n in r else "" for n in names) for r in rows]
        return "\r\n".join(lines) + "\r\n"
    if fmt == "tsv":
        lines = ["\t".join(f"?{n}" for n in names)]
        lines += ["\t".join(_term_tsv(r[n]) if n in r else "" for n in names) for r in rows]
        return "\n".join(lines) + "\n"
    head = "".join(f'<variable name="{_xml_escape(n)}"/>' for n in names)
    results = "".join(
        "<result>"
        + "".join(
            f'<binding name="{_xml_escape(n)}">{_term_xml(r[n])}</binding>' for n in names if n in r
        )
        + "</result>"
        for r in rows
    )
    return (
        '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        f"<head>{head}</head><results>{results}</results></sparql>"
    )


def _child_serialized(conn: Connection, store: str, query: str, formats: tuple[str, str]) -> None:
    import resource

    from kg.graph.store import open_store

    with contextlib.suppress(ValueError, OSError):  # a query may not take the machine
        resource.setrlimit(resource.RLIMIT_AS, (_MEMORY_CAP, _MEMORY_CAP))
    try:
        graph = open_store(store)
        result = graph.query(query)
        if result.kind == "graph":
            conn.send(("text", graph.query_serialized(query, formats[1]), formats[1]))
        elif result.kind == "boolean":
            conn.send(("boolean", result.boolean, formats[0]))
        else:
            conn.send(("solutions", graph.query_serialized(query, "json"), formats[0]))
    except KgError as err:
        conn.send(("error", str(err), ""))
    except MemoryError:
        conn.send(("error", "the query needed more memory than a query may use", ""))
    finally:
        conn.close()


_MEMORY_CAP = 6 * 1024**3  # address space, generous: RocksDB maps files


def serialize_bounded(
    store: Path | str,
    query: str,
    *,
    accept: Callable[[bool], str],
    timeout: float = 5.0,
    max_rows: int = 10_000,
) -> tuple[str, str, bool]:
    """Run a query in a killable child and serialize its results for an HTTP response.

    `accept(is_graph)` picks the format. Returns (body, format, truncated).

    Raises:
        QueryTimeoutError: the deadline passed; QueryError: invalid or refused query.
    """
    formats = (accept(False), accept(True))
    kind, payload, fmt = _in_child(_child_serialized, (str(store), query, formats), timeout)
    if kind == "error":
        raise QueryError(str(payload))
    if kind == "text":
        return str(payload), fmt, False
    if kind == "boolean":
        value = "true" if payload else "false"
        if fmt == "xml":
            xml = (
                '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{value}</boolean></sparql>"
            )
            return xml, "xml", False
        return json.dumps({"head": {}, "boolean": bool(payload)}), "json", False
    data = json.loads(payload)
    bindings = data["results"]["bindings"]
    truncated = len(bindings) > max_rows
    data["results"]["bindings"] = bindings[:max_rows]
    return solutions_as(data, fmt), fmt, truncated
