"""Reading canonical events: filters, cursor pagination, streaming.

Each result is the contract event record of the canonical event's representative mention
(its best-reported mention), with ``id`` the canonical id, plus ``mentions`` (every mention as
a full event record), ``n_mentions``, ``n_sources`` and a few canonical fields. Results come in
a stable order: event date (undated last), then id; a cursor continues after the last item
even while new articles are being ingested.
"""

from __future__ import annotations

import base64
import json
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from ..errors import StoreError
from ..records import FACTUALITY_VALUES
from . import schema
from .dates import parse_bound
from .rows import group_of, mention_record
from .store import Store, opened

DEFAULT_PAGE = 500
# Tables under other names: ``events`` is this module's main function.
EVENTS, ARTICLES, ACTORS, SENTENCES, CANONICAL = (
    schema.events,
    schema.articles,
    schema.actors,
    schema.sentences,
    schema.canonical_events,
)
_c = CANONICAL.c
_e = EVENTS.c


@dataclass(frozen=True)
class Page:
    """One page of canonical events; ``next`` is the cursor of the following page (None: last)."""

    items: list[dict[str, Any]] = field(default_factory=list)
    next: str | None = None


@dataclass(frozen=True)
class Filters:
    """What ``events()`` filters on, checked and with actor names turned into ids."""

    actor: str | None = None
    dyad: tuple[str | None, str | None] | None = None
    since: date | None = None
    until: date | None = None
    cameo: str | None = None
    plover: str | None = None
    quad: int | None = None
    country: str | None = None
    place: str | None = None
    factuality: str | None = None
    publisher: str | None = None


def events(
    db_url: str | Path | Store,
    actor: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    dyad: str | Sequence[str | None] | None = None,
    cameo: str | None = None,
    plover: str | None = None,
    quad: int | None = None,
    country: str | None = None,
    place: str | None = None,
    factuality: str | None = None,
    publisher: str | None = None,
    limit: int | None = None,
    cursor: str | None = None,
) -> list[dict[str, Any]]:
    """Canonical events with their mentions (see the module docstring), filtered:

    ``actor``: a name, alias or id ("Pakistani Taliban", "TTP", "ttp"); events where it is the
    source or target of a mention, a person's group counting too. ``dyad``: "SOURCE,TARGET"
    (names or ids; the group of a person). ``since``/``until``: event dates (YYYY, YYYY-MM or
    YYYY-MM-DD; a month-precision event counts if its month overlaps). ``cameo``: a code or its
    prefix ("05", "051"). ``plover``, ``quad``, ``factuality``: equal. ``country``: ISO3 of
    where it happened. ``place``: place name or GeoNames id of a mention. ``publisher``: of a
    mention's article. ``limit``/``cursor``: one page; use ``events_page`` to get the next cursor."""
    return events_page(
        db_url,
        actor=actor,
        since=since,
        until=until,
        dyad=dyad,
        cameo=cameo,
        plover=plover,
        quad=quad,
        country=country,
        place=place,
        factuality=factuality,
        publisher=publisher,
        limit=limit,
        cursor=cursor,
    ).items


def events_page(
    db_url: str | Path | Store, limit: int | None = None, cursor: str | None = None, **filters: Any
) -> Page:
    """Like ``events()``, returning the page's items and the cursor of the next page."""
    if limit is not None and (not isinstance(limit, int) or limit < 1):
        raise StoreError(f"limit must be a whole number, 1 or more (got {limit!r}).")
    after = _decode_cursor(cursor) if cursor else None
    with opened(db_url, create=False) as store, store.read() as conn:
        f = make_filters(conn, **filters)
        return _page(conn, f, limit, after)


def iter_events(
    db_url: str | Path | Store, page_size: int = DEFAULT_PAGE, **filters: Any
) -> Iterator[dict[str, Any]]:
    """Every canonical event (filters as in ``events()``), a page at a time: memory stays flat
    however large the store. The graph builder reads the store through this."""
    with opened(db_url, create=False) as store:
        with store.read() as conn:
            f = make_filters(conn, **filters)
        after: tuple[date | None, str] | None = None
        while True:
            with store.read() as conn:  # a short read per page: never holds a snapshot for long
                page = _page(conn, f, page_size, after)
            yield from page.items
            if page.next is None:
                return
            after = _decode_cursor(page.next)


def make_filters(
    conn: Connection,
    actor: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    dyad: str | Sequence[str | None] | None = None,
    cameo: str | None = None,
    plover: str | None = None,
    quad: int | None = None,
    country: str | None = None,
    place: str | None = None,
    factuality: str | None = None,
    publisher: str | None = None,
) -> Filters:
    if factuality is not None and factuality not in FACTUALITY_VALUES:
        raise StoreError(f"factuality {factuality!r} is not one of {', '.join(FACTUALITY_VALUES)}.")
    if quad is not None and quad not in (1, 2, 3, 4):
        raise StoreError(f"quad {quad!r} is not one of 1, 2, 3, 4 (verbal/material cooperation/conflict).")
    lo, hi = parse_bound(since, end=False, name="since"), parse_bound(until, end=True, name="until")
    if lo is not None and hi is not None and lo > hi:
        raise StoreError(f"since ({since}) is after until ({until}): nothing can match.")
    return Filters(
        actor=resolve_actor(conn, actor) if actor else None,
        dyad=_dyad(conn, dyad) if dyad else None,
        since=lo,
        until=hi,
        cameo=cameo.strip() if cameo else None,
        plover=plover.strip().upper() if plover else None,
        quad=quad,
        country=country.strip().upper() if country else None,
        place=place.strip() if place else None,
        factuality=factuality,
        publisher=publisher.strip() if publisher else None,
    )


# -- actors -------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _resolver() -> Any:
    from ..resolve.actors import ActorResolver  # loads the knowledge base: only when asked

    return ActorResolver()


def resolve_actor(conn: Connection, text: str, group: bool = False) -> str:
    """The actor id for a filter value: an id stored in the store (any case), else what the
    knowledge base resolves the name or alias to, else a stored actor's exact name.
    ``group``: a person counts as the group it acts for (as dyads do)."""
    t = " ".join(str(text).split())
    if not t:
        raise StoreError("An empty actor name matches nothing; give a name, alias or id.")
    hit = conn.execute(select(ACTORS.c.id).where(ACTORS.c.id == t)).scalar_one_or_none()
    if hit is None:
        hit = conn.execute(
            select(ACTORS.c.id).where(func.lower(ACTORS.c.id) == t.lower()).order_by(ACTORS.c.id).limit(1)
        ).scalar_one_or_none()
    if hit is not None:
        return _group_of_stored(conn, hit) if group else str(hit)
    ref = _resolver().resolve_name(t)
    if ref.id:
        return str(group_of(ref) if group else ref.id)
    hit = conn.execute(
        select(ACTORS.c.id).where(func.lower(ACTORS.c.name) == t.lower()).order_by(ACTORS.c.id).limit(1)
    ).scalar_one_or_none()
    if hit is not None:
        return _group_of_stored(conn, hit) if group else str(hit)
    examples = conn.execute(select(ACTORS.c.id).order_by(ACTORS.c.id).limit(5)).scalars().all()
    raise StoreError(
        f"No actor matches {text!r}: it is not an actor id in the store and the knowledge base does not "
        f"resolve it. Give a name, an alias or an id"
        + (f" (ids look like: {', '.join(examples)})." if examples else ".")
    )


def _group_of_stored(conn: Connection, actor_id: str) -> str:
    """A person's group, as the mentions of this store record it."""
    aff = (
        conn.execute(
            select(_e.source_affiliation)
            .where(_e.source_id == actor_id, _e.source_affiliation.is_not(None))
            .limit(1)
        ).scalar_one_or_none()
        or conn.execute(
            select(_e.target_affiliation)
            .where(_e.target_id == actor_id, _e.target_affiliation.is_not(None))
            .limit(1)
        ).scalar_one_or_none()
    )
    return str(aff or actor_id)


def _dyad(conn: Connection, dyad: str | Sequence[str | None]) -> tuple[str | None, str | None]:
    parts: Sequence[str | None] = dyad.split(",") if isinstance(dyad, str) else list(dyad)
    if len(parts) != 2:
        raise StoreError(f"dyad {dyad!r}: give SOURCE,TARGET (names or ids; leave one empty for any).")
    out = [
        resolve_actor(conn, p, group=True) if p and p.strip() and p.strip() != "*" else None for p in parts
    ]
    return out[0], out[1]


# -- the query ------------------------------------------------------------------------------------
def _mentioned(cond: ColumnElement[bool], *, with_articles: bool = False) -> ColumnElement[bool]:
    src = EVENTS.join(ARTICLES, ARTICLES.c.id == _e.article_id) if with_articles else EVENTS
    return _c.id.in_(select(_e.canonical_id).select_from(src).where(cond, _e.canonical_id.is_not(None)))


def _conditions(f: Filters) -> list[ColumnElement[bool]]:
    cond: list[ColumnElement[bool]] = []
    if f.actor:
        a = f.actor
        cond.append(
            _mentioned(or_(_e.source_id == a, _e.source_group == a, _e.target_id == a, _e.target_group == a))
        )
    if f.dyad:
        s, t = f.dyad
        if s is not None:
            cond.append(_c.source_id == s)
        if t is not None:
            cond.append(_c.target_id == t)
    if f.since is not None:
        cond.append(_c.date_hi >= f.since)
    if f.until is not None:
        cond.append(_c.date_lo <= f.until)
    if f.cameo:
        cond.append(_c.cameo.startswith(f.cameo, autoescape=True))
    if f.plover:
        cond.append(_c.plover == f.plover)
    if f.quad is not None:
        cond.append(_c.quad == f.quad)
    if f.country:
        cond.append(_c.country == f.country)
    if f.factuality:
        cond.append(_c.factuality == f.factuality)
    if f.place:
        by_name = func.lower(_e.place_name) == f.place.lower()
        cond.append(
            _mentioned(or_(by_name, _e.place_geonames_id == int(f.place)) if f.place.isdigit() else by_name)
        )
    if f.publisher:
        cond.append(_mentioned(func.lower(ARTICLES.c.publisher) == f.publisher.lower(), with_articles=True))
    return cond


def _page(conn: Connection, f: Filters, limit: int | None, after: tuple[date | None, str] | None) -> Page:
    cond = _conditions(f)
    if after is not None:
        d, cid = after
        if d is None:
            cond.append(and_(_c.date_lo.is_(None), _c.id > cid))
        else:
            cond.append(or_(_c.date_lo > d, and_(_c.date_lo == d, _c.id > cid), _c.date_lo.is_(None)))
    q = select(CANONICAL).where(*cond).order_by(_c.date_lo.is_(None), _c.date_lo, _c.id)
    if limit is not None:
        q = q.limit(limit + 1)
    rows = list(conn.execute(q).mappings())
    more = limit is not None and len(rows) > limit
    rows = rows[:limit] if limit is not None else rows
    mentions = _mentions(conn, [r["id"] for r in rows])
    items = [_record(r, mentions.get(r["id"], [])) for r in rows]
    nxt = _encode_cursor(rows[-1]["date_lo"], rows[-1]["id"]) if more and rows else None
    return Page(items, nxt)


def _mentions(conn: Connection, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        q = (
            select(
                EVENTS,
                ARTICLES.c.title.label("article_title"),
                ARTICLES.c.url.label("article_url"),
                ARTICLES.c.published.label("article_published"),
                ARTICLES.c.publisher.label("article_publisher"),
                SENTENCES.c.text.label("sentence_text"),
            )
            .select_from(
                EVENTS.join(ARTICLES, ARTICLES.c.id == _e.article_id).outerjoin(
                    SENTENCES,
                    and_(SENTENCES.c.article_id == _e.article_id, SENTENCES.c["index"] == _e.sentence_index),
                )
            )
            .where(_e.canonical_id.in_(chunk))
            .order_by(
                ARTICLES.c.published.is_(None),
                ARTICLES.c.published,
                _e.article_id,
                _e.sentence_start,
                _e.trigger_start,
                _e.id,
            )
        )
        for r in conn.execute(q).mappings():
            rec = mention_record(r)
            rec["canonical_id"] = r["canonical_id"]
            out[r["canonical_id"]].append(rec)
    return out


def _record(c: Mapping[Any, Any], mentions: list[dict[str, Any]]) -> dict[str, Any]:
    rep = next((m for m in mentions if m["id"] == c["representative_id"]), mentions[0] if mentions else {})
    record = {k: v for k, v in rep.items() if k != "canonical_id"}
    publishers = sorted({m["article"]["publisher"] for m in mentions if m["article"]["publisher"]})
    record.update(
        id=c["id"],
        representative=c["representative_id"],
        dyad={"source": c["source_id"], "target": c["target_id"]},
        n_mentions=c["n_mentions"],
        n_sources=c["n_sources"],
        publishers=publishers,
        first_seen=_iso(c["first_seen"]),
        last_seen=_iso(c["last_seen"]),
        mentions=mentions,
    )
    return record


def _iso(v: Any) -> str | None:
    return v.isoformat() if isinstance(v, date) else v


# -- cursors: opaque to callers, the (date, id) of the last item --------------------------------------
def _encode_cursor(d: Any, cid: str) -> str:
    raw = json.dumps([_iso(d), cid], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _decode_cursor(cursor: str) -> tuple[date | None, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        d, cid = json.loads(raw)
        if not isinstance(cid, str):
            raise ValueError(cid)
        return (date.fromisoformat(d) if d is not None else None), cid
    except (ValueError, TypeError, json.JSONDecodeError):
        raise StoreError(
            f"cursor {cursor!r} is not one this store gave out; start again without a cursor."
        ) from None
