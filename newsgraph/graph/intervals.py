"""Evidence of one kind between one pair, cut into intervals by the events that end it.

A split between two actors (either direction: a broken tie is broken for both) ends their
support, alliance and affiliation; a later pledge from A to B starts a new interval of A's
support and ends A's split from B. Other kinds (hostility, accusation, harbouring, leadership,
membership) have nothing in the event data that ends them, so each is one open interval; its
``last`` field tells how fresh it is.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .evidence import Evidence

__all__ = ["POSITIVE_KINDS", "Interval", "breaks_for", "confidence", "index_evidence", "intervals"]

POSITIVE_KINDS = frozenset({"support", "alliance", "affiliation"})

Key = tuple[str, str, str]  # (kind, source id, target id); symmetric kinds in id order


@dataclass(frozen=True)
class Interval:
    key: Key
    since: str | None
    until: str | None
    disputed: bool
    evidence: tuple[Evidence, ...]  # the non-negated items behind it, in day order

    @property
    def last(self) -> str | None:
        dated = [e for e in self.evidence if e.dated]
        return max(dated, key=lambda e: e.day or "").date if dated else None


def index_evidence(items: Iterable[Evidence]) -> dict[Key, list[Evidence]]:
    index: dict[Key, list[Evidence]] = defaultdict(list)
    for e in items:
        index[(e.kind, e.source_id, e.target_id)].append(e)
    return dict(index)


def _dated_days(items: Iterable[Evidence]) -> list[tuple[str, str]]:
    return [(e.day, e.date) for e in items if e.dated and not e.negated and e.day and e.date]


def breaks_for(key: Key, index: Mapping[Key, Sequence[Evidence]]) -> list[tuple[str, str]]:
    """(day, date) of the events that end relations of ``key``, sorted, one per day."""
    kind, a, b = key
    found: list[tuple[str, str]] = []
    if kind in POSITIVE_KINDS:
        found += _dated_days(index.get(("split", a, b), ()))
        found += _dated_days(index.get(("split", b, a), ()))
    elif kind == "split":
        for k in ("support", "affiliation"):
            found += _dated_days(index.get((k, a, b), ()))
        found += _dated_days(index.get(("alliance", min(a, b), max(a, b)), ()))
    first: dict[str, str] = {}
    for day, date in sorted(found):
        first.setdefault(day, date)
    return sorted(first.items())


def confidence(items: Iterable[Evidence]) -> float:
    """1 - prod(1 - w_i), one factor per independent source of each event: each source that
    reports an event is a separate chance that the relation is real."""
    miss = 1.0
    for e in items:
        miss *= (1.0 - min(max(e.weight, 0.0), 1.0)) ** max(e.n_sources, 1)
    return 1.0 - miss


def intervals(key: Key, items: Sequence[Evidence], breaks: Sequence[tuple[str, str]]) -> list[Interval]:
    """The intervals of one relation. Evidence dated on a break day goes after the break (a
    same-day re-pledge starts a new interval) and marks that interval disputed; a negated event
    inside an interval marks it disputed too."""
    days = [d for d, _ in breaks]
    segments: dict[int, list[Evidence]] = defaultdict(list)
    for e in items:
        if not e.negated:
            segments[bisect_right(days, e.day) if e.day else len(days)].append(e)
    out: list[Interval] = []
    for i, seg in sorted(segments.items()):
        seg.sort(key=lambda e: e.day or "")
        first = next((e for e in seg if e.dated), None)
        since_day = first.day if first else None
        until = breaks[i][1] if i < len(breaks) else None
        until_day = days[i] if i < len(days) else None
        clash = any(e.dated and e.day in days for e in seg)
        denied = any(
            n.negated
            and (
                n.day is None
                or ((since_day is None or since_day <= n.day) and (until_day is None or n.day < until_day))
            )
            for n in items
        )
        out.append(Interval(key, first.date if first else None, until, clash or denied, tuple(seg)))
    return out
