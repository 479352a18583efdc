"""Store: an open database (SQLite file or PostgreSQL) at the newest schema.

SQLite is set up for a single writer and many readers: WAL journal, foreign keys on, a busy
timeout, and explicit ``BEGIN`` statements, because Python's sqlite3 module otherwise runs
DDL outside transactions and would let a killed migration leave half a schema behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..errors import StoreError
from . import schema
from .migrate import upgrade
from .url import display_url, parse_db_url

SQLITE_BUSY_MS = 30_000  # a second writer waits this long for the first one's batch to commit
WRITE_LOCK_KEY = 0x6E657778  # PostgreSQL advisory lock of writers; any constant shared by all newsgraphs


class Store:
    """An open store. Use as a context manager, or call ``close()``.

    ``read()`` gives a connection for queries; ``write()`` a connection inside one transaction,
    committed when the block ends and rolled back if it raises (or if the process dies)."""

    def __init__(self, engine: Engine, url: URL) -> None:
        self.engine = engine
        self.url = url
        self.where = display_url(url)
        self.dialect = engine.dialect.name  # "sqlite" | "postgresql"

    def __repr__(self) -> str:
        return f"Store({self.where!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._errors("read"), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        # IMMEDIATE: take SQLite's write lock at BEGIN, so that two writers queue on the busy
        # timeout instead of both reading and then one failing at its first write.
        # On PostgreSQL an advisory lock does the same: one writer at a time, so that clustering
        # always sees the other writer's committed mentions and two upserts never deadlock.
        with self._errors("write"), self.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn:
            with conn.begin():
                if self.dialect == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK_KEY})
                yield conn

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except StoreError:
            raise
        except SQLAlchemyError as exc:
            kind = type(getattr(exc, "orig", None) or exc).__name__
            raise StoreError(
                f"Cannot {doing} the store {self.where}: {kind}: {_first_line(exc)}. {_hint(self.dialect)}"
            ) from exc

    def counts(self) -> dict[str, int]:
        """Rows per table (articles, sentences, actors, places, canonical_events, events)."""
        with self.read() as conn:
            return {
                t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
                for t in schema.TABLES
                if t is not schema.meta
            }

    def get_meta(self, conn: Connection, key: str) -> str | None:
        return conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == key)).scalar_one_or_none()

    def set_meta(self, conn: Connection, key: str, value: str) -> None:
        t = schema.meta
        if conn.execute(select(t.c.key).where(t.c.key == key)).first() is None:
            conn.execute(t.insert().values(key=key, value=value))
        else:
            conn.execute(t.update().where(t.c.key == key).values(value=value))


def open_store(db: str | Path | Store, *, migrate: bool = True, create: bool = True) -> Store:
    """Open (and create, or migrate to the newest schema) the store at ``db``: a file path
    (SQLite), ``sqlite:///PATH`` or ``postgresql://...``. An open Store is returned as is.
    ``create=False``: a missing SQLite file is an error rather than a new empty store."""
    if isinstance(db, Store):
        return db
    url = parse_db_url(db)
    if not create and url.database not in (None, ":memory:") and url.get_backend_name() == "sqlite":
        if not Path(url.database).exists():
            raise StoreError(
                f"There is no store at {url.database}. Ingest articles first (newsgraph ingest PATH... --db "
                f"{url.database}), or point --db at an existing store."
            )
    engine = _engine(url)
    store = Store(engine, url)
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(
            f"Cannot open the store {store.where}: {_first_line(exc)}. {_hint(store.dialect)}"
        ) from exc
    if migrate:
        try:
            upgrade(engine, store.where)
        except BaseException:
            engine.dispose()
            raise
    return store


@contextmanager
def opened(db: str | Path | Store, *, create: bool = True) -> Iterator[Store]:
    """A Store for the length of a block: closed afterwards unless the caller passed one in."""
    if isinstance(db, Store):
        yield db
        return
    store = open_store(db, create=create)
    try:
        yield store
    finally:
        store.close()


def _engine(url: URL) -> Engine:
    if url.get_backend_name() == "postgresql":
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise StoreError(
                "PostgreSQL stores need the psycopg driver: pip install 'psycopg[binary]>=3.1'."
            ) from None
        return create_engine(url, pool_pre_ping=True)
    memory = url.database == ":memory:"
    kwargs: dict[str, Any] = {"poolclass": StaticPool} if memory else {}
    engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we send BEGIN ourselves (see _on_begin)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
        if not memory:
            # WAL: readers never block the writer; NORMAL sync is safe against a killed process.
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "")
        conn.exec_driver_sql(f"BEGIN {mode}".strip())

    return engine


def _first_line(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    msg = str(orig if orig is not None else exc)
    return msg.strip().splitlines()[0].rstrip(".") if msg.strip() else type(exc).__name__


def _hint(dialect: str) -> str:
    if dialect == "postgresql":
        return "Is the PostgreSQL server running, and do the URL's user, host, port and database exist?"
    return "Is the file a newsgraph store, writable, and not on a network drive that breaks SQLite locking?"
