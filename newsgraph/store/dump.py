"""dump(): the whole store as plain, ordered data (for comparing stores and for backups).

Leaves out ``articles.ingested_at``, the one column that differs between two runs that store
the same thing. The ``meta`` table is included: the clustering window is part of a store's state.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from .schema import TABLES, articles
from .store import Store, opened

VOLATILE = {articles.name: {"ingested_at"}}


def dump(db_url: str | Path | Store) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows as dicts (dates as ISO strings), ordered by primary key."""
    out: dict[str, list[dict[str, Any]]] = {}
    with opened(db_url, create=False) as store, store.read() as conn:
        for table in TABLES:
            skip = VOLATILE.get(table.name, set())
            q = select(table).order_by(*table.primary_key.columns)
            out[table.name] = [
                {k: _plain(v) for k, v in r.items() if k not in skip} for r in conn.execute(q).mappings()
            ]
    return out


def _plain(v: Any) -> Any:
    return v.isoformat() if isinstance(v, (date, datetime)) else v
