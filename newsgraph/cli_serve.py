"""``newsgraph serve``: the REST API and web UI over a store (newsgraph.api).

Binds 127.0.0.1 by default: only this machine can connect. The write token comes from the
environment (NEWSGRAPH_API_TOKEN) or from ``--token-file``; it is never printed or logged. With
no token, the server is read-only (POST /api/articles answers 401/403).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any, TypeVar

import click

from .cli_common import fail_cleanly as _fail_cleanly

F = TypeVar("F", bound=Callable[..., Any])




def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option(
    "--db",
    default="newsgraph.db",
    envvar="NEWSGRAPH_DB",
    show_default=True,
    help="the store: a file path (SQLite), sqlite:///PATH or postgresql://USER@HOST/DB [env NEWSGRAPH_DB]",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="address to listen on; 0.0.0.0 exposes the server to the network",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--token-file",
    type=click.Path(dir_okay=False),
    default=None,
    help="file holding the write token (first line; chmod 600). Default: env NEWSGRAPH_API_TOKEN. "
    "No token: read-only server",
)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    metavar="ORIGIN",
    help="allow browser calls from this origin (repeatable); CORS is off by default",
)
@click.option(
    "--max-body-bytes",
    type=click.IntRange(min=1024),
    default=None,
    help="largest request body accepted (default 2 MiB); larger gets 413",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="also answer to this Host name (repeatable; e.g. the name a reverse proxy forwards); "
    "on a loopback address only this machine's names are answered by default",
)
@click.option("--create", is_flag=True, help="start on an empty store when the SQLite file does not exist")
@click.option(
    "--log-level",
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    default="info",
    show_default=True,
)
@_fail_cleanly
def serve(
    db: str,
    host: str,
    port: int,
    token_file: str | None,
    cors_origins: tuple[str, ...],
    max_body_bytes: int | None,
    allow_hosts: tuple[str, ...],
    create: bool,
    log_level: str,
) -> None:
    """REST API and web UI over the store (http://127.0.0.1:8000 by default; the API spec at
    /openapi.json). Writes (POST /api/articles) need the token."""
    try:
        import uvicorn

        from .api import DEFAULT_MAX_BODY_BYTES, create_app
        from .api.app import LOOPBACK_HOSTS
    except ImportError as exc:
        raise click.ClickException(
            f"the server needs FastAPI and uvicorn ({exc}); pip install 'newsgraph[serve]'"
        ) from None
    from .api.auth import load_token

    token = load_token(token_file)
    # On a loopback address, answer only to this machine's names (no DNS rebinding); on a
    # network address, to any name unless --allow-host lists them.
    hosts: list[str] | None = None
    if _is_loopback(host):
        hosts = [*LOOPBACK_HOSTS, *allow_hosts]
    elif allow_hosts:
        hosts = [*allow_hosts, host]
    app = create_app(
        db,
        token=token,
        cors_origins=cors_origins,
        max_body_bytes=max_body_bytes or DEFAULT_MAX_BODY_BYTES,
        create=create,
        allowed_hosts=hosts,
    )
    where = app.state.newsgraph.store.where
    click.echo(
        f"newsgraph: serving {where} on http://{host}:{port}/ "
        f"({'writes need the token' if token else 'read-only: no API token configured'})",
        err=True,
    )
    if not _is_loopback(host):
        click.echo(
            f"warning: listening on {host}, not only this machine; put TLS in front of it "
            f"(a reverse proxy) before sending the token over a network",
            err=True,
        )
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False, proxy_headers=False)


if __name__ == "__main__":  # pragma: no cover
    serve()
