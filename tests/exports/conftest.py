"""The hand-made canonical events of tests/graph, shared with the export tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

CANONICAL_EVENTS = Path(__file__).resolve().parents[1] / "graph" / "data" / "canonical_events.jsonl"


@pytest.fixture
def events() -> list[dict[str, Any]]:
    from newsgraph.graph import read_event_lines

    return list(read_event_lines(CANONICAL_EVENTS))


@pytest.fixture
def events_path() -> Path:
    return CANONICAL_EVENTS
