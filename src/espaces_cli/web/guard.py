"""What every response goes through: size limits, a per-client rate limit, strict headers.

The server is reachable by the whole room's Wi-Fi: a request body larger than a
questionnaire needs is refused before it is read whole (413), a client sending too many
requests waits (429), and every response says that no script may come from anywhere but
this server's own files.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY_BYTES = 64 * 1024
"""A whole questionnaire takes a few kilobytes."""

SECURITY_HEADERS = (
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)


@dataclass(frozen=True)
class Limits:
    """How much one client may ask: ``rate`` requests a second on average, ``burst`` at once."""

    rate: float = 10.0
    burst: int = 60
    max_body: int = MAX_BODY_BYTES
    max_clients: int = 10_000


class RateLimiter:
    """A token bucket per client address, the oldest forgotten past ``max_clients``."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self._limits = limits
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.pop(client, (float(self._limits.burst), now))
            tokens = min(float(self._limits.burst), tokens + (now - last) * self._limits.rate)
            allowed = tokens >= 1.0
            self._buckets[client] = (tokens - 1.0 if allowed else tokens, now)
            while len(self._buckets) > self._limits.max_clients:
                self._buckets.popitem(last=False)
        return allowed


async def _plain(
    send: Send, status: int, text: str, extra: tuple[tuple[bytes, bytes], ...] = ()
) -> None:
    body = text.encode("utf-8")
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
        *SECURITY_HEADERS,
        *extra,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class TooLarge(Exception):
    """The body went past the limit while it was being read."""


class Guard:
    """ASGI middleware: limits first, then the application, then the security headers.

    ``refusals`` gives the one-line texts of 413 and 429 in the request's language.
    """

    def __init__(
        self,
        app: App,
        limits: Limits,
        refusals: Callable[[Scope], tuple[str, str]],
    ) -> None:
        self.app = app
        self.limits = limits
        self.refusals = refusals
        self.limiter = RateLimiter(limits)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        address = client[0] if client else "?"
        if not self.limiter.allow(address):
            await _plain(send, 429, self.refusals(scope)[1], ((b"retry-after", b"1"),))
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.limits.max_body:
            await _plain(send, 413, self.refusals(scope)[0])
            return
        received = 0
        overflow = False

        async def limited_receive() -> Message:
            nonlocal received, overflow
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limits.max_body:
                    overflow = True
                    raise TooLarge
            return message

        async def secured_send(message: Message) -> None:
            if overflow:
                return  # the application's error page for TooLarge: a 413 goes instead
            if message["type"] == "http.response.start":
                given = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"server"]
                names = {k.lower() for k, _v in given}
                given += [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message["headers"] = given
            await send(message)

        try:
            await self.app(scope, limited_receive, secured_send)
        except TooLarge:
            await _plain(send, 413, self.refusals(scope)[0])
            return
        if overflow:  # read past the limit, the error swallowed by the application
            await _plain(send, 413, self.refusals(scope)[0])


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
