"""Query workers for the endpoint: processes started ahead that keep the graph open, cut off
the network before they open it, and answer one query at a time — checked, capped and
serialized where it ran. A worker past the deadline is killed and replaced."""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import queue
from collections.abc import Callable
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg.errors import KgError, QueryError, QueryTimeoutError
from kg.graph.bounded import isolate, run_checked
from kg.graph.guard import prepare_checker
from kg.graph.results import serialize
from kg.graph.sparql import QueryOptions
from kg.graph.store import open_store

__all__ = ["WorkerPool", "answer_in_pool"]

_MEMORY_CAP = 6 * 1024**3  # address space, generous: RocksDB maps files
_STARTUP_TIMEOUT = 120.0  # importing and opening the graph on a busy machine


def _answer(session: Any, query: str, options: QueryOptions, formats: tuple[str, str]) -> Any:
    """One query's message to the front: ("ok", body, format, truncated) or ("error", err)."""
    try:
        result = run_checked(session, query, options)
        body, fmt = serialize(result, formats)
        return ("ok", body, fmt, result.truncated)
    except KgError as err:
        return ("error", err)
    except MemoryError:
        return ("error", QueryError("the query needed more memory than a query may use"))
    except Exception as err:  # an engine failure is the query's error, not a dead worker
        return ("error", QueryError(f"the query failed: {err}"))


def _worker_main(conn: Connection, store: str) -> None:
    """A pool worker: keeps the live graph open and answers one query at a time."""
    import resource
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the server, which ends us
    with contextlib.suppress(ValueError, OSError):  # a query may not take the machine
        resource.setrlimit(resource.RLIMIT_AS, (_MEMORY_CAP, _MEMORY_CAP))
    protections = isolate(store)  # before the graph starts any thread
    try:
        graph = open_store(store)
    except KgError as err:
        conn.send(("failed", str(err)))
        return
    # the graph opened and the grammar built before "ready": start-up is not part of any
    # query's deadline, the first one's included (a store without a graph yet: each query
    # is told so, as before)
    session: Any = None
    with contextlib.suppress(KgError):
        session = graph.open_session()
    prepare_checker()
    conn.send(("ready", protections))
    while True:
        try:
            query, options, formats = conn.recv()
        except (EOFError, OSError):
            return
        try:
            live = graph.live_generation()
            if session is None or session.generation != live:
                session = graph.open_session()  # a rebuild swapped the graph: follow it
        except KgError as err:
            conn.send(("error", err))
            continue
        conn.send(_answer(session, query, options, formats))


@dataclass
class _Worker:
    process: Any
    conn: Connection
    ready: bool = False


class WorkerPool:
    """Query workers started ahead (spawned, so no thread state is copied), each holding the
    graph open; a query goes to an idle worker, and a worker past the deadline is killed and
    replaced. The pool's size bounds how many queries run at once. `protections` names what
    keeps the workers off the network (see `kg.graph.sandbox`)."""

    def __init__(self, store: Path | str, size: int = 2) -> None:
        self._store = str(store)
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self.protections: tuple[str, ...] = ()
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
        try:
            kind, payload = worker.conn.recv()
        except (EOFError, OSError) as err:
            raise QueryError("the query process ended as it started") from err
        if kind != "ready":
            raise QueryError(f"the query process could not open the graph: {payload}")
        worker.ready = True
        self.protections = tuple(payload)

    def run(
        self, query: str, options: QueryOptions, formats: tuple[str, str], timeout: float
    ) -> Any:
        """The worker's answer: ("ok", body, format, truncated) or ("error", err).

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
            worker.conn.send((query, options, formats))
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
    options: QueryOptions | None = None,
) -> tuple[str, str, bool]:
    """Run a query people typed on the pool, serialized for an HTTP response.

    `accept(is_graph)` picks the format; `options` the dataset and base IRI. At most
    `max_rows` rows or triples are returned. Returns (body, format, truncated).

    Raises:
        QueryTimeoutError: the deadline passed; QueryError: invalid or refused query;
        StoreError: the graph could not be read.
    """
    formats = (accept(False), accept(True))
    limited = replace(options or QueryOptions(), limit=max_rows)
    answer = pool.run(query, limited, formats, timeout)
    if answer[0] == "error":
        raise answer[1]
    _, body, fmt, truncated = answer
    return str(body), str(fmt), bool(truncated)
