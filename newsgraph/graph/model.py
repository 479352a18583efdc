"""Records of the actor-relation graph: the relation record of ../shared/contract.md.

A relation is one interval of one kind between two actors: "TTP supported IS from 2014-10-04
until 2015-03-01". The same pair can hold several relations (support, then split, then support
again), each with its own interval and evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .dates import day_key

__all__ = ["KINDS", "SYMMETRIC_KINDS", "STATUSES", "Endpoint", "Relation"]

# The contract's relation kinds; extend, never rename.
KINDS = (
    "alliance",
    "support",
    "affiliation",
    "split",
    "hostility",
    "accusation",
    "harbouring",
    "leadership",
    "membership",
)

# A formal agreement binds both parties, so A-B and B-A evidence is one relation. Hostility stays
# directed: an attacker and its victim are not in the same position (a bombing of civilians is not
# mutual), and event data (CAMEO, GDELT, ICEWS) keeps dyads directed too.
SYMMETRIC_KINDS = frozenset({"alliance"})

STATUSES = ("active", "ended", "disputed")


@dataclass(frozen=True)
class Endpoint:
    id: str
    name: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name}


@dataclass(frozen=True)
class Relation:
    """One interval of one relation kind from ``source`` to ``target``.

    ``since`` is the earliest dated evidence (ISO, possibly partial: "2014", "2014-10"), None when
    all evidence is undated; ``until`` is None unless the relation ended. ``evidence`` counts the
    reports (mentions) behind ``events``. ``basis`` says whether it was inferred from events or
    read from the knowledge base (dated roles, parent organisations)."""

    source: Endpoint
    target: Endpoint
    kind: str
    since: str | None
    until: str | None
    status: str
    events: tuple[str, ...]
    evidence: int
    confidence: float
    directed: bool = True
    basis: str = "events"
    last: str | None = None  # latest dated evidence: how fresh the relation is

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "kind": self.kind,
            "since": self.since,
            "until": self.until,
            "status": self.status,
            "events": list(self.events),
            "evidence": self.evidence,
            "confidence": round(self.confidence, 3),
            "directed": self.directed,
            "basis": self.basis,
            "last": self.last,
        }

    def involves(self, actor_id: str) -> bool:
        return actor_id in (self.source.id, self.target.id)

    def holds_on(self, day: str) -> bool:
        """The contract's as-of test: since <= day and (until is null or until > day)."""
        since = day_key(self.since) if self.since else None
        until = day_key(self.until) if self.until else None
        return (since is None or since <= day) and (until is None or until > day)
