"""The endpoint's HTTP edge: uvicorn's HTTP/1.1 connection over httptools (llhttp, the parser
of Node.js: it reads request lines, headers and chunked bodies, and refuses a bad
`Content-Length`), made to answer its own errors in the endpoint's JSON shape, to bound a
request head, and to drop a client that does not send a whole head in time; and the Host and
Origin checks that keep other sites out. (h11, pure Python, served about a third fewer
requests a second: see `bench/bench_endpoint.py`.)
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from http import HTTPStatus
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

__all__ = ["MAX_HEAD", "MAX_URL", "HostGuard", "JsonErrorProtocol", "error_body"]

MAX_HEAD = 64 * 1024  # request line and headers
MAX_URL = 32 * 1024  # a longer GET query must be POSTed
HEAD_TIMEOUT = 10.0  # seconds a client has to send a whole request head

_LOOPBACK = {"localhost", "127.0.0.1", "::1"}
_HOST = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?")  # name or [v6], port

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def error_body(status: int, kind: str, message: str) -> bytes:
    """The one error shape: `{"error": {"status", "type", "message"}}`."""
    return json.dumps({"error": {"status": status, "type": kind, "message": message}}).encode()


def _raw_error(status: int, kind: str, message: str) -> bytes:
    """A whole HTTP/1.1 error response that closes the connection (written where no request
    could be read, so no HTTP machinery is left to build it)."""
    body = error_body(status, kind, message)
    head = (
        f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(body)}\r\n"
        "x-content-type-options: nosniff\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class _Refused(Exception):
    """Raised from a parser callback once the request has been answered: stop parsing."""


class JsonErrorProtocol(HttpToolsProtocol):
    """uvicorn's HTTP/1.1 connection (httptools: llhttp parses requests, reads chunked bodies,
    refuses a bad `Content-Length`), with its errors in JSON, a cap on each request head and a
    deadline for it."""

    _head_timer: asyncio.TimerHandle | None = None
    _reading_head = True  # the next bytes are (part of) a request head
    _url_bytes = 0
    _head_bytes = 0  # of the head being read, as the parser reports its parts
    _partial = False  # some bytes of the next head came

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        self._partial = self._partial or self._reading_head
        super().data_received(data)
        if self._reading_head and self._head_bytes > MAX_HEAD and not self.transport.is_closing():
            self._refuse_long_head()  # a head still coming, already too long

    def on_url(self, url: bytes) -> None:
        super().on_url(url)
        self._url_bytes += len(url)
        self._head_bytes += len(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        super().on_header(name, value)
        self._head_bytes += len(name) + len(value) + 4

    def on_headers_complete(self) -> None:
        self._reading_head = False
        if self._head_bytes > MAX_HEAD:
            self._refuse_long_head()
            raise _Refused  # stops the parser: no request starts
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._reading_head, self._url_bytes, self._head_bytes = True, 0, 0
        self._partial = False

    def _refuse_long_head(self) -> None:
        if self._url_bytes > MAX_HEAD:
            message = f"the URL is over {MAX_HEAD} bytes: send the query with POST"
            self._refuse(414, "URITooLong", message)
        else:
            message = f"the request head is over {MAX_HEAD} bytes"
            self._refuse(431, "RequestHeaderFieldsTooLarge", message)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm_head_timer()  # the next request on this connection has its own deadline

    def _arm_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
        self._head_timer = self.loop.call_later(HEAD_TIMEOUT, self._head_timed_out)

    def _head_timed_out(self) -> None:
        """No whole request head in time: answer 408 if part of one came, then close."""
        idle = self.cycle is None or self.cycle.response_complete
        if self.transport.is_closing() or not (self._reading_head and idle):
            return
        if self._partial:
            message = f"no complete request head within {HEAD_TIMEOUT:g} s"
            self._refuse(408, "RequestTimeout", message)
        self.transport.close()

    def send_400_response(self, msg: str) -> None:
        """A request llhttp could not read: too long a head, or a malformed request line
        (an unknown method too), header, `Content-Length` or chunk."""
        if self.transport.is_closing():
            return  # refused already (a head too long)
        message = (
            "malformed HTTP request (request line, a header, Content-Length or a chunk): "
            "send HTTP/1.1 with a valid Content-Length or chunked body"
        )
        self._refuse(400, "BadRequest", message)

    def _refuse(self, status: int, kind: str, message: str) -> None:
        self.transport.write(_raw_error(status, kind, message))
        self.transport.close()


def _hostname(host: str) -> str:
    """The name in a Host header, without port or IPv6 brackets, lower-cased."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class HostGuard:
    """ASGI middleware: a request must name this endpoint in `Host` (a loopback name, the
    bound address, or a name allowed with `--allow-host`), so a DNS-rebinding page cannot
    reach it; a browser request from another origin (`Origin`, `Sec-Fetch-Site`) is
    refused, so a page the user visits cannot post queries to it; a URL over `MAX_URL`
    bytes gets 414."""

    def __init__(self, app: ASGIApp, bound: str, allowed: tuple[str, ...] = ()) -> None:
        self.app = app
        self.names = _LOOPBACK | {_hostname(bound)} | {_hostname(a) for a in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        status, kind, refusal = 403, "Forbidden", self._refusal(headers)
        if len(scope["raw_path"]) + len(scope["query_string"]) > MAX_URL:
            status, kind = 414, "URITooLong"  # the protocol bounds a head that arrives in parts
            refusal = f"the URL is over {MAX_URL} bytes: send the query with POST"
        if refusal is None:
            await self.app(scope, receive, send)
            return
        body = error_body(status, kind, refusal)
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"x-content-type-options", b"nosniff"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    def _refusal(self, headers: dict[str, str]) -> str | None:
        host = headers.get("host", "")
        if host and not _HOST.fullmatch(host):
            return f"malformed Host '{host}'"
        if host and _hostname(host) not in self.names:
            names = ", ".join(sorted(self.names))
            return (
                f"Host '{host}' is not this endpoint (it answers to {names}; "
                "`kg serve --allow-host NAME` adds a name)"
            )
        origin = headers.get("origin")
        if origin is not None and origin.lower() != f"http://{host.lower()}":
            return f"cross-origin requests are refused (Origin '{origin}')"
        if headers.get("sec-fetch-site", "").lower() == "cross-site":
            return "cross-site requests are refused"
        return None
