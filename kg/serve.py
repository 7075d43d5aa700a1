"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over the built graph.

- `GET /sparql?query=…`, `POST /sparql` with a URL-encoded form or `application/sparql-query`;
- results by content negotiation: SPARQL JSON (default), XML, CSV, TSV; Turtle or N-Triples
  for CONSTRUCT/DESCRIBE;
- queries run in a pool of worker processes that keep the graph open; a worker past the
  deadline (`--timeout`) is killed and replaced; each has a memory cap; at most
  `--max-rows` rows are returned, and `truncated` says when more matched;
- updates, `SERVICE`, `LOAD` and `FROM` are refused before anything runs (queries never reach
  the network); every error has one JSON shape: `{"error": {"status", "type", "message"}}`;
- `GET /health` and a small query page at `/` (no external assets).

Interfaces are thin: this module parses HTTP and calls the facade's worker pool, nothing else.
"""

from __future__ import annotations

import json
import os
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from kg import api
from kg.errors import KgError, QueryError, QueryTimeoutError, StoreError, StoreNotFoundError

__all__ = ["make_server", "serve"]

_MAX_BODY = 1_000_000
_MEDIA = {media: fmt for fmt, media in api.MEDIA_TYPES.items()} | {
    "application/json": "json",
    "application/xml": "xml",
}
_CONTENT_TYPE = api.MEDIA_TYPES
_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>kg SPARQL</title>
<style>body{font:15px system-ui;margin:2em;max-width:60em}textarea{width:100%;height:12em;
font:13px monospace}pre{background:#f4f4f4;padding:1em;overflow:auto}</style></head><body>
<h1>kg SPARQL endpoint</h1><p>Read-only. Prefixes <code>kg kgc kgd skos rdf rdfs owl prov
dcterms xsd</code> are predeclared.</p>
<form id="f"><textarea name="query">SELECT ?label WHERE { ?c a kg:Concept ; skos:prefLabel ?label }
LIMIT 20</textarea><p><button>Run</button></p></form><pre id="out"></pre>
<script>
document.getElementById('f').onsubmit = async (e) => {
  e.preventDefault();
  const body = new URLSearchParams(new FormData(e.target));
  const r = await fetch('/sparql', {method: 'POST', body,
    headers: {'Accept': 'application/sparql-results+json'}});
  document.getElementById('out').textContent = JSON.stringify(await r.json(), null, 2);
};
</script></body></html>"""


def _negotiate(accept: str, graph: bool) -> str:
    """The result format for an Accept header (first supported type wins)."""
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        fmt = _MEDIA.get(media)
        if fmt and (fmt in ("turtle", "ntriples")) == graph:
            return fmt
    return "turtle" if graph else "json"


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    def _send(
        self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: HTTPStatus, err: Exception | str) -> None:
        kind = type(err).__name__ if isinstance(err, Exception) else "BadRequest"
        payload = {"error": {"status": int(status), "type": kind, "message": str(err)}}
        self._send(int(status), json.dumps(payload).encode(), "application/json")

    def do_GET(self) -> None:
        url = urlparse(self.path)
        if url.path == "/health":
            self._send(200, b'{"status": "ok"}', "application/json")
        elif url.path in ("/", "/index.html"):
            self._send(200, _PAGE.encode(), "text/html; charset=utf-8")
        elif url.path == "/sparql":
            queries = parse_qs(url.query).get("query", [])
            self._query(queries[0] if len(queries) == 1 else None)
        else:
            self._error(HTTPStatus.NOT_FOUND, f"no route {url.path}")

    def do_POST(self) -> None:
        if urlparse(self.path).path != "/sparql":
            self._error(HTTPStatus.NOT_FOUND, f"no route {self.path}")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "query too large")
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            self._query(body)
        elif kind == "application/x-www-form-urlencoded":
            form = parse_qs(body)
            if "update" in form:
                self._error(HTTPStatus.BAD_REQUEST, QueryError("updates are not allowed"))
                return
            queries = form.get("query", [])
            self._query(queries[0] if len(queries) == 1 else None)
        else:
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"unsupported content type '{kind}'")

    def _query(self, query: str | None) -> None:
        if not query:
            self._error(HTTPStatus.BAD_REQUEST, QueryError("give exactly one 'query'"))
            return
        accept = self.headers.get("Accept") or ""
        try:
            body, fmt, truncated = api.answer_in_pool(
                self.server.pool,
                query,
                accept=lambda graph: _negotiate(accept, graph),
                timeout=self.server.query_timeout,
                max_rows=self.server.max_rows,
            )
        except QueryTimeoutError as err:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, err)
        except (StoreNotFoundError, StoreError) as err:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, err)
        except KgError as err:
            self._error(HTTPStatus.BAD_REQUEST, err)
        else:
            headers = {"X-KG-Truncated": "true"} if truncated else {}
            self._send(200, body.encode(), _CONTENT_TYPE[fmt], headers)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        store: Path | str,
        timeout: float,
        max_rows: int,
        verbose: bool,
        workers: int,
    ) -> None:
        super().__init__(address, _Handler)
        self.store = store
        self.pool = api.query_pool(store=store, workers=workers)
        self.pool.wait_ready()
        self.query_timeout = timeout
        self.max_rows = max_rows
        self.verbose = verbose


def make_server(
    store: Path | str,
    host: str = "127.0.0.1",
    port: int = 7878,
    *,
    timeout: float = 5.0,
    max_rows: int = 10_000,
    verbose: bool = False,
    workers: int = 0,
) -> _Server:
    """An endpoint ready to `serve_forever()` (port 0 picks a free port); `workers` query
    processes (default: one per CPU, at least two)."""
    size = workers or max(os.cpu_count() or 2, 2)
    return _Server((host, port), store, timeout, max_rows, verbose, size)


def serve(server: _Server, background: bool = False) -> threading.Thread | None:
    """Serve until interrupted, or in a daemon thread when `background`."""
    if background:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        return thread
    try:
        server.serve_forever()
    finally:
        server.server_close()
        server.pool.close()
    return None
