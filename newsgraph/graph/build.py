"""build_relations: canonical event records -> the actor-relation graph, as of a date.

Steps: each event gives Evidence items (evidence.py) and sightings of its actors; the knowledge
base adds what it states about the actors seen (kb_facts.py); evidence of one kind between one
pair is cut into intervals by the events that end it (intervals.py); relations of dissolved actors
end with them; an as-of date keeps what held on that day.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from ..kb.loader import KnowledgeBase, default_kb
from .dates import check_day, day_key
from .evidence import Evidence, actor_ids, event_date, evidence_of, n_reports
from .intervals import Interval, breaks_for, confidence, index_evidence, intervals
from .kb_facts import Sighting, dissolution, parent_evidence, role_kind, role_relations
from .model import SYMMETRIC_KINDS, Endpoint, Relation

__all__ = ["build_relations"]


def _visible(day: str | None, as_of: str | None) -> bool:
    """Only evidence dated on or before the as-of day counts; undatable evidence never does then."""
    return as_of is None or (day is not None and day <= as_of)


def _kb_has_role(kb: KnowledgeBase, person_id: str, group_id: str) -> bool:
    person = kb.get(person_id)
    return person is not None and any(r.of == group_id and role_kind(r.role) for r in person.roles)


def build_relations(
    events: Iterable[Mapping[str, Any]], as_of: str | None = None, kb: KnowledgeBase | None = None
) -> list[Relation]:
    """Relations from canonical event records (contract event records; ``n_sources``,
    ``n_mentions`` and ``mentions`` are used when present). With ``as_of`` (YYYY-MM-DD), only
    evidence dated on or before it is used and only relations that held on it are returned
    (since <= as_of and (until is null or until > as_of)). Sorted by source, target, kind, since."""
    day = check_day(as_of) if as_of else None
    kb = kb or default_kb()
    items: list[Evidence] = []
    seen: dict[str, list[Sighting]] = defaultdict(list)
    for event in events:
        items.extend(e for e in evidence_of(event) if _visible(e.day, day))
        value, event_day = event_date(event)
        if _visible(event_day, day):
            sighting = Sighting(
                event_day, value, str(event["id"]) if event.get("id") else None, n_reports(event)
            )
            for actor_id in actor_ids(event):
                seen[actor_id].append(sighting)

    # Where the KB dates a person's role in a group, its intervals replace what single events
    # suggest (events list the sightings instead).
    items = [
        e
        for e in items
        if not (e.kind in ("leadership", "membership") and _kb_has_role(kb, e.source_id, e.target_id))
    ]
    names: dict[str, str] = {}
    for e in items:
        for actor_id, name in ((e.source_id, e.source_name), (e.target_id, e.target_name)):
            if name and actor_id not in names:
                names[actor_id] = name

    relations: list[Relation] = []
    for actor_id, sightings in seen.items():
        actor = kb.get(actor_id)
        if actor is None:
            continue
        first_seen = min((s.day for s in sightings if s.day), default=None)
        parent = parent_evidence(actor, kb, first_seen, day)
        if parent is not None:
            items.append(parent)
        if actor.type == "person":
            relations.extend(role_relations(actor, kb, sightings, day))

    index = index_evidence(items)
    for key in sorted(index):
        for interval in intervals(key, index[key], breaks_for(key, index)):
            relations.append(_relation(interval, names, kb))

    relations = [_end_with_actors(r, kb, day) for r in relations]
    if day:
        relations = [r for r in relations if r.holds_on(day)]
    return sorted(relations, key=lambda r: (r.source.id, r.target.id, r.kind, day_key(r.since) or ""))


def _endpoint(actor_id: str, names: Mapping[str, str], kb: KnowledgeBase) -> Endpoint:
    known = kb.get(actor_id)
    return Endpoint(actor_id, known.name if known else names.get(actor_id, actor_id))


def _relation(interval: Interval, names: Mapping[str, str], kb: KnowledgeBase) -> Relation:
    kind, source_id, target_id = interval.key
    ev = interval.evidence
    status = "ended" if interval.until else "disputed" if interval.disputed else "active"
    return Relation(
        source=_endpoint(source_id, names, kb),
        target=_endpoint(target_id, names, kb),
        kind=kind,
        since=interval.since,
        until=interval.until,
        status=status,
        events=tuple(dict.fromkeys(e.event_id for e in ev if e.event_id)),
        evidence=sum(e.n_reports for e in ev),
        confidence=confidence(ev),
        directed=kind not in SYMMETRIC_KINDS,
        basis="+".join(sorted({e.basis for e in ev})),
        last=interval.last,
    )


def _end_with_actors(r: Relation, kb: KnowledgeBase, as_of: str | None) -> Relation:
    """A relation cannot outlive an actor: it ends when either side was dissolved."""
    ends = [
        d for d in (dissolution(kb.get(r.source.id), as_of), dissolution(kb.get(r.target.id), as_of)) if d
    ]
    if not ends:
        return r
    end_day, end_date = min(ends)
    since, until = day_key(r.since), day_key(r.until)
    if (since is None or since <= end_day) and (until is None or until > end_day):
        return dataclasses.replace(r, until=end_date, status="ended")
    return r
