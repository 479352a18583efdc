"""Cross-article clustering: mentions of one real-world event become one canonical event.

Two mentions are compatible (``compatible``) when all of these hold:

- dyad: source with source and target with target, each compatible. An actor counts as its
  group key (a person acting for a group counts as that group). Two keys must be equal; when one
  or both keys are null, the actors' country and sector must be equal instead (so a missing
  target only matches another missing or unknown one);
- code: the same CAMEO root, or the same PLOVER type; with no recipient on either side, the same
  root, and never for statements (root 01): "every US statement within three days" is not one
  event;
- date: the day ranges (a month-precision date covers its month) lie at most ``window_days``
  apart;
- place: the same country, or either unknown;
- polarity: negated mentions only go with negated ones; every other factuality mixes.

A mention joins a cluster only if it is compatible with *every* mention in it (complete
linkage), so a chain of reports a day apart never grows into a month-long "event". Mentions
with no date, or with neither actor known, are never merged: nothing would tell their event
from another. Among several compatible clusters the mention joins the one with the nearest
date, then the larger, then the smaller id, so the result does not depend on the order the
database returns rows in. A cluster's id is derived from the id of the mention that started it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from sqlalchemy import and_, bindparam, or_, select, union, update
from sqlalchemy.engine import Connection

from ..errors import StoreError
from .dates import day_gap
from .schema import articles, canonical_events, events

DEFAULT_WINDOW_DAYS = 3
# Best first: what a canonical event reports as its factuality when its mentions disagree.
FACTUALITY_ORDER = ("asserted", "claimed", "habitual", "hedged", "future", "hypothetical", "negated")
_FACT_RANK = {f: i for i, f in enumerate(FACTUALITY_ORDER)}
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
_LONGEST_RANGE = timedelta(days=366)  # a year-precision date in a leap year


@dataclass(frozen=True)
class ClusterSettings:
    """How mentions are grouped. Stored with the store (``meta``): changing the window of an
    existing store takes ``recluster``."""

    window_days: int = DEFAULT_WINDOW_DAYS

    def __post_init__(self) -> None:
        if not isinstance(self.window_days, int) or self.window_days < 0:
            raise StoreError(
                f"window_days must be a whole number of days, 0 or more (got {self.window_days!r})."
            )


@dataclass(frozen=True)
class MentionKey:
    """The fields of a mention that clustering compares."""

    id: str
    source_group: str | None
    source_country: str | None
    source_sector: str | None
    target_group: str | None
    target_country: str | None
    target_sector: str | None
    cameo_root: str
    plover: str | None
    lo: date | None
    hi: date | None
    country: str | None
    negated: bool

    @classmethod
    def from_row(cls, r: Mapping[Any, Any]) -> MentionKey:
        """From an ``events`` row (or the dict ``rows.event_row`` makes)."""
        return cls(
            id=r["id"],
            source_group=r["source_group"],
            source_country=r["source_country"],
            source_sector=r["source_sector"],
            target_group=r["target_group"],
            target_country=r["target_country"],
            target_sector=r["target_sector"],
            cameo_root=r["cameo_root"],
            plover=r["plover"],
            lo=_as_date(r["date_lo"]),
            hi=_as_date(r["date_hi"]),
            country=r["place_country"],
            negated=r["factuality"] == "negated",
        )

    @property
    def mergeable(self) -> bool:
        return (
            self.lo is not None
            and self.hi is not None
            and (self.source_group or self.target_group) is not None
        )

    @property
    def span(self) -> tuple[date, date]:
        assert self.lo is not None and self.hi is not None
        return self.lo, self.hi


def _actor_ok(
    ga: str | None, ca: str | None, sa: str | None, gb: str | None, cb: str | None, sb: str | None
) -> bool:
    if ga is not None and gb is not None:
        return ga == gb
    return (ca, sa) == (cb, sb)


def compatible(a: MentionKey, b: MentionKey, window_days: int = DEFAULT_WINDOW_DAYS) -> bool:
    """Whether ``a`` and ``b`` may report the same real-world event (rules: module docstring)."""
    if not (a.mergeable and b.mergeable) or a.negated != b.negated:
        return False
    if a.target_group is None and b.target_group is None and a.target_country is None and b.target_country is None:
        # Without a recipient little ties two reports together: statements never merge ("every
        # US statement within three days" is not one event), other events need the same root.
        if a.cameo_root == "01" or a.cameo_root != b.cameo_root:
            return False
    if not (a.cameo_root == b.cameo_root or (a.plover is not None and a.plover == b.plover)):
        return False
    if a.country is not None and b.country is not None and a.country != b.country:
        return False
    if day_gap(a.span, b.span) > window_days:
        return False
    return _actor_ok(
        a.source_group, a.source_country, a.source_sector, b.source_group, b.source_country, b.source_sector
    ) and _actor_ok(
        a.target_group, a.target_country, a.target_sector, b.target_group, b.target_country, b.target_sector
    )


def canonical_id_for(first_mention_id: str) -> str:
    return "ce_" + hashlib.sha1(first_mention_id.encode("utf-8")).hexdigest()[:16]


# -- choosing what a canonical event shows ------------------------------------------------------
def _rep_key(r: Mapping[Any, Any]) -> tuple[Any, ...]:
    actors_known = (r["source_group"] is not None) + (r["target_group"] is not None)
    published = _as_date(r["article_published"])
    return (
        _FACT_RANK.get(r["factuality"], len(_FACT_RANK)),
        _PRECISION_RANK.get(r["date_precision"], 3) if r["date_lo"] is not None else 4,
        -actors_known,
        r["place_text"] is None,
        -float(r["confidence"]),
        published or date.max,
        r["id"],
    )


def _source_key(r: Mapping[Any, Any]) -> str:
    publisher = r["article_publisher"]
    # An article without a publisher is its own source: it cannot be shown to repeat another.
    return "p:" + " ".join(publisher.casefold().split()) if publisher else "a:" + r["article_id"]


def _one(values: Iterable[str | None]) -> str | None:
    found = sorted({v for v in values if v is not None})
    return found[0] if found else None


def summarize(cid: str, members: Sequence[Mapping[Any, Any]]) -> dict[str, Any]:
    """The canonical_events row of cluster ``cid`` from its mentions (events rows joined with
    ``article_published`` and ``article_publisher``). Depends only on the set of mentions."""
    ordered = sorted(members, key=_rep_key)
    rep = ordered[0]
    placed = next((m for m in ordered if m["place_text"] is not None), None)
    seen = [_as_date(m["article_published"]) for m in members if m["article_published"] is not None]
    return {
        "id": cid,
        "representative_id": rep["id"],
        "source_id": _one(m["source_group"] for m in members),
        "target_id": _one(m["target_group"] for m in members),
        "cameo": rep["cameo"],
        "cameo_root": rep["cameo_root"],
        "plover": rep["plover"],
        "quad": rep["quad"],
        "goldstein": rep["goldstein"],
        "date_value": rep["date_value"],
        "date_precision": rep["date_precision"],
        "date_lo": _as_date(rep["date_lo"]),
        "date_hi": _as_date(rep["date_hi"]),
        "country": _one(m["place_country"] for m in members),
        "place_id": placed["place_id"] if placed else None,
        "place_name": placed["place_name"] if placed else None,
        "factuality": rep["factuality"],
        "negated": rep["factuality"] == "negated",
        "first_seen": min(seen) if seen else None,
        "last_seen": max(seen) if seen else None,
        "n_mentions": len(members),
        "n_sources": len({_source_key(m) for m in members}),
    }


# -- the database side ----------------------------------------------------------------------------
_KEY_COLS = [
    events.c.id,
    events.c.canonical_id,
    events.c.source_group,
    events.c.source_country,
    events.c.source_sector,
    events.c.target_group,
    events.c.target_country,
    events.c.target_sector,
    events.c.cameo_root,
    events.c.plover,
    events.c.date_lo,
    events.c.date_hi,
    events.c.place_country,
    events.c.factuality,
]


class Clusterer:
    """Assigns mentions to canonical events inside the caller's transaction.

    ``assign`` is called once per new mention, before the mention's row is inserted: it finds
    the cluster the mention joins, or creates a canonical row for it. ``flush`` then recomputes
    the summary of every cluster that gained mentions (representative, counts, first/last
    seen), once per batch rather than once per mention."""

    def __init__(self, conn: Connection, settings: ClusterSettings | None = None) -> None:
        self.conn = conn
        self.settings = settings or ClusterSettings()
        self.window = timedelta(days=self.settings.window_days)
        self._grown: set[str] = set()

    def assign(self, row: Mapping[str, Any], article: Mapping[str, Any]) -> str:
        """The canonical id for the mention ``row`` (an events row, not yet inserted) of
        ``article`` (its articles row)."""
        m = MentionKey.from_row(row)
        if m.mergeable:
            cid = self._best_cluster(m)
            if cid is not None:
                self._grown.add(cid)
                return cid
        cid = canonical_id_for(m.id)
        member = {**row, "article_published": article["published"], "article_publisher": article["publisher"]}
        self.conn.execute(canonical_events.insert(), {"first_mention_id": m.id, **summarize(cid, [member])})
        return cid

    def _best_cluster(self, m: MentionKey) -> str | None:
        assert m.lo is not None and m.hi is not None
        params = {
            "root": m.cameo_root,
            "plover": m.plover,
            "lo_w": m.lo - self.window,
            "hi_w": m.hi + self.window,
            "lo_far": m.lo - self.window - _LONGEST_RANGE,
            "src": m.source_group,
            "src_country": m.source_country,
            "src_sector": m.source_sector,
            "tgt": m.target_group,
            "tgt_country": m.target_country,
            "tgt_sector": m.target_sector,
        }
        query = _candidates(
            m.plover is not None, m.source_group is not None, m.target_group is not None, m.negated
        )
        clusters: dict[str, list[MentionKey]] = defaultdict(list)
        for r in self.conn.execute(query, params).mappings():
            clusters[r["canonical_id"]].append(MentionKey.from_row(r))
        w = self.settings.window_days
        scored = [
            (min(day_gap(m.span, k.span) for k in keys), -len(keys), cid)
            for cid, keys in clusters.items()
            if all(compatible(m, k, w) for k in keys)
        ]
        return min(scored)[2] if scored else None

    def flush(self) -> int:
        """Recompute the summaries of clusters that gained mentions; returns how many."""
        ids = sorted(self._grown)
        self._grown.clear()
        for chunk in _chunks(ids, 500):
            rows = [summarize(cid, members) for cid, members in sorted(_members(self.conn, chunk).items())]
            if rows:
                self.conn.execute(
                    _SUMMARY,
                    [{"cid": r["id"], **{"v_" + k: v for k, v in r.items() if k != "id"}} for r in rows],
                )
        return len(ids)


_SUMMARY = (
    update(canonical_events)
    .where(canonical_events.c.id == bindparam("cid"))
    .values(
        {k: bindparam("v_" + k) for k in canonical_events.c.keys() if k not in ("id", "first_mention_id")}
    )
)


@cache
def _candidates(with_plover: bool, src_known: bool, tgt_known: bool, negated: bool) -> Any:
    """Every mention of the clusters that have a mention which passes the cheap half of the
    rules against the newcomer: the same code (CAMEO root, or PLOVER type), a date that reaches
    into the window [lo_w, hi_w], a compatible dyad and the same polarity. The full rules are
    then checked in Python against every mention of those clusters.

    Each part of the union can use an index: day ranges start inside the window; the rare month
    and year ranges ("coarse": date_lo < date_hi, with partial indexes) may start up to a year
    earlier. The join is driven from the few cluster ids found."""
    e = events.c
    codes = [e.cameo_root == bindparam("root")] + ([e.plover == bindparam("plover")] if with_plover else [])
    same = [
        _actor_filter(e.source_group, e.source_country, e.source_sector, "src", src_known),
        _actor_filter(e.target_group, e.target_country, e.target_sector, "tgt", tgt_known),
        (e.factuality == "negated") if negated else (e.factuality != "negated"),
    ]
    near = []
    for same_code in codes:
        near.append(
            select(e.canonical_id).where(
                same_code, e.date_lo.between(bindparam("lo_w"), bindparam("hi_w")), *same
            )
        )
        near.append(
            select(e.canonical_id).where(
                same_code,
                e.date_lo != e.date_hi,
                e.date_lo.between(bindparam("lo_far"), bindparam("hi_w")),
                e.date_hi >= bindparam("lo_w"),
                *same,
            )
        )
    ids = union(*near).subquery()
    return select(*_KEY_COLS).select_from(ids.join(events, e.canonical_id == ids.c.canonical_id))


def _actor_filter(group: Any, country: Any, sector: Any, name: str, known: bool) -> Any:
    """The dyad rule in SQL: a known group matches the same group or an unknown one (with equal
    country and sector, checked in Python); an unknown one needs equal country and sector."""
    if known:
        return or_(group == bindparam(name), group.is_(None))
    return and_(
        country.is_not_distinct_from(bindparam(f"{name}_country")),
        sector.is_not_distinct_from(bindparam(f"{name}_sector")),
    )


def _members(conn: Connection, ids: Sequence[str]) -> dict[str, list[Mapping[Any, Any]]]:
    q = (
        select(
            events,
            articles.c.published.label("article_published"),
            articles.c.publisher.label("article_publisher"),
        )
        .select_from(events.join(articles, articles.c.id == events.c.article_id))
        .where(events.c.canonical_id.in_(ids))
    )
    out: dict[str, list[Mapping[Any, Any]]] = defaultdict(list)
    for r in conn.execute(q).mappings():
        out[r["canonical_id"]].append(r)
    return out


def _chunks(items: Sequence[str], n: int) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _as_date(v: Any) -> Any:
    """SQLite hands back dates as dates through SQLAlchemy's Date type; raw strings (from a
    union or a label) are parsed here so that comparisons never mix the two."""
    if isinstance(v, str):
        return date.fromisoformat(v)
    return v
