"""The web UI: server-rendered page shells (Jinja2, autoescaped) and the static assets built
from ``web-src/`` (``npm run build`` there writes ``static/``; the built files are committed, so
a pip install serves the UI offline, with no CDN and no npm).

The pages fetch their data from the REST API and put every piece of text into the page with
``textContent`` / DOM nodes, never ``innerHTML``; links from data are shown as links only when
they are http(s). A strict Content-Security-Policy (app.py) backs this up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.templating import Jinja2Templates

from .. import __version__

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"

_env = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=select_autoescape(
        enabled_extensions=("html", "htm", "xml"), default_for_string=True, default=True
    ),
)
templates = Jinja2Templates(env=_env)


def _page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("version", __version__)
    return templates.TemplateResponse(request, name, context, status_code=status)


def mount_web(app: FastAPI) -> None:
    """Add the UI pages (``/``, ``/actors/{id}``, ``/events/{id}``) and ``/static`` to ``app``."""
    if not (STATIC / "js").is_dir():
        raise RuntimeError(
            f"the web UI's built assets are missing from {STATIC}; run `npm ci && npm run build` in web-src/"
        )
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request) -> HTMLResponse:
        return _page(request, "index.html", title="newsgraph")

    @app.get("/actors/{actor_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, actor_id: str) -> HTMLResponse:
        return _page(request, "actor.html", title=actor_id, actor_id=actor_id)

    @app.get("/events/{event_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str) -> HTMLResponse:
        return _page(request, "event.html", title=event_id, event_id=event_id)


__all__ = ["STATIC", "TEMPLATES", "mount_web"]
