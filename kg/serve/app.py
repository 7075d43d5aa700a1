"""The endpoint's routes (Starlette): the SPARQL 1.1 Protocol's query operation at `/sparql`,
its Service Description, `/health` and the query page; every error in one JSON shape."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from kg import api
from kg.errors import KgError, QueryError, QueryTimeoutError, StoreError
from kg.serve.http import error_body
from kg.serve.negotiate import PAGE, choose, graph_format, service_description, solutions_format

__all__ = ["Settings", "make_app"]

MAX_BODY = 1_000_000  # bytes of a POSTed query
BODY_TIMEOUT = 10.0  # seconds a client has to send a whole body
_NOSNIFF = {"X-Content-Type-Options": "nosniff"}
_QUERY_TYPES = ("application/sparql-query", "application/x-www-form-urlencoded")
_UTF8 = ("utf-8", "utf8", "us-ascii", "ascii")


@dataclass(frozen=True)
class Settings:
    pool: api.WorkerPool
    timeout: float
    max_rows: int


class _Refused(Exception):
    """A request the protocol does not allow: its status and message."""

    def __init__(self, status: int, message: str, kind: str = "BadRequest") -> None:
        super().__init__(message)
        self.status, self.kind = status, kind


def _json_error(
    status: int, kind: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    return Response(
        error_body(status, kind, message),
        status_code=status,
        media_type="application/json",
        headers={**_NOSNIFF, **(headers or {})},
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:  # Starlette lists the methods in set order
        allow = sorted(headers.get("Allow", "GET").split(", "))
        headers["Allow"] = ", ".join(allow)
        message = f"{request.method} is not allowed here: use {', '.join(allow)}"
        return _json_error(405, "MethodNotAllowed", message, headers)
    if exc.status_code == 404:
        message = f"no route {request.url.path} (the endpoint is /sparql)"
        return _json_error(404, "NotFound", message, headers)
    return _json_error(exc.status_code, "BadRequest", str(exc.detail), headers)


async def _server_error(request: Request, exc: Exception) -> Response:
    return _json_error(500, type(exc).__name__, "the endpoint failed on this request")


def _media(content_type: str) -> tuple[str, str]:
    """(media type, charset) of a Content-Type header, both lower-cased."""
    media, *params = (p.strip() for p in content_type.split(";"))
    charset = ""
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.lower(), charset


async def _body(request: Request) -> bytes:
    """The request body (chunked or not), within the size cap and the read deadline."""
    declared = request.headers.get("content-length")
    if declared is not None and int(declared) > MAX_BODY:
        raise _Refused(413, f"the body is over {MAX_BODY} bytes", "PayloadTooLarge")
    chunks, size = [], 0
    try:
        with anyio.fail_after(BODY_TIMEOUT):
            async for chunk in request.stream():
                size += len(chunk)
                if size > MAX_BODY:
                    raise _Refused(413, f"the body is over {MAX_BODY} bytes", "PayloadTooLarge")
                chunks.append(chunk)
    except TimeoutError as err:
        message = f"the body did not arrive within {BODY_TIMEOUT:g} s"
        raise _Refused(408, message, "RequestTimeout") from err
    return b"".join(chunks)


def _decode(body: bytes, charset: str) -> str:
    if charset and charset not in _UTF8:
        raise _Refused(415, f"send the request in UTF-8, not {charset}", "UnsupportedMediaType")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise _Refused(400, f"the body is not UTF-8: {err}") from err


async def _operation(request: Request) -> dict[str, list[str]]:
    """The protocol parameters of a request: URL parameters, and for a POST those of its form
    body, or its SPARQL body as `query` (an update body as `update`)."""
    params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method != "POST":
        return params
    media, charset = _media(request.headers.get("content-type", ""))
    if media not in (*_QUERY_TYPES, "application/sparql-update"):
        shown = f"'{media}'" if media else "none"
        raise _Refused(
            415,
            f"unsupported Content-Type {shown}: POST a query as application/sparql-query or "
            "as an application/x-www-form-urlencoded form",
            "UnsupportedMediaType",
        )
    text = _decode(await _body(request), charset)
    if media == "application/x-www-form-urlencoded":
        for key, values in parse_qs(text, keep_blank_values=True).items():
            params.setdefault(key, []).extend(values)
        return params
    field = "update" if media == "application/sparql-update" else "query"
    params.setdefault(field, []).append(text)
    return params


def _options(params: dict[str, list[str]], endpoint: str) -> api.QueryOptions:
    """The dataset the protocol names (graphs inside the store) and the base IRI: the
    endpoint's URL."""
    defaults, named = params.get("default-graph-uri"), params.get("named-graph-uri")
    return api.QueryOptions(
        default_graphs=None if defaults is None else tuple(defaults),
        named_graphs=None if named is None else tuple(named),
        base_iri=endpoint,
    )


def _endpoint_url(request: Request) -> str:
    return f"http://{request.headers.get('host') or request.url.netloc}/sparql"


def _query_text(params: dict[str, list[str]]) -> str:
    """The one query of a request.

    Raises:
        _Refused: an update (the endpoint is read-only), both, or not exactly one query.
    """
    queries, updates = params.get("query", []), params.get("update", [])
    if queries and updates:
        raise _Refused(400, "give a query or an update, not both (and updates are refused)")
    if updates:
        raise _Refused(400, "updates are not allowed: the endpoint is read-only", "QueryError")
    if len(queries) != 1 or not queries[0].strip():
        raise _Refused(400, f"give exactly one non-empty 'query' (got {len(queries)})")
    return queries[0]


async def sparql(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    try:
        params = await _operation(request)
        endpoint = _endpoint_url(request)
        if request.method in ("GET", "HEAD") and not params:
            return _describe(request, endpoint)
        text = _query_text(params)
        options = _options(params, endpoint)
    except _Refused as err:
        return _json_error(err.status, err.kind, str(err))
    except ValueError as err:  # a Content-Length that is not a number
        return _json_error(400, "BadRequest", f"malformed request: {err}")
    accept = request.headers.get("accept", "")
    run = functools.partial(
        api.answer_in_pool,
        settings.pool,
        text,
        accept=lambda graph: graph_format(accept) if graph else solutions_format(accept),
        timeout=settings.timeout,
        max_rows=settings.max_rows,
        options=options,
    )
    try:
        body, fmt, truncated = await anyio.to_thread.run_sync(run)
    except QueryTimeoutError as err:
        return _json_error(503, type(err).__name__, str(err))
    except StoreError as err:
        return _json_error(503, type(err).__name__, str(err))
    except KgError as err:
        kind = type(err).__name__ if isinstance(err, QueryError) else "QueryError"
        return _json_error(400, kind, str(err))
    headers = {**_NOSNIFF, "Vary": "Accept"}
    if truncated:
        headers["X-KG-Truncated"] = "true"
    return Response(body.encode(), media_type=_content_type(fmt), headers=headers)


def _content_type(fmt: str) -> str:
    media = api.MEDIA_TYPES[fmt]
    return f"{media}; charset=utf-8" if media.startswith("text/") else media


def _describe(request: Request, endpoint: str) -> Response:
    """GET without a query: the Service Description (the query page for a browser)."""
    accept = request.headers.get("accept", "")
    offers: dict[str, tuple[str, ...]] = {"turtle": ("text/turtle",), "html": ("text/html",)}
    if choose(accept, offers, "turtle") == "html":
        return HTMLResponse(PAGE, headers=_NOSNIFF)
    headers = {**_NOSNIFF, "Vary": "Accept"}
    return Response(service_description(endpoint), media_type="text/turtle", headers=headers)


async def health(request: Request) -> Response:
    """Up, and what keeps its query workers off the network (empty: the query check alone)."""
    settings: Settings = request.app.state.settings
    body = json.dumps({"status": "ok", "isolation": list(settings.pool.protections)})
    return Response(body.encode(), media_type="application/json", headers=_NOSNIFF)


async def page(request: Request) -> Response:
    return HTMLResponse(PAGE, headers=_NOSNIFF)


def make_app(settings: Settings) -> Any:
    """The Starlette application over a worker pool."""
    methods = ["GET", "HEAD", "POST"]
    app = Starlette(
        routes=[
            Route("/sparql", sparql, methods=methods),
            Route("/sparql/", sparql, methods=methods),
            Route("/health", health, methods=["GET", "HEAD"]),
            Route("/", page, methods=["GET", "HEAD"]),
            Route("/index.html", page, methods=["GET", "HEAD"]),
        ],
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
    )
    app.state.settings = settings
    return app
