"""Hand-made canonical event records for the graph tests (contract shape, store extras)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# Real KB ids, so that names, roles and parents come from the shipped knowledge base.
ACTORS: dict[str, dict[str, Any]] = {
    "ttp": {
        "id": "ttp",
        "name": "Tehrik-i-Taliban Pakistan",
        "type": "group",
        "country": "PAK",
        "sector": "REB",
    },
    "islamic_state": {"id": "islamic_state", "name": "Islamic State", "type": "group", "sector": "REB"},
    "al_qaeda": {"id": "al_qaeda", "name": "al-Qaeda", "type": "group", "sector": "REB"},
    "aqap": {"id": "aqap", "name": "al-Qaeda in the Arabian Peninsula", "type": "group", "country": "YEM"},
    "aqi": {"id": "aqi", "name": "al-Qaeda in Iraq", "type": "group", "country": "IRQ"},
    "PAK": {"id": "PAK", "name": "Pakistan", "type": "country", "country": "PAK", "sector": "GOV"},
    "AFG": {"id": "AFG", "name": "Afghanistan", "type": "country", "country": "AFG", "sector": "GOV"},
    "USA": {"id": "USA", "name": "United States", "type": "country", "country": "USA", "sector": "GOV"},
    "maulana_fazlullah": {
        "id": "maulana_fazlullah",
        "name": "Maulana Fazlullah",
        "type": "person",
        "country": "PAK",
        "affiliation": {"id": "ttp", "name": "Tehrik-i-Taliban Pakistan", "role": "leader"},
    },
}

CANONICAL_EVENTS = Path(__file__).parent / "data" / "canonical_events.jsonl"


def _actor(a: str | dict[str, Any] | None) -> dict[str, Any] | None:
    if a is None or isinstance(a, dict):
        return a
    return {"text": ACTORS[a]["name"], "start": 0, "end": 0, **ACTORS[a]}


@pytest.fixture
def make_event() -> Callable[..., dict[str, Any]]:
    """make_event(id, source, target, cameo, date, factuality=..., n_sources=..., ...): one
    canonical event; source/target are ACTORS keys or actor dicts."""

    def make(
        eid: str,
        source: str | dict[str, Any] | None,
        target: str | dict[str, Any] | None,
        cameo: str,
        date: str | None,
        *,
        factuality: str = "asserted",
        n_sources: int = 1,
        confidence: float = 0.8,
        trigger: str = "",
        precision: str = "day",
    ) -> dict[str, Any]:
        return {
            "id": eid,
            "article": {"id": f"a-{eid}", "published": date, "url": None, "publisher": None, "title": None},
            "source": _actor(source),
            "target": _actor(target),
            "cameo": cameo,
            "cameo_root": cameo[:2],
            "trigger": {"text": trigger, "start": 0, "end": len(trigger)},
            "date": {"value": date, "precision": precision, "text": None} if date else None,
            "factuality": factuality,
            "confidence": confidence,
            "attribution": [],
            "n_sources": n_sources,
            "n_mentions": n_sources,
        }

    return make


@pytest.fixture
def canonical_events_path() -> Path:
    return CANONICAL_EVENTS
