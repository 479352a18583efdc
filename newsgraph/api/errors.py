"""One error envelope for every error the API returns (404, 401, 403, 413, 422, 500, 503).

    {"ok": false, "error": "one line a person can read",
     "errors": [{"loc": [...], "msg": "..."}], "status": 422}

``errors`` lists the individual problems (validation errors by field); it may be empty.
Nothing internal leaks: an unexpected exception becomes a 500 with a generic message, and the
traceback goes to the server log only.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ConfigError, NewsgraphError, ReaderError, StoreError

log = logging.getLogger("newsgraph.api")

_REASONS = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    413: "Request body too large",
    415: "Unsupported media type",
    422: "Invalid request",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}


class ApiError(Exception):
    """Raised by routes: becomes the envelope with this status, message and details."""

    def __init__(
        self,
        status: int,
        error: str,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.errors = errors or []
        self.headers = headers


def envelope(status: int, error: str, errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"ok": False, "error": error, "errors": errors or [], "status": status}


def error_response(
    status: int, error: str, errors: list[dict[str, Any]] | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(envelope(status, error, errors), status_code=status, headers=headers)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for e in exc.errors():
        item = {
            "loc": [str(x) for x in e.get("loc", ())],
            "msg": str(e.get("msg", "")),
            "type": str(e.get("type", "")),
        }
        out.append(item)
    return out


def _store_failed(exc: BaseException) -> bool:
    """A StoreError caused by the database itself (not by the request's values)."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, SQLAlchemyError):
            return True
        cause = cause.__cause__
    return False


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.error, exc.errors, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        status = exc.status_code
        detail = exc.detail if isinstance(exc.detail, str) else None
        message = detail if detail and detail != _REASONS.get(status) else _REASONS.get(status, "Error")
        if status == 404 and (not detail or detail == "Not Found"):
            message = "Not found: no such path. The API lives under /api/ (see /openapi.json)."
        return error_response(status, message, [], getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        details = _validation_details(exc)
        first = details[0] if details else None
        where = ".".join(x for x in first["loc"] if x not in ("query", "path", "body")) if first else ""
        message = f"Invalid request: {where}: {first['msg']}" if first and where else "Invalid request"
        return error_response(422, message, details)

    @app.exception_handler(StoreError)
    async def _store_error(_request: Request, exc: StoreError) -> JSONResponse:
        if _store_failed(exc):
            log.error("store failure: %s", exc)
            return error_response(503, "The store cannot be read right now; try again later.")
        return error_response(422, str(exc))

    @app.exception_handler(ConfigError)
    async def _config_error(_request: Request, exc: ConfigError) -> JSONResponse:
        return error_response(422, str(exc))

    @app.exception_handler(ReaderError)
    async def _reader_error(_request: Request, exc: ReaderError) -> JSONResponse:
        return error_response(422, str(exc))

    @app.exception_handler(NewsgraphError)
    async def _newsgraph_error(request: Request, exc: NewsgraphError) -> JSONResponse:
        # The model or the knowledge base is broken: the server's problem, not the request's.
        log.error("%s on %s %s: %s", type(exc).__name__, request.method, request.url.path, exc)
        return error_response(500, "Internal server error; the server log has the details.")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, "Internal server error; the server log has the details.")
