"""relations(): contract records, actor filter by id, name or alias, events from a file or the store."""

from __future__ import annotations

import json
import sys
import types

import pytest

from newsgraph.errors import FormatError, StoreError
from newsgraph.graph import read_event_lines, relations
from newsgraph.graph.query import actor_id

CONTRACT_KEYS = {"source", "target", "kind", "since", "until", "status", "events", "evidence", "confidence"}


def test_records_have_the_contract_shape(canonical_events_path):
    records = relations(events=str(canonical_events_path))
    assert records
    for r in records:
        assert CONTRACT_KEYS <= set(r)
        assert set(r["source"]) == {"id", "name"} and set(r["target"]) == {"id", "name"}
        assert r["status"] in ("active", "ended", "disputed")
        assert 0.0 <= r["confidence"] <= 1.0
    json.dumps(records)  # JSON-ready


@pytest.mark.parametrize("actor", ["ttp", "Pakistani Taliban", "Tehrik-e Taliban Pakistan", "TTP"])
def test_actor_by_id_name_or_alias(canonical_events_path, actor):
    records = relations(events=str(canonical_events_path), actor=actor, as_of="2014-10-05")
    assert records and all("ttp" in (r["source"]["id"], r["target"]["id"]) for r in records)
    assert {"support", "leadership"} <= {r["kind"] for r in records}


def test_unknown_actor_gives_nothing(canonical_events_path):
    assert relations(events=str(canonical_events_path), actor="Nobody In Particular") == []


def test_actor_id_resolves_names_like_the_event_resolver():
    assert actor_id("Islamic State") == "islamic_state"
    assert actor_id("al_qaeda") == "al_qaeda"


def test_events_as_records_or_json_array(tmp_path, canonical_events_path):
    events = list(read_event_lines(canonical_events_path))
    array = tmp_path / "events.json"
    array.write_text(json.dumps(events), encoding="utf-8")
    assert relations(events=events) == relations(events=str(array))


def test_broken_events_file_names_the_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a"}\n{oops\n', encoding="utf-8")
    with pytest.raises(FormatError, match=r"bad.jsonl:2"):
        relations(events=str(bad))


def test_reads_canonical_events_through_the_store_helper(monkeypatch, canonical_events_path):
    fake = types.ModuleType("newsgraph.store")
    seen = []

    def iter_events(db_url=None):
        seen.append(db_url)
        return read_event_lines(canonical_events_path)

    fake.iter_events = iter_events  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "newsgraph.store", fake)
    records = relations("sqlite:///x.db", actor="ttp", as_of="2014-10-05")
    assert seen == ["sqlite:///x.db"]
    assert any(r["kind"] == "support" for r in records)


def test_missing_store_is_a_store_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "newsgraph.store", types.ModuleType("newsgraph.store"))
    with pytest.raises(StoreError, match="--events FILE"):
        relations("sqlite:///x.db")
