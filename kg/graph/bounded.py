"""SPARQL with a deadline and a row cap, for interfaces that run queries people type.

Neither pyoxigraph nor rdflib can stop a running query, and a thread cannot be killed, so the
query runs in a child process that is killed at the deadline; the graph itself is never at
risk (readers open it read-only).
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing as mp
import queue
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KgError, QueryError, QueryTimeoutError
from kg.graph.store import open_store

__all__ = [
    "BoundedResult",
    "QueryTimeoutError",  # at home in kg.errors
    "WorkerPool",
    "answer_in_pool",
    "run_bounded",
    "solutions_as",
]


@dataclass(frozen=True)
class BoundedResult:
    kind: str  # solutions, boolean, graph
    variables: tuple[str, ...] = ()
    rows: tuple[dict[str, str], ...] = ()
    boolean: bool = False
    text: str = ""  # graph results as Turtle
    truncated: bool = False


def _child(conn: Connection, store: str, query: str) -> None:
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


_MEMORY_CAP = 6 * 1024**3  # address space, generous: RocksDB maps files


def _finish(kind: str, payload: Any, fmt: str, max_rows: int) -> tuple[str, str, bool]:
    """A child's answer as an HTTP body: (body, format, truncated)."""
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
    data: dict[str, Any] = payload
    bindings = data["results"]["bindings"]
    truncated = len(bindings) > max_rows
    data["results"]["bindings"] = bindings[:max_rows]
    return solutions_as(data, fmt), fmt, truncated


def _term_json(term: Any) -> dict[str, str]:
    """A pyoxigraph term in the W3C SPARQL results JSON form."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _worker_main(conn: Connection, store: str) -> None:
    """A pool worker: keeps the live graph open and answers one query at a time."""
    import resource

    with contextlib.suppress(ValueError, OSError):  # a query may not take the machine
        resource.setrlimit(resource.RLIMIT_AS, (_MEMORY_CAP, _MEMORY_CAP))
    try:
        graph = open_store(store)
    except KgError as err:
        conn.send(("failed", str(err), ""))
        return
    conn.send(("ready", None, ""))  # start-up is not part of any query's deadline
    session: Any = None
    while True:
        try:
            query, formats = conn.recv()
        except (EOFError, OSError):
            return
        try:
            live = graph.live_generation()
            if session is None or session.generation != live:
                session = graph.open_session()  # a rebuild swapped the graph: follow it
            result = session.query(query)
            if result.kind == "graph":
                rdf = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}
                text = ox.serialize(list(result.triples), format=rdf[formats[1]])
                conn.send(("text", bytes(text or b"").decode("utf-8"), formats[1]))
            elif result.kind == "boolean":
                conn.send(("boolean", result.boolean, formats[0]))
            else:
                bindings = [{k: _term_json(v) for k, v in row.items()} for row in result.rows]
                data = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
                conn.send(("solutions", data, formats[0]))
        except KgError as err:
            conn.send(("error", str(err), ""))
        except MemoryError:
            conn.send(("error", "the query needed more memory than a query may use", ""))


_STARTUP_TIMEOUT = 120.0  # importing and opening the graph on a busy machine


@dataclass
class _Worker:
    process: Any
    conn: Connection
    ready: bool = False


class WorkerPool:
    """Query workers started ahead (spawned, so no thread state is copied), each holding the
    graph open; a query goes to an idle worker, and a worker past the deadline is killed and
    replaced. The pool's size bounds how many queries run at once."""

    def __init__(self, store: Path | str, size: int = 2) -> None:
        self._store = str(store)
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        for _ in range(max(size, 1)):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=_worker_main, args=(child, self._store), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._all.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> _Worker:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(1)
        worker.conn.close()
        self._all.remove(worker)
        return self._start()

    def wait_ready(self) -> None:
        """Block until every worker holds the graph open (a server is ready when it says so).

        Raises:
            QueryError: a worker could not start or open the graph.
        """
        for worker in list(self._all):
            if not worker.ready:
                self._await_ready(worker)

    def _await_ready(self, worker: _Worker) -> None:
        """Wait for a (re)started worker to hold the graph open, so that a query's deadline
        counts only the query."""
        if not worker.conn.poll(_STARTUP_TIMEOUT):
            raise QueryError(f"the query process did not start within {_STARTUP_TIMEOUT:g} s")
        kind, payload, _ = worker.conn.recv()
        if kind != "ready":
            raise QueryError(f"the query process could not open the graph: {payload}")
        worker.ready = True

    def run(self, query: str, formats: tuple[str, str], timeout: float) -> Any:
        """The worker's answer `(kind, payload, format)`.

        Raises:
            QueryTimeoutError: past the deadline (the worker was replaced).
            QueryError: the worker died (memory cap) and was replaced.
        """
        worker = self._idle.get()
        try:
            if not worker.ready:
                try:
                    self._await_ready(worker)
                except QueryError:
                    worker = self._replace(worker)
                    raise
            worker.conn.send((query, formats))
            if not worker.conn.poll(timeout):
                worker = self._replace(worker)
                raise QueryTimeoutError(f"the query ran longer than {timeout:g} s and was stopped")
            return worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as err:
            worker = self._replace(worker)
            raise QueryError("the query process ended without an answer (out of memory?)") from err
        finally:
            self._idle.put(worker)

    def close(self) -> None:
        for worker in list(self._all):
            if worker.process.is_alive():
                worker.process.kill()
            worker.process.join(1)


def answer_in_pool(
    pool: WorkerPool,
    query: str,
    *,
    accept: Callable[[bool], str],
    timeout: float = 5.0,
    max_rows: int = 10_000,
) -> tuple[str, str, bool]:
    """Run a query on the pool and serialize its results for an HTTP response.

    `accept(is_graph)` picks the format. Returns (body, format, truncated).

    Raises:
        QueryTimeoutError: the deadline passed; QueryError: invalid or refused query.
    """
    formats = (accept(False), accept(True))
    kind, payload, fmt = pool.run(query, formats, timeout)
    return _finish(kind, payload, fmt, max_rows)
