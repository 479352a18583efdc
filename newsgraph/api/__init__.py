"""The REST API and web UI of ``newsgraph serve`` (docs/api.md).

    from newsgraph.api import create_app
    app = create_app("news.db", token="s3cret")      # an ASGI app (FastAPI); run it with uvicorn

Read routes (``GET /api/...``) only read the store; ``POST /api/articles`` ingests and needs
``Authorization: Bearer <token>``. Every error is one JSON envelope:
``{"ok": false, "error": "...", "errors": [...], "status": 404}``.
"""

from __future__ import annotations

from .app import DEFAULT_MAX_BODY_BYTES, create_app

__all__ = ["DEFAULT_MAX_BODY_BYTES", "create_app"]
