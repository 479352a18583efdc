"""Through the real pipeline: the hand-written pledge articles, ingested from their file."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.store import dump, events, ingest

PLEDGE = Path(__file__).parent / "data" / "pledge.jsonl"

pytestmark = pytest.mark.slow


def test_three_outlets_one_pledge(store_url):
    stats = ingest([PLEDGE], store_url)
    assert (stats.articles_new, stats.articles_failed) == (4, 0)
    (pledge,) = [r for r in events(store_url, dyad="Ansaru,AQIM", cameo="05")]
    assert pledge["n_mentions"] == 3 and pledge["n_sources"] == 3
    assert pledge["publishers"] == ["Lagos Ledger", "Sahel Courier", "Wire Desk"]
    assert pledge["date"]["value"] == "2022-01-10"  # "on Monday", in each article's own week
    assert {m["article"]["id"] for m in pledge["mentions"]} == {
        "sahel-courier-0111",
        "lagos-ledger-0112",
        "wire-desk-0113",
    }
    for m in pledge["mentions"]:
        text = m["sentence"]["text"]
        assert text[m["trigger"]["start"] - m["sentence"]["start"] :].startswith("pledged allegiance")
    # the denial of a week later is not merged into the pledge
    assert "wire-desk-0120" not in {
        m["article"]["id"]
        for r in events(store_url, cameo="05")
        for m in r["mentions"]
        if r["factuality"] == "asserted" and r["cameo"] == "051"
    }


def test_ingesting_the_file_twice_changes_nothing(tmp_path):
    url = str(tmp_path / "s.db")
    ingest([PLEDGE], url)
    before = dump(url)
    stats = ingest([PLEDGE], url, published="2022-02-01")
    assert (stats.articles_new, stats.articles_skipped) == (0, 4)
    assert dump(url) == before


def test_unreadable_files_among_good_ones(tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"title": "no text here"}\n', encoding="utf-8")
    stats = ingest([broken, PLEDGE, tmp_path / "absent.jsonl"], str(tmp_path / "s.db"))
    assert (stats.articles_new, stats.articles_failed) == (4, 2)
    assert any("broken.jsonl" in e for e in stats.errors) and any("absent.jsonl" in e for e in stats.errors)
