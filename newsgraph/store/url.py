"""What ``--db`` accepts, turned into a SQLAlchemy URL.

A bare path (``news.db``, ``~/data/news.sqlite``) means a SQLite file; ``sqlite:///...`` and
``postgresql://...`` (or ``postgres://``) are database URLs. PostgreSQL URLs get the psycopg 3
driver unless they name one, so users can paste the URL their hosting gives them.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from ..errors import StoreError

DEFAULT_DB = "newsgraph.db"
_SUPPORTED = "a file path (SQLite), sqlite:///PATH or postgresql://USER@HOST:PORT/DBNAME"


def parse_db_url(db: str | Path) -> URL:
    """The SQLAlchemy URL for a ``--db`` value. Raises StoreError for other kinds of database."""
    raw = str(db).strip()
    if not raw:
        raise StoreError(f"No database given. Use {_SUPPORTED}.")
    if "://" not in raw:
        return _sqlite_file(raw)
    if raw.startswith("postgres://"):  # Heroku-style alias that SQLAlchemy does not know
        raw = "postgresql://" + raw[len("postgres://") :]
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise StoreError(f"Cannot read the database URL {raw!r}: {exc}. Use {_SUPPORTED}.") from None
    backend, _, driver = url.drivername.partition("+")
    if backend == "sqlite":
        if driver and driver != "pysqlite":
            raise StoreError(f"SQLite driver {driver!r} is not supported; use sqlite:///PATH.")
        if url.database in (None, "", ":memory:"):
            return url.set(drivername="sqlite+pysqlite", database=":memory:")
        return _sqlite_file(url.database, url)
    if backend == "postgresql":
        if driver and driver != "psycopg":
            raise StoreError(
                f"PostgreSQL driver {driver!r} is not supported; newsgraph uses psycopg 3. "
                f"Write the URL as postgresql://... (or postgresql+psycopg://...)."
            )
        return url.set(drivername="postgresql+psycopg")
    raise StoreError(f"Databases of kind {backend!r} are not supported. Use {_SUPPORTED}.")


def _sqlite_file(path: str, url: URL | None = None) -> URL:
    p = Path(path).expanduser()
    if p.is_dir():
        raise StoreError(f"{p} is a directory; give a file for the SQLite store, e.g. {p / DEFAULT_DB}.")
    if not p.parent.exists():
        raise StoreError(f"Cannot create the SQLite store {p}: the folder {p.parent} does not exist.")
    base = url if url is not None else make_url("sqlite://")
    return base.set(drivername="sqlite+pysqlite", database=str(p.resolve()))


def display_url(url: URL) -> str:
    """The URL with any password hidden, for messages and logs."""
    return url.render_as_string(hide_password=True)
