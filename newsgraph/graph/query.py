"""relations(): the relation records of the store (or of an events file), for one actor, as of a date."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..kb.loader import KnowledgeBase, default_kb
from .build import build_relations
from .model import Relation
from .source import read_event_lines, stored_events

__all__ = ["actor_id", "relations"]


def actor_id(actor: str, kb: KnowledgeBase | None = None) -> str | None:
    """A knowledge-base id for a user's actor string: an id as is ("ttp"), else a name or alias
    ("Pakistani Taliban") resolved as the event resolver would; None when neither knows it."""
    kb = kb or default_kb()
    if kb.get(actor):
        return actor
    from ..resolve.actors import ActorResolver  # loaded only when a name must be resolved

    return ActorResolver(kb).resolve_name(actor).id


def _matches(r: Relation, wanted_id: str | None, wanted_name: str) -> bool:
    if wanted_id:
        return r.involves(wanted_id)
    # Actors outside the KB (ids the store made up) are still found by their exact id or name.
    key = wanted_name.casefold()
    return any(key in (e.id.casefold(), e.name.casefold()) for e in (r.source, r.target))


def relations(
    db_url: str | None = None,
    actor: str | None = None,
    as_of: str | None = None,
    events: Iterable[Mapping[str, Any]] | str | None = None,
) -> list[dict[str, Any]]:
    """Contract relation records (a JSON-ready list). Events come from the store at ``db_url``,
    or from ``events``: records, or the path of a JSONL/JSON events file."""
    if events is None:
        source: Iterable[Mapping[str, Any]] = stored_events(db_url)
    elif isinstance(events, str):
        source = read_event_lines(events)
    else:
        source = events
    built = build_relations(source, as_of=as_of)
    if actor:
        wanted = actor_id(actor)
        built = [r for r in built if _matches(r, wanted, actor)]
    return [r.to_dict() for r in built]
