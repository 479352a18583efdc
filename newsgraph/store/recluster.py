"""recluster(): rebuild every canonical event from the stored mentions.

Ingest clusters incrementally, in the order articles arrive, so a canonical event's id comes
from whichever mention was stored first. Reclustering walks the mentions in a fixed order
(publication date, article id, position in the article), so its result depends only on what is
stored, never on the order it was ingested in. It is also how a store moves to another window.
One transaction: interrupted, it leaves the old clusters in place.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.engine import Connection

from .cluster import Clusterer, ClusterSettings
from .ingest import WINDOW_KEY
from .schema import articles, canonical_events, events
from .store import Store, opened

_ARTICLES_PER_CHUNK = 200
_SET_CANONICAL = update(events).where(events.c.id == bindparam("eid")).values(canonical_id=bindparam("cid"))


def recluster(db_url: str | Path | Store, window_days: int | None = None) -> int:
    """Cluster all stored mentions again (with ``window_days``, or the store's window) and
    return the number of canonical events."""
    with opened(db_url, create=False) as store, store.write() as conn:
        stored = store.get_meta(conn, WINDOW_KEY)
        settings = ClusterSettings(
            window_days
            if window_days is not None
            else int(stored)
            if stored is not None
            else ClusterSettings().window_days
        )
        conn.execute(update(events).values(canonical_id=None))
        conn.execute(delete(canonical_events))
        clusterer = Clusterer(conn, settings)
        for chunk in _article_chunks(conn):
            _cluster_articles(conn, clusterer, chunk)
            clusterer.flush()
        store.set_meta(conn, WINDOW_KEY, str(settings.window_days))
        return int(conn.execute(select(func.count()).select_from(canonical_events)).scalar_one())


def _article_chunks(conn: Connection) -> list[list[str]]:
    """Article ids in publication order (undated last), in chunks. Ids only: small enough to
    hold even for millions of articles, and fetched before any row is changed."""
    q = select(articles.c.id).order_by(articles.c.published.is_(None), articles.c.published, articles.c.id)
    ids = [r[0] for r in conn.execute(q)]
    return [ids[i : i + _ARTICLES_PER_CHUNK] for i in range(0, len(ids), _ARTICLES_PER_CHUNK)]


def _cluster_articles(conn: Connection, clusterer: Clusterer, ids: list[str]) -> None:
    q = (
        select(events, articles.c.published.label("a_published"), articles.c.publisher.label("a_publisher"))
        .select_from(events.join(articles, articles.c.id == events.c.article_id))
        .where(events.c.article_id.in_(ids))
        .order_by(
            articles.c.published.is_(None),
            articles.c.published,
            events.c.article_id,
            events.c.sentence_start,
            events.c.trigger_start,
            events.c.id,
        )
    )
    for r in conn.execute(q).mappings().all():
        row = {k: v for k, v in r.items() if not k.startswith("a_")}
        cid = clusterer.assign(row, {"published": r["a_published"], "publisher": r["a_publisher"]})
        conn.execute(_SET_CANONICAL, {"eid": r["id"], "cid": cid})
