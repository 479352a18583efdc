"""The evaluation harness on small hand-written gold files: the contract's score names, a record
with no event counts as wrong, vocabulary mapping, component sets, malformed gold."""

from __future__ import annotations

import json

import pytest

from newsgraph.errors import GoldFormatError
from newsgraph.evaluate import evaluate
from newsgraph.evaluate.metrics import NONE, macro_f1, per_class_f1, weighted_f1


def _write(tmp_path, name, records):
    p = tmp_path / name
    p.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return p


EVENTS = [
    {"id": "plv_mini-1", "set": "plv_mini", "text": "Pakistani troops attacked Taliban fighters in Waziristan.",
     "source": "Pakistani troops", "target": "Taliban fighters", "plover": "ASSAULT", "quad": "material_conflict"},
    {"id": "plv_mini-2", "set": "plv_mini", "text": "Iran's foreign minister praised the agreement with Iraq.",
     "source": "Iran's foreign minister", "target": "Iraq", "plover": "SUPPORT", "quad": "verbal_coop"},
    {"id": "plv_mini-3", "set": "plv_mini", "text": "The weather was pleasant in spring.",
     "source": "The weather", "target": None, "plover": "AGREE", "quad": "verbal_coop"},
]


@pytest.mark.slow
def test_event_set_scores_with_contract_names(tmp_path):
    report = evaluate([_write(tmp_path, "mini.jsonl", EVENTS)])
    s = report["sets"]["plv_mini"]
    for key in ("n", "coverage", "root_accuracy", "root_macro_f1", "quad_macro_f1", "per_class"):
        assert key in s
    assert s["n"] == 3
    # The third sentence has no event: it is scored as wrong, never skipped.
    assert s["root_accuracy"] <= 0.6667
    assert s["per_class"]["ASSAULT"] > 0


@pytest.mark.slow
def test_component_sets(tmp_path):
    recs = [
        {"id": "a1", "set": "mini_actors", "task": "actor", "text": "Afghan police arrested two men.",
         "mention": "Afghan police", "date": "2015-01-01", "expect": {"name": "Afghanistan", "country": "AFG", "sector": "COP"}},
        {"id": "f1", "set": "mini_fact", "task": "factuality", "text": "The army did not attack the village.",
         "trigger": "attack", "expect": "negated"},
        {"id": "f2", "set": "mini_fact", "task": "factuality", "text": "Rebels may attack the town.",
         "trigger": "attack", "expect": "hedged"},
    ]
    report = evaluate([_write(tmp_path, "comp.jsonl", recs)])
    assert report["sets"]["mini_actors"]["name_accuracy"] == 1.0
    assert report["sets"]["mini_actors"]["country_accuracy"] == 1.0
    assert report["sets"]["mini_fact"]["accuracy"] == 1.0


def test_malformed_gold_names_file_and_line(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "x", "text": "ok", "set": "s"}\n{not json\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"bad.jsonl:2"):
        evaluate([p])


def test_metrics():
    gold = ["A", "A", "B", "C"]
    pred = ["A", NONE, "B", "B"]
    f = per_class_f1(gold, pred)
    assert f["C"] == 0.0 and f["B"] == pytest.approx(2 / 3)
    assert macro_f1(gold, pred) == pytest.approx((f["A"] + f["B"] + f["C"]) / 3)
    assert weighted_f1(gold, pred) == pytest.approx(0.5 * f["A"] + 0.25 * f["B"])
