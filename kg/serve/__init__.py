"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over the built graph.

- the query operation at `/sparql`: `GET ?query=…`, `POST` with a URL-encoded form or
  `application/sparql-query` (chunked or not, UTF-8); `default-graph-uri` and
  `named-graph-uri` select graphs inside the store; relative IRIs resolve against the
  endpoint's URL; `GET /sparql` without a query is the SPARQL 1.1 Service Description;
- results by content negotiation (q-values): SPARQL JSON (default), XML, CSV, TSV; Turtle,
  N-Triples or RDF/XML for CONSTRUCT/DESCRIBE; at most `--max-rows` rows or triples, and
  `X-KG-Truncated: true` when more matched;
- queries run in a pool of worker processes that keep the graph open and cannot open a
  network connection; a worker past the deadline (`--timeout`) is killed and replaced;
- updates, `SERVICE`, and `FROM`/`GRAPH` naming graphs the store lacks are refused before
  anything runs; other methods get 405 with `Allow`; requests must name the endpoint in
  `Host` and come from its own origin; request heads and bodies have read deadlines and size
  caps; every error, down to a malformed request line, has one JSON shape:
  `{"error": {"status", "type", "message"}}`;
- `GET /health` and a small query page at `/` (no external assets).

The HTTP stack is uvicorn (httptools) and Starlette; interfaces are thin: this package parses HTTP
and calls the facade's worker pool, nothing else.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from pathlib import Path

import uvicorn

from kg import api
from kg.serve.app import Settings, make_app
from kg.serve.http import HostGuard, JsonErrorProtocol

__all__ = ["Server", "make_server", "serve"]


class Server:
    """A bound endpoint with its worker pool, ready to `serve_forever()`."""

    def __init__(
        self,
        sock: socket.socket,
        pool: api.WorkerPool,
        settings: Settings,
        allowed_hosts: tuple[str, ...],
        verbose: bool,
    ) -> None:
        self.socket = sock
        self.pool = pool
        self.server_address: tuple[str, int] = sock.getsockname()[:2]
        app = HostGuard(make_app(settings), self.server_address[0], allowed_hosts)
        config = uvicorn.Config(
            app,
            http=JsonErrorProtocol,
            lifespan="off",
            log_config=None,
            access_log=verbose,
            timeout_keep_alive=5,
            server_header=False,
        )
        self._server = uvicorn.Server(config)
        self._done = threading.Event()
        self._done.set()
        level = logging.INFO if verbose else logging.CRITICAL
        logging.getLogger("uvicorn.error").setLevel(level)
        if verbose and not logging.getLogger("uvicorn").handlers:
            logging.getLogger("uvicorn").addHandler(logging.StreamHandler())
            logging.getLogger("uvicorn.access").setLevel(logging.INFO)

    def serve_forever(self) -> None:
        self._done.clear()
        try:
            self._server.run(sockets=[self.socket])
        finally:
            self._done.set()

    def shutdown(self) -> None:
        """Stop serving (from another thread) and wait until the server has stopped."""
        self._server.should_exit = True
        self._done.wait(30)

    def server_close(self) -> None:
        """Release what the server holds: its socket and its query processes."""
        self.socket.close()
        self.pool.close()


def make_server(
    store: Path | str,
    host: str = "127.0.0.1",
    port: int = 7878,
    *,
    timeout: float = 5.0,
    max_rows: int = 10_000,
    verbose: bool = False,
    workers: int = 0,
    allowed_hosts: tuple[str, ...] = (),
) -> Server:
    """An endpoint bound and ready to `serve_forever()` (port 0 picks a free port), once
    `workers` query processes (default: one per CPU, at least two) hold the graph open.
    Requests must name it in `Host`: a loopback name, `host`, or one of `allowed_hosts`."""
    size = workers or max(os.cpu_count() or 2, 2)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.create_server((host, port), family=family, backlog=1024)
    try:
        pool = api.query_pool(store=store, workers=size)
        pool.wait_ready()
    except BaseException:
        sock.close()
        raise
    settings = Settings(pool=pool, timeout=timeout, max_rows=max_rows)
    return Server(sock, pool, settings, allowed_hosts, verbose)


def serve(server: Server, background: bool = False) -> threading.Thread | None:
    """Serve until interrupted, or in a daemon thread when `background`."""
    if background:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        return thread
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return None
