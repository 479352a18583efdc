"""The write token: where it comes from and how a request proves it.

The token is read from the environment (``NEWSGRAPH_API_TOKEN``) or from a file (``--token-file``:
its first non-empty line); it is never logged or echoed. With no token configured, writes are
disabled: a request without credentials gets 401, one with credentials 403.
Tokens are compared in constant time.
"""

from __future__ import annotations

import hmac
import os
from pathlib import Path

from fastapi import Request

from ..errors import ConfigError
from .errors import ApiError

TOKEN_ENV = "NEWSGRAPH_API_TOKEN"
MIN_TOKEN_CHARS = 16
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="newsgraph"'}


def load_token(token_file: str | Path | None = None, env: dict[str, str] | None = None) -> str | None:
    """The configured write token: from ``token_file`` if given, else from NEWSGRAPH_API_TOKEN;
    None when neither is set (writes disabled). A token file readable by others is refused."""
    if token_file:
        p = Path(token_file).expanduser()
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read the token file {p} ({exc.strerror or exc})") from None
        if os.name == "posix" and p.stat().st_mode & 0o077:
            raise ConfigError(
                f"the token file {p} can be read by other users; restrict it first: chmod 600 {p}"
            )
        token = next((line.strip() for line in text.splitlines() if line.strip()), "")
        if not token:
            raise ConfigError(f"the token file {p} is empty")
        return check_token(token)
    value = (env if env is not None else os.environ).get(TOKEN_ENV, "").strip()
    return check_token(value) if value else None


def check_token(token: str) -> str:
    if len(token) < MIN_TOKEN_CHARS:
        raise ConfigError(
            f"the API token is too short ({len(token)} characters; use at least {MIN_TOKEN_CHARS}, e.g. "
            f"python -c 'import secrets; print(secrets.token_urlsafe(32))')"
        )
    if any(c.isspace() for c in token):
        raise ConfigError("the API token must not contain spaces")
    return token


def require_token(request: Request) -> None:
    """Dependency of write routes: 401 without (valid) credentials, 403 when writes are disabled."""
    configured: str | None = request.app.state.newsgraph.token
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if not header or scheme.lower() != "bearer" or not given.strip():
        raise ApiError(
            401, "Authentication required: send Authorization: Bearer <token>.", headers=_CHALLENGE
        )
    if configured is None:
        raise ApiError(403, "Writes are disabled on this server: it was started without an API token.")
    if not hmac.compare_digest(given.strip().encode("utf-8"), configured.encode("utf-8")):
        raise ApiError(401, "Invalid token.", headers=_CHALLENGE)
