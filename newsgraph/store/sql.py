"""Upserts: statements the store runs for every article, built once per table.

SQLAlchemy's dialect-specific ``insert().on_conflict_...`` constructs cannot be cached, so each
run would compile them again (it showed as a quarter of ingest time). SQLite and PostgreSQL
spell ``ON CONFLICT`` the same way, so one parameterised text statement per table serves both;
every parameter carries its column's type, so dates and JSON are converted as in any insert.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Table, bindparam, text
from sqlalchemy.engine import Connection, CursorResult
from sqlalchemy.sql.elements import TextClause


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'  # standard SQL quoting, the same in both databases


@cache
def _upsert(table: Table, cols: tuple[str, ...], fill_key: str | None) -> TextClause:
    names = ", ".join(_q(c) for c in cols)
    values = ", ".join(f":{c}" for c in cols)
    sql = f"INSERT INTO {_q(table.name)} ({names}) VALUES ({values}) ON CONFLICT"
    if fill_key is None:
        sql += " DO NOTHING"
    else:
        sets = ", ".join(
            f"{_q(c)} = COALESCE({_q(table.name)}.{_q(c)}, excluded.{_q(c)})" for c in cols if c != fill_key
        )
        sql += f" ({_q(fill_key)}) DO UPDATE SET {sets}"
    return text(sql).bindparams(*(bindparam(c, type_=table.c[c].type) for c in cols))


def insert_ignore(conn: Connection, table: Table, row: dict[str, Any]) -> bool:
    """Insert ``row`` unless it clashes with a unique key; True when it was inserted."""
    result: CursorResult[Any] = conn.execute(_upsert(table, tuple(row), None), row)
    return result.rowcount == 1


def insert_many_ignore(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        conn.execute(_upsert(table, tuple(rows[0]), None), list(rows))


def upsert_fill(conn: Connection, table: Table, rows: Sequence[dict[str, Any]], key: str = "id") -> None:
    """Insert rows; for keys already stored, fill only the columns still null. What is stored
    never changes, so the result does not depend on which article named an actor first."""
    if rows:
        conn.execute(_upsert(table, tuple(rows[0]), key), list(rows))
