"""PLOVER JSONL: the PLOVER data model's field names, filled from the event record."""

from __future__ import annotations

import json

from newsgraph.exports import export
from newsgraph.exports.plover import plover_record


def test_pledge_as_plover(events):
    rec = plover_record(events[0])
    assert rec is not None
    assert (rec["id"], rec["date"], rec["event"], rec["quad_code"]) == (
        "ev-ttp-pledge",
        "2014-10-04",
        ["SUPPORT"],
        1,
    )
    (actor,) = rec["actor"]
    assert (actor["code"], actor["sector"], actor["identifier_text"], actor["office"]) == (
        "PAK", "REB", "Maulana Fazlullah", "leader",
    )  # fmt: skip
    assert rec["recipient"][0]["identifier_text"] == "Islamic State"
    assert rec["event_loc"]["resolved_place"] == "Peshawar" and rec["event_loc"]["geonameid"] == 1168197
    assert rec["event_text"] == ["pledged support"] and rec["event_scale"] == 3.4
    assert rec["cite_info"]["publication"] == "BBC"
    assert rec["newsgraph"]["cameo"] == "051" and rec["newsgraph"]["n_sources"] == 3


def test_mode_from_the_codebook(events):
    split = plover_record(events[1])  # 161 Reduce or break diplomatic relations: SANCTION, withdraw
    assert split is not None and split["event"] == ["SANCTION"] and split["mode"] == ["withdraw"]
    assert split["date"] == "2014-02-01" and split["newsgraph"]["date_precision"] == "month"


def test_file_is_json_lines_without_negated_events(tmp_path, events_path, events):
    (path,) = export("plover-jsonl", tmp_path, events=str(events_path))
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert {r["id"] for r in records} == {e["id"] for e in events} - {"ev-is-agreement"}
    required = {"id", "date", "actor", "event"}
    assert all(required <= set(r) for r in records)


def test_statements_without_plover_type_are_left_out(events):
    assert plover_record({**events[3], "cameo": "010", "plover": None}) is None
