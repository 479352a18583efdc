"""``create_app``: the FastAPI application of ``newsgraph serve`` (REST API + web UI).

Security defaults: writes need a bearer token (none configured: writes disabled); request bodies
are limited (``max_body_bytes``, 413 beyond); CORS is off unless origins are given; every
response carries a strict Content-Security-Policy (scripts and styles from this server only) and
``X-Content-Type-Options: nosniff``; the interactive docs pages (which load scripts from a CDN)
are off, the spec is at ``/openapi.json``.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..config import Settings
from ..store import Store, open_store
from .auth import check_token
from .data import ActorIndex, RelationSource, index_for
from .errors import envelope, error_response, install_error_handlers
from .routes import router

DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024  # 2 MiB: ten long articles in one POST

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"content-security-policy", CSP.encode("ascii")),
]


@dataclass
class AppState:
    store: Store
    token: str | None
    max_body_bytes: int
    index: ActorIndex
    relations: RelationSource
    settings: Settings
    write_lock: threading.Lock
    owns_store: bool


class BodyLimit:
    """413 (in the error envelope) for a request body over ``max_bytes``: at once when
    Content-Length says so, else as soon as the streamed body passes the limit."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            try:
                n = int(length)
            except ValueError:
                await error_response(400, "Content-Length is not a number.")(scope, receive, send)
                return
            if n > self.max_bytes:
                await self._too_large()(scope, receive, send)
                return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise HTTPException(413, self._message())
            return message

        await self.app(scope, limited, send)

    def _message(self) -> str:
        return f"Request body too large: the limit is {self.max_bytes} bytes."

    def _too_large(self) -> Any:
        return error_response(413, self._message())


class HostCheck:
    """400 (in the envelope) for a Host header outside ``hosts``: a server on 127.0.0.1 answers
    only to the names of this machine, which stops DNS-rebinding pages from reading it."""

    def __init__(self, app: ASGIApp, hosts: Sequence[str]) -> None:
        self.app = app
        self.hosts = {h.lower() for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            raw = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            if host_name(raw) not in self.hosts:
                await error_response(400, "Invalid Host header for this server.")(scope, receive, send)
                return
        await self.app(scope, receive, send)


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")


def host_name(raw: str) -> str:
    """The name in a Host header, without the port: "localhost:8000" -> "localhost",
    "[::1]:8000" -> "[::1]"."""
    raw = raw.strip().lower()
    if raw.startswith("["):
        end = raw.find("]")
        return raw[: end + 1] if end != -1 else raw
    if raw.count(":") == 1:
        return raw.split(":", 1)[0]
    return raw


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(
    db_url: str | Path | Store,
    token: str | None = None,
    cors_origins: Sequence[str] = (),
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    *,
    create: bool = False,
    settings: Settings | None = None,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The API and web UI over the store at ``db_url`` (a path, a database URL or an open Store).

    ``token``: the bearer token for writes (None: writes disabled). ``cors_origins``: origins
    allowed to call the API from a browser ("*" for any; empty: no CORS headers at all).
    ``create``: open a missing SQLite file as a new, empty store instead of failing.
    ``allowed_hosts``: Host header names answered (None: any; ``newsgraph serve`` on a loopback
    address passes LOOPBACK_HOSTS)."""
    if token is not None:
        token = check_token(token)
    if max_body_bytes < 1:
        raise ValueError("max_body_bytes must be 1 or more")
    owns = not isinstance(db_url, Store)
    store = open_store(db_url, create=create)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owns:
            store.close()

    app = FastAPI(
        title="newsgraph",
        version=__version__,
        summary="Political event data and a time-aware actor-relation graph from news articles.",
        description=(
            "Read routes are open; `POST /api/articles` needs `Authorization: Bearer <token>`. "
            'Every error is `{"ok": false, "error": "...", "errors": [...], "status": N}`.'
        ),
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.newsgraph = AppState(
        store=store,
        token=token,
        max_body_bytes=max_body_bytes,
        index=index_for(),
        relations=RelationSource(store),
        settings=settings or Settings.from_env(),
        write_lock=threading.Lock(),
        owns_store=owns,
    )
    install_error_handlers(app)
    app.include_router(router)

    from ..web import mount_web

    mount_web(app)

    from starlette.middleware.gzip import GZipMiddleware

    app.add_middleware(GZipMiddleware, minimum_size=2048)  # the network page's script: 600 kB -> 180 kB
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    if allowed_hosts is not None:
        app.add_middleware(HostCheck, hosts=allowed_hosts)
    app.add_middleware(SecurityHeaders)
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            allow_credentials=False,
            max_age=600,
        )
    return app


__all__ = [
    "CSP",
    "DEFAULT_MAX_BODY_BYTES",
    "LOOPBACK_HOSTS",
    "BodyLimit",
    "HostCheck",
    "SecurityHeaders",
    "create_app",
    "envelope",
]
