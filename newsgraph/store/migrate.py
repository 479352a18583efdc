"""Schema migrations: Alembic, run programmatically when a store is opened.

The scripts live in ``migrations/versions`` inside the package, so an installed newsgraph can
bring any older store up to date without an alembic.ini. Two processes opening the same new
store at once are serialised: PostgreSQL by an advisory lock, SQLite by ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any constant works; it only has to be the same in every newsgraph process.
_PG_LOCK_KEY = 0x6E657773  # "news"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config for the packaged scripts (also what developers use to write a new
    revision: ``command.revision(alembic_config(conn), "message", autogenerate=True)``)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the package ships at least one migration"
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, where: str) -> None:
    """Bring the store at ``engine`` to the newest schema. ``where`` names it in messages."""
    head = head_revision()
    known = {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    try:
        with engine.connect() as conn:
            if current_revision(conn) == head:  # the usual case: one cheap query
                return
        with engine.connect().execution_options(sqlite_begin="IMMEDIATE") as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
            current = current_revision(conn)  # again: another process may have migrated meanwhile
            if current is not None and current not in known:
                raise StoreError(
                    f"The store {where} has schema revision {current!r}, which this newsgraph does not "
                    f"know (it knows up to {head!r}): it was written by a newer newsgraph. "
                    f"Upgrade newsgraph (pip install -U newsgraph) or use another store."
                )
            if current != head:
                command.upgrade(alembic_config(conn), "head")
    except SQLAlchemyError as exc:
        orig = getattr(exc, "orig", None) or exc
        first = (str(orig).strip().splitlines() or [""])[0].rstrip(".")
        raise StoreError(
            f"Cannot create or migrate the store {where}: {type(orig).__name__}: {first}. "
            f"Check that the database exists and that this user may create tables in it."
        ) from exc
