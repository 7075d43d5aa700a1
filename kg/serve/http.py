"""The endpoint's HTTP edge: uvicorn's HTTP/1.1 connection (h11 parses requests, bounds their
heads, reads chunked bodies and refuses a bad `Content-Length`), made to answer its own errors
in the endpoint's JSON shape and to drop a client that does not send a whole request head in
time; and the Host and Origin checks that keep other sites out.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, MutableMapping
from http import HTTPStatus
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["MAX_HEAD", "MAX_URL", "HostGuard", "JsonErrorProtocol", "error_body"]

MAX_HEAD = 64 * 1024  # request line and headers
MAX_URL = 32 * 1024  # a longer GET query must be POSTed
HEAD_TIMEOUT = 10.0  # seconds a client has to send a whole request head

_LOOPBACK = {"localhost", "127.0.0.1", "::1"}

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


class JsonErrorProtocol(H11Protocol):
    """uvicorn's h11 connection, with errors in JSON and a deadline on each request head."""

    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm_head_timer()  # the next request on this connection has its own deadline

    def _arm_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
        self._head_timer = self.loop.call_later(HEAD_TIMEOUT, self._head_timed_out)

    def _head_timed_out(self) -> None:
        """No whole request head in time: answer 408 if part of one came, then close."""
        waiting = self.conn.their_state is h11.IDLE and (
            self.cycle is None or self.cycle.response_complete
        )
        if self.transport.is_closing() or not waiting:
            return
        if self.conn.trailing_data[0]:
            message = f"no complete request head within {HEAD_TIMEOUT:g} s"
            self.transport.write(_raw_error(408, "RequestTimeout", message))
        self.transport.close()

    def send_400_response(self, msg: str) -> None:
        """A request h11 could not read: too long a head (414 for the request line, 431 for
        the headers) or malformed (request line, header, `Content-Length`)."""
        buffered = self.conn.trailing_data[0]
        if len(buffered) > MAX_HEAD and b"\r\n" not in buffered[:MAX_HEAD]:
            status, kind = 414, "URITooLong"
            message = f"the request line is over {MAX_HEAD} bytes: send the query with POST"
        elif len(buffered) > MAX_HEAD:
            status, kind = 431, "RequestHeaderFieldsTooLarge"
            message = f"the request head is over {MAX_HEAD} bytes"
        else:
            status, kind = 400, "BadRequest"
            message = (
                "malformed HTTP request (request line, a header, or Content-Length): "
                "send HTTP/1.1 with a valid Content-Length or chunked body"
            )
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
            status, kind = 414, "URITooLong"  # h11 bounds only a head that arrives in parts
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
