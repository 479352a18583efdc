"""What the API reads, on top of the store's and the graph's public functions.

Everything goes through the open ``Store`` (``store.read()``: a read-only connection, never a
transaction that writes) and SQLAlchemy Core expressions on the store's tables, so every value
is a bound parameter. Lists of events come from ``newsgraph.store.events_page``; relations from
``newsgraph.graph.relations`` over the store's canonical events, cached until the store changes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select, union_all

from ..graph import relations as graph_relations
from ..graph.query import actor_id as kb_actor_id
from ..kb.loader import KnowledgeBase, default_kb
from ..kb.text import fold
from ..store import Store, iter_events, schema

SPAN_ROLES = ("source", "target", "trigger", "date", "place", "factuality_cue", "quote")
RELATION_CACHE_SIZE = 64
MAX_CACHED_EVENTS = 200_000  # bigger stores are streamed for each graph instead of kept in memory


# -- store version: what the caches key on ---------------------------------------------------------
def data_version(store: Store) -> tuple[Any, ...]:
    """Changes whenever articles are ingested or events re-clustered."""
    a, c, e = schema.articles, schema.canonical_events, schema.events
    with store.read() as conn:
        n_art, last = conn.execute(select(func.count(), func.max(a.c.ingested_at)).select_from(a)).one()
        n_can = conn.execute(select(func.count()).select_from(c)).scalar_one()
        n_ev = conn.execute(select(func.count()).select_from(e)).scalar_one()
        n_meta = conn.execute(
            select(func.count(), func.max(schema.meta.c.value)).select_from(schema.meta)
        ).one()
    return (n_art, str(last), n_can, n_ev, tuple(n_meta))


def _iso(v: Any) -> str | None:
    if v is None:
        return None
    return v.isoformat() if isinstance(v, date) else str(v)


# -- evidence spans ------------------------------------------------------------------------------------
def evidence_spans(mention: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The spans of a mention's parts in its article's text: source, target, trigger, date,
    place, the factuality cue, the quote and who it is attributed to (sorted by offset)."""
    spans: list[dict[str, Any]] = []
    for role in SPAN_ROLES:
        part = mention.get(role)
        if isinstance(part, Mapping):
            _add_span(spans, role, part)
    for who in mention.get("attribution") or ():
        if isinstance(who, Mapping):
            _add_span(spans, "attribution", who)
    spans.sort(key=lambda s: (s["start"], -s["end"]))
    return spans


def _add_span(spans: list[dict[str, Any]], role: str, part: Mapping[str, Any]) -> None:
    start, end = part.get("start"), part.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
        spans.append({"role": role, "start": start, "end": end, "text": part.get("text")})


# -- one event ------------------------------------------------------------------------------------------
def get_event(store: Store, event_id: str) -> dict[str, Any] | None:
    """A canonical event (``ce_...``), or the canonical event of a mention id (``ev_...``),
    with every mention and its evidence spans; None when the store has neither."""
    c, e = schema.canonical_events, schema.events
    with store.read() as conn:
        row = conn.execute(select(c.c.id, c.c.date_lo, c.c.cameo).where(c.c.id == event_id)).first()
        if row is None:
            cid = conn.execute(select(e.c.canonical_id).where(e.c.id == event_id)).scalar_one_or_none()
            if cid is None:
                return None
            row = conn.execute(select(c.c.id, c.c.date_lo, c.c.cameo).where(c.c.id == cid)).first()
            if row is None:
                return None
    cid, day, cameo = row
    # The store's own query, narrowed to the event's day and code: the record is built exactly
    # as /api/events builds it.
    filters: dict[str, Any] = {"cameo": cameo} if cameo else {}
    if day is not None:
        filters.update(since=day.isoformat(), until=day.isoformat())
    for record in iter_events(store, page_size=200, **filters):
        if record["id"] == cid:
            for m in record.get("mentions") or ():
                m["evidence"] = evidence_spans(m)
            return record
    return None


# -- one article -----------------------------------------------------------------------------------------
def get_article(store: Store, article_id: str) -> dict[str, Any] | None:
    a, e = schema.articles, schema.events
    cols = [
        e.c.id,
        e.c.canonical_id,
        e.c.cameo,
        e.c.plover,
        e.c.factuality,
        e.c.sentence_index,
        e.c.source_name,
        e.c.source_text,
        e.c.source_start,
        e.c.source_end,
        e.c.target_name,
        e.c.target_text,
        e.c.target_start,
        e.c.target_end,
        e.c.trigger_text,
        e.c.trigger_start,
        e.c.trigger_end,
        e.c.date_text,
        e.c.date_start,
        e.c.date_end,
        e.c.place_text,
        e.c.place_start,
        e.c.place_end,
    ]
    with store.read() as conn:
        row = (
            conn.execute(
                select(a.c.id, a.c.title, a.c.url, a.c.published, a.c.publisher, a.c.text).where(
                    a.c.id == article_id
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            return None
        mentions = (
            conn.execute(
                select(*cols).where(e.c.article_id == article_id).order_by(e.c.trigger_start, e.c.id)
            )
            .mappings()
            .all()
        )
    out = {
        "id": row["id"],
        "title": row["title"],
        "url": row["url"],
        "published": _iso(row["published"]),
        "publisher": row["publisher"],
        "text": row["text"],
        "events": [],
    }
    for m in mentions:
        parts = {
            role: {"text": m[f"{role}_text"], "start": m[f"{role}_start"], "end": m[f"{role}_end"]}
            for role in ("source", "target", "trigger", "date", "place")
        }
        out["events"].append(
            {
                "id": m["id"],
                "canonical_id": m["canonical_id"],
                "cameo": m["cameo"],
                "plover": m["plover"],
                "source": m["source_name"] or m["source_text"],
                "target": m["target_name"] or m["target_text"],
                "factuality": m["factuality"],
                "sentence_index": m["sentence_index"],
                "evidence": evidence_spans(parts),
            }
        )
    return out


# -- actors ---------------------------------------------------------------------------------------------
@dataclass
class _Surface:
    folded: str
    text: str
    actor_id: str
    weight: float  # names and aliases 1.0; demonyms a little less


@dataclass
class ActorIndex:
    """Every name and alias of the knowledge base, plus the actors only the store knows."""

    kb: KnowledgeBase
    surfaces: list[_Surface] = field(default_factory=list)
    holders: dict[str, list[tuple[str, Any]]] = field(default_factory=dict)

    @classmethod
    def build(cls, kb: KnowledgeBase) -> ActorIndex:
        idx = cls(kb)
        for a in kb.actors.values():
            for text, weight in [
                (a.name, 1.0),
                *((s, 1.0) for s in a.aliases),
                *((s, 0.97) for s in a.ambiguous_aliases),
                *((s, 0.9) for s in a.demonyms),
            ]:
                key = fold(text)
                if key:
                    idx.surfaces.append(_Surface(key, text, a.id, weight))
            for r in a.roles:
                idx.holders.setdefault(r.of, []).append((a.id, r))
        return idx


def actor_counts(store: Store) -> dict[str, int]:
    """Canonical events per actor id: as source or target of a mention, a person's group too."""
    e = schema.events
    parts = [
        select(e.c.canonical_id.label("cid"), col.label("actor")).where(
            col.is_not(None), e.c.canonical_id.is_not(None)
        )
        for col in (e.c.source_id, e.c.source_group, e.c.target_id, e.c.target_group)
    ]
    u = union_all(*parts).subquery()
    q = select(u.c.actor, func.count(func.distinct(u.c.cid))).group_by(u.c.actor)
    with store.read() as conn:
        return {str(k): int(n) for k, n in conn.execute(q).all()}


def stored_actors(store: Store) -> dict[str, dict[str, Any]]:
    a = schema.actors
    with store.read() as conn:
        rows = (
            conn.execute(select(a.c.id, a.c.name, a.c.type, a.c.country, a.c.sector, a.c.wikidata))
            .mappings()
            .all()
        )
    return {r["id"]: dict(r) for r in rows}


def event_span(store: Store, actor: str) -> tuple[str | None, str | None]:
    """The first and last event day of an actor (canonical events where it takes part)."""
    e, c = schema.events, schema.canonical_events
    ids = select(e.c.canonical_id).where(
        (e.c.source_id == actor)
        | (e.c.source_group == actor)
        | (e.c.target_id == actor)
        | (e.c.target_group == actor)
    )
    with store.read() as conn:
        lo, hi = conn.execute(
            select(func.min(c.c.date_lo), func.max(c.c.date_hi)).where(c.c.id.in_(ids))
        ).one()
    return _iso(lo), _iso(hi)


def store_range(store: Store) -> tuple[str | None, str | None]:
    c = schema.canonical_events
    with store.read() as conn:
        lo, hi = conn.execute(select(func.min(c.c.date_lo), func.max(c.c.date_hi))).one()
    return _iso(lo), _iso(hi)


def search_actors(
    index: ActorIndex, stored: Mapping[str, Mapping[str, Any]], counts: Mapping[str, int], q: str, limit: int
) -> list[dict[str, Any]]:
    """Actors whose name or an alias matches ``q``: exact, prefix, word, substring, then fuzzy
    (typos: "Boko Harem"). Actors with events in the store come first among equal scores."""
    from rapidfuzz import fuzz, process

    key = fold(" ".join(q.split()))
    if not key:
        return []
    best: dict[str, tuple[float, str]] = {}

    def offer(actor_id: str, score: float, text: str) -> None:
        if score > best.get(actor_id, (-1.0, ""))[0]:
            best[actor_id] = (score, text)

    surfaces = list(index.surfaces)
    for sid, row in stored.items():
        if index.kb.get(sid) is None:
            for text in (row.get("name"), sid):
                if text and fold(str(text)):
                    surfaces.append(_Surface(fold(str(text)), str(text), sid, 1.0))
    for s in surfaces:
        if s.folded == key:
            offer(s.actor_id, 100.0 * s.weight, s.text)
        elif s.folded.startswith(key):
            offer(s.actor_id, (95.0 - min(10.0, (len(s.folded) - len(key)) / 4)) * s.weight, s.text)
        elif f" {key}" in f" {s.folded}":
            offer(s.actor_id, 88.0 * s.weight, s.text)
        elif len(key) >= 3 and key in s.folded:
            offer(s.actor_id, 84.0 * s.weight, s.text)
    if len(key) >= 3:
        folded = [s.folded for s in surfaces]
        for _text, score, i in process.extract(key, folded, scorer=fuzz.ratio, limit=50, score_cutoff=78):
            s = surfaces[i]
            offer(s.actor_id, min(83.0, float(score)) * s.weight, s.text)
    ranked = sorted(best.items(), key=lambda kv: (-round(kv[1][0], 1), -min(counts.get(kv[0], 0), 1), kv[0]))
    out = []
    for actor_id, (score, text) in ranked[:limit]:
        a = index.kb.get(actor_id)
        row = stored.get(actor_id, {})
        out.append(
            {
                "id": actor_id,
                "name": a.name if a else (row.get("name") or actor_id),
                "type": a.type if a else row.get("type"),
                "country": a.country if a else row.get("country"),
                "sector": a.sector if a else row.get("sector"),
                "matched": text,
                "score": round(score, 1),
                "n_events": counts.get(actor_id, 0),
                "in_kb": a is not None,
            }
        )
    return out


def actor_detail(
    index: ActorIndex, stored: Mapping[str, Mapping[str, Any]], actor_id: str, as_of: str | None
) -> dict[str, Any] | None:
    kb = index.kb
    a = kb.get(actor_id)
    row = stored.get(actor_id)
    if a is None and row is None:
        return None

    def name_of(x: str | None) -> str | None:
        got = kb.get(x)
        return got.name if got else (stored.get(x or "", {}).get("name") if x else None)

    if a is None:
        assert row is not None
        return {
            "id": actor_id,
            "name": row.get("name") or actor_id,
            "type": row.get("type"),
            "country": row.get("country"),
            "sector": row.get("sector"),
            "wikidata": row.get("wikidata"),
            "in_kb": False,
        }
    roles = [
        {
            "role": r.role,
            "of": r.of,
            "of_name": name_of(r.of),
            "since": r.since,
            "until": r.until,
            "active": r.holds_on(as_of or date.today().isoformat()),
        }
        for r in a.roles
    ]
    people = []
    for pid, r in sorted(index.holders.get(actor_id, []), key=lambda pr: (pr[1].since or "", pr[0])):
        person = kb.get(pid)
        people.append(
            {
                "id": pid,
                "name": person.name if person else pid,
                "role": r.role,
                "since": r.since,
                "until": r.until,
                "active": r.holds_on(as_of or date.today().isoformat()),
            }
        )
    return {
        "id": a.id,
        "name": a.name,
        "type": a.type,
        "country": a.country,
        "sector": a.sector,
        "wikidata": a.wikidata,
        "wikipedia": a.wikipedia,
        "aliases": [s for s in a.aliases if s != a.name],
        "parent": {"id": a.parent, "name": name_of(a.parent)} if a.parent else None,
        "founded": a.founded,
        "dissolved": a.dissolved,
        "roles": roles,
        "people": people,
        "in_kb": True,
    }


# -- relations --------------------------------------------------------------------------------------------
class RelationSource:
    """Relations of the store, as of a day, for one actor or a pair. The canonical events are
    read once per store version (kept in memory up to MAX_CACHED_EVENTS) and recent answers are
    cached, so that moving the date slider does not re-read the store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._version: tuple[Any, ...] | None = None
        self._events: list[dict[str, Any]] | None = None
        self._answers: OrderedDict[tuple[Any, ...], list[dict[str, Any]]] = OrderedDict()
        self._aux: dict[str, Any] = {}

    def _refresh(self) -> tuple[Any, ...]:
        version = data_version(self.store)
        if version != self._version:
            self._version = version
            self._events = None
            self._answers.clear()
            self._aux.clear()
        return version

    def cached(self, name: str, make: Any) -> Any:
        """A value derived from the store (actor counts, stored actors), kept until it changes."""
        with self._lock:
            self._refresh()
            if name not in self._aux:
                self._aux[name] = make()
            return self._aux[name]

    def _event_source(self) -> Iterable[dict[str, Any]]:
        if self._events is not None:
            return self._events
        c = schema.canonical_events
        with self.store.read() as conn:
            n = conn.execute(select(func.count()).select_from(c)).scalar_one()
        if n > MAX_CACHED_EVENTS:
            return iter_events(self.store)
        self._events = list(iter_events(self.store))
        return self._events

    def relations(
        self,
        actor: str | None = None,
        as_of: str | None = None,
        other: str | None = None,
        kind: str | None = None,
    ) -> list[dict[str, Any]]:
        with self._lock:
            version = self._refresh()
            key = (version, actor, as_of, other, kind)
            hit = self._answers.get(key)
            if hit is not None:
                self._answers.move_to_end(key)
                return hit
            found = graph_relations(events=self._event_source(), actor=actor, as_of=as_of)
            if other:
                found = [r for r in found if _involves(r, other)]
            if kind:
                found = [r for r in found if r.get("kind") == kind]
            self._answers[key] = found
            while len(self._answers) > RELATION_CACHE_SIZE:
                self._answers.popitem(last=False)
            return found


def _involves(r: Mapping[str, Any], actor: str) -> bool:
    wanted = kb_actor_id(actor)
    ends = (r["source"], r["target"])
    if wanted:
        return any(e.get("id") == wanted for e in ends)
    key = actor.casefold()
    return any(key in (str(e.get("id", "")).casefold(), str(e.get("name", "")).casefold()) for e in ends)


def index_for(kb: KnowledgeBase | None = None) -> ActorIndex:
    return ActorIndex.build(kb or default_kb())


__all__ = [
    "ActorIndex",
    "RelationSource",
    "actor_counts",
    "actor_detail",
    "data_version",
    "event_span",
    "evidence_spans",
    "get_article",
    "get_event",
    "index_for",
    "search_actors",
    "store_range",
    "stored_actors",
]
