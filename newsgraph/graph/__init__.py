"""The time-aware actor-relation graph built from canonical events (docs/graph.md)."""

from __future__ import annotations

from .build import build_relations
from .model import KINDS, SYMMETRIC_KINDS, Endpoint, Relation
from .query import relations
from .source import read_event_lines, stored_events

__all__ = [
    "KINDS",
    "SYMMETRIC_KINDS",
    "Endpoint",
    "Relation",
    "build_relations",
    "read_event_lines",
    "relations",
    "stored_events",
]
