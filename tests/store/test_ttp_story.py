"""The seed story across outlets: the example article plus three more reports of the Pakistani
Taliban's October 2014 pledge to the Islamic State and one later report of a break, through the
real pipeline into the store (SQLite and PostgreSQL), then as canonical events and relations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.graph import relations
from newsgraph.store import events, ingest

HERE = Path(__file__).resolve().parents[1]
SEED = HERE.parents[1] / "shared" / "articles" / "pakistani-taliban-islamic-state.txt"
TTP = HERE / "data" / "ttp"

# (file, published, publisher): other outlets on other days, then the break months later.
REPORTS = [
    ("pledge-wire.txt", "2014-10-05", "Wire Service"),
    ("pledge-dawn.txt", "2014-10-06", "Morning Daily"),
    ("pledge-express.txt", "2014-10-07", "Evening Express"),
    ("split-ttp.txt", "2015-02-16", "Wire Service"),
]


def _record(path: Path, published: str, publisher: str) -> dict[str, str]:
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    return {"id": path.stem, "title": title.strip(), "text": body.strip(), "published": published, "publisher": publisher}


@pytest.fixture
def story(tmp_path, store_url):
    if not SEED.exists():
        pytest.skip(f"{SEED} is not here (the example article of ../shared is development data)")
    rows = [_record(SEED, "2014-10-06", "Example Outlet")] + [_record(TTP / f, d, p) for f, d, p in REPORTS]
    src = tmp_path / "story.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    stats = ingest([src], store_url)
    assert stats.articles_failed == 0, stats.errors
    return store_url, src


def _support(rels, source="ttp", target="islamic_state"):
    return [r for r in rels if r["source"]["id"] == source and r["target"]["id"] == target and r["kind"] in
            ("support", "alliance", "affiliation")]


@pytest.mark.slow
def test_one_canonical_pledge_with_every_report(story):
    db, _ = story
    pledges = [
        e for e in events(db, actor="Pakistani Taliban")
        if e["plover"] == "SUPPORT" and (e["target"] or {}).get("id") == "islamic_state"
        and (e["date"] or {}).get("value") == "2014-10-04"
    ]
    assert pledges, "no TTP -> IS support event dated 2014-10-04"
    best = max(pledges, key=lambda e: e["n_mentions"])
    articles = {m["article"]["id"] for m in best["mentions"]}
    assert len(articles) >= 3, articles
    assert best["n_sources"] >= 3


@pytest.mark.slow
def test_support_holds_from_the_pledge_and_ends_with_the_split(story):
    db, _ = story
    assert _support(relations(db, actor="TTP", as_of="2014-10-05")), "support for IS as of 2014-10-05"
    assert not _support(relations(db, actor="TTP", as_of="2014-06-01")), "no support before the pledge"
    rel = _support(relations(db, actor="TTP", as_of="2014-10-05"))[0]
    assert rel["since"] <= "2014-10-05" and rel["evidence"] >= 3
    later = _support(relations(db, actor="TTP"))
    assert later and all(r["until"] for r in later), later
    assert any(r["until"].startswith("2015-02") for r in later)


@pytest.mark.slow
def test_al_qaeda_split_from_is_in_2014(story):
    db, _ = story
    splits = [r for r in relations(db, actor="al Qaeda") if r["kind"] == "split"
              and r["source"]["id"] == "al_qaeda" and r["target"]["id"] == "islamic_state"]
    assert splits and splits[0]["since"].startswith("2014")
