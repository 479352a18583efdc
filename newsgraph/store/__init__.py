"""The store: articles, event mentions and canonical (cross-article) events in SQLite or PostgreSQL.

Public API (what the graph, exports, CLI and API build on; docs/store.md has the details)::

    from newsgraph.store import ingest, events, iter_events, open_store

    stats = ingest(["articles/"], "news.db")          # -> IngestStats; idempotent, per-batch transactions
    page = events("news.db", actor="Pakistani Taliban", since="2014-10", limit=50)
    for record in iter_events("postgresql://user@host/db"):   # every canonical event, streamed
        ...

``db`` arguments take a file path (SQLite), ``sqlite:///PATH``, ``postgresql://...``, or an open
``Store`` (``open_store(url)``), which long-lived callers (the API server) should hold on to.

Functions:

- ``open_store(db, *, migrate=True) -> Store``: open, create and migrate (Alembic) a store.
- ``ingest(paths_or_results, db_url, settings=None, workers=1, published=None, *, read_options=None,
  batch_size=50, window_days=None, on_batch=None) -> IngestStats``.
- ``events(db_url, actor=None, since=None, until=None, dyad=None, cameo=None, plover=None, quad=None,
  country=None, place=None, factuality=None, publisher=None, limit=None, cursor=None) -> list[dict]``.
- ``events_page(db_url, limit=None, cursor=None, **filters) -> Page`` (``Page.items``, ``Page.next``).
- ``iter_events(db_url, page_size=500, **filters) -> Iterator[dict]``: streams, memory stays flat.
- ``recluster(db_url, window_days=None) -> int``: rebuild canonical events (order-independent).
- ``dump(db_url) -> dict[str, list[dict]]``: every table, ordered (comparisons, backups).

Each record from ``events``/``iter_events`` is a contract event record (the representative
mention's fields; ``id`` is the canonical id ``ce_...``) plus ``representative`` (the mention id),
``dyad`` ({"source", "target"}: actor ids, a person counted as its group), ``n_mentions``,
``n_sources`` (independent publishers), ``publishers``, ``first_seen``/``last_seen`` (publication
dates) and ``mentions`` (every mention as a full event record with ``canonical_id``), ordered by
event date (undated last), then id.

Importing this package registers the store factory ``sql.v1`` in ``registry.stores``.
"""

from __future__ import annotations

from typing import Any

from ..registry import registry

# Imported eagerly, functions last: ``ingest``, ``dump`` and ``recluster`` are also module names,
# and a package attribute must be the function, whatever submodule is imported later.
from .cluster import FACTUALITY_ORDER, ClusterSettings
from .dump import dump
from .ingest import IngestStats, ingest
from .query import Page, events, events_page, iter_events
from .recluster import recluster
from .store import Store, open_store
from .url import DEFAULT_DB, parse_db_url

__all__ = [
    "DEFAULT_DB",
    "FACTUALITY_ORDER",
    "ClusterSettings",
    "IngestStats",
    "Page",
    "Store",
    "dump",
    "events",
    "events_page",
    "ingest",
    "iter_events",
    "open_store",
    "parse_db_url",
    "recluster",
]


def make_sql_store(url: str = DEFAULT_DB, **kwargs: Any) -> Store:
    """The built-in store: SQLite or PostgreSQL through SQLAlchemy (``open_store``)."""
    return open_store(url, **kwargs)


registry.stores.register("sql.v1")(make_sql_store)
