"""Relations the knowledge base states outright, for actors that appear in the events.

- leadership and membership: a person's dated roles in people.yaml (``{role: leader, of: ttp,
  since, until}``); heads (LEADER_ROLES) lead, other office holders of a group or IGO are members.
  Offices of a state other than its head (ministers, army chiefs) are left out: every official
  "belongs" to their country, which says nothing a graph reader needs. ``founder`` roles are left
  out too: they never end, so they would keep the dead and the departed as members.
- affiliation: a group's ``parent`` (a branch, province or wing and its organisation), dated from
  the group's founding; a split in the events ends it like any affiliation.
- an actor's ``dissolved`` date ends the relations it holds then.

These carry confidence 1.0 and ``basis`` "kb": curated facts, not inferences from reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..kb.loader import KnowledgeBase
from ..kb.model import Actor
from .dates import day_key
from .evidence import LEADER_ROLES, Evidence
from .model import Endpoint, Relation

__all__ = ["Sighting", "dissolution", "parent_evidence", "role_kind", "role_relations"]

_NO_RELATION_ROLES = frozenset({"founder"})


@dataclass(frozen=True)
class Sighting:
    """An actor appearing in an event (as source, target or the group one acts for)."""

    day: str | None
    date: str | None
    event_id: str | None
    n_reports: int


def role_kind(role: str) -> str | None:
    if role in _NO_RELATION_ROLES:
        return None
    return "leadership" if role in LEADER_ROLES else "membership"


def _merge(spans: list[tuple[str | None, str | None]]) -> list[tuple[str | None, str | None]]:
    """Overlapping or touching spans as one (head_of_state, president and head_of_government of
    one term are one leadership)."""
    out: list[tuple[str | None, str | None]] = []
    for since, until in sorted(spans, key=lambda s: day_key(s[0]) or ""):
        if out and (out[-1][1] is None or (day_key(since) or "") <= (day_key(out[-1][1]) or "")):
            prev_since, prev_until = out[-1]
            later = (
                None
                if prev_until is None or until is None
                else max(prev_until, until, key=lambda d: day_key(d) or "")
            )
            out[-1] = (prev_since, later)
        else:
            out.append((since, until))
    return out


def _within(day: str | None, since: str | None, until: str | None) -> bool:
    if day is None:
        return True
    s, u = day_key(since), day_key(until)
    return (s is None or s <= day) and (u is None or day < u)


def role_relations(
    person: Actor, kb: KnowledgeBase, seen: Sequence[Sighting], as_of: str | None
) -> list[Relation]:
    """Leadership and membership of one person, as known on ``as_of`` (None: all of history).
    A role that ends after ``as_of`` had not ended then, so its ``until`` is dropped."""
    spans: dict[tuple[str, str], list[tuple[str | None, str | None]]] = {}
    for r in person.roles:
        kind = role_kind(r.role)
        target = kb.get(r.of)
        if kind is None or r.of == person.id:
            continue
        if kind == "membership" and (target is None or target.type == "country"):
            continue
        since_day = day_key(r.since)
        if as_of and since_day and since_day > as_of:
            continue
        until = r.until
        if as_of and until and (day_key(until) or "") > as_of:
            until = None
        spans.setdefault((kind, r.of), []).append((r.since, until))
    out: list[Relation] = []
    for (kind, of), found in sorted(spans.items()):
        target = kb.get(of)
        for since, until in _merge(found):
            inside = [s for s in seen if _within(s.day, since, until)]
            dated = [s for s in inside if s.date]
            out.append(
                Relation(
                    source=Endpoint(person.id, person.name),
                    target=Endpoint(of, target.name if target else of),
                    kind=kind,
                    since=since,
                    until=until,
                    status="ended" if until else "active",
                    events=tuple(dict.fromkeys(s.event_id for s in inside if s.event_id)),
                    evidence=sum(s.n_reports for s in inside),
                    confidence=1.0,
                    basis="kb",
                    last=max(dated, key=lambda s: s.day or "").date if dated else None,
                )
            )
    return out


def parent_evidence(
    actor: Actor, kb: KnowledgeBase, first_seen: str | None, as_of: str | None
) -> Evidence | None:
    """The group's affiliation to its parent organisation as one piece of evidence, so that a
    split in the events ends it like any other affiliation. Undated when the KB gives no founding
    date (then placed at the first sighting, for as-of filtering only)."""
    if not actor.parent or actor.parent == actor.id:
        return None
    founded = day_key(actor.founded)
    if as_of and founded and founded > as_of:
        return None
    parent = kb.get(actor.parent)
    return Evidence(
        kind="affiliation",
        source_id=actor.id,
        source_name=actor.name,
        target_id=actor.parent,
        target_name=parent.name if parent else None,
        day=founded or first_seen,
        date=actor.founded if founded else None,
        dated=founded is not None,
        weight=1.0,
        n_sources=1,
        n_reports=0,
        event_id=None,
        basis="kb",
    )


def dissolution(actor: Actor | None, as_of: str | None) -> tuple[str, str] | None:
    """(day, date) the actor ceased to exist, if known by ``as_of``."""
    day = day_key(actor.dissolved) if actor else None
    if actor is None or day is None or actor.dissolved is None or (as_of and day > as_of):
        return None
    return day, actor.dissolved
