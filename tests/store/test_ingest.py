"""ingest(): counts, idempotency, per-article errors that never stop a batch, batches as
transactions, streaming, the stored record equal to the pipeline's."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from newsgraph.errors import StoreError
from newsgraph.records import ArticleResult
from newsgraph.store import dump, events, ingest, open_store
from newsgraph.store.synthetic import synthetic_results


def test_ingest_stores_articles_mentions_and_canonical_events(store_url, pledge):
    stats = ingest(pledge, store_url)
    assert (stats.articles_new, stats.articles_skipped, stats.articles_failed) == (4, 0, 0)
    assert stats.events == 6 and stats.batches == 1
    with open_store(store_url) as store:
        counts = store.counts()
    assert counts["articles"] == 4 and counts["events"] == 6 and counts["canonical_events"] == 4
    assert counts["sentences"] == 6  # the sentences that hold events
    assert counts["actors"] == 3  # ansaru, aqim, NGA
    assert counts["places"] == 1  # Kaduna


def test_every_stored_mention_reads_back_as_the_pipeline_made_it(store_url, pledge):
    ingest(pledge, store_url)
    made = {e.id: e.to_dict() for r in pledge for e in r.events}
    stored = {m["id"]: m for rec in events(store_url) for m in rec["mentions"]}
    assert set(stored) == set(made)
    for eid, record in made.items():
        got = dict(stored[eid])
        assert got.pop("canonical_id").startswith("ce_")
        assert got == record


def test_ingesting_again_changes_nothing(store_url, pledge):
    ingest(pledge, store_url)
    before = dump(store_url)
    stats = ingest(pledge, store_url)
    assert (stats.articles_new, stats.articles_skipped, stats.events) == (0, 4, 0)
    assert dump(store_url) == before


def test_the_same_text_under_another_id_is_the_same_article(store_url, pledge):
    ingest(pledge, store_url)
    twin = dataclasses.replace(pledge[0].article, id="syndicated-copy", publisher="Other Outlet")
    stats = ingest([ArticleResult(article=twin, events=())], store_url)
    assert (stats.articles_new, stats.articles_skipped) == (0, 1)


def test_a_duplicate_inside_one_run_is_stored_once(store_url, pledge):
    stats = ingest([pledge[0], pledge[0], *pledge[1:]], store_url)
    assert (stats.articles_new, stats.articles_skipped) == (4, 1)


def test_errors_are_counted_and_logged_with_their_origin_and_never_stop_the_batch(store_url, pledge, caplog):
    broken = ArticleResult(article=None, error="dump.jsonl#17: has no 'text' key", origin="dump.jsonl#17")
    bad_date = ArticleResult(
        article=dataclasses.replace(
            pledge[1].article, published="last Tuesday", text="Another text.", id="x", origin="feed.jsonl#3"
        )
    )
    clash = ArticleResult(
        article=dataclasses.replace(pledge[1].article, text="A new version.", origin="feed.jsonl#4")
    )
    with caplog.at_level(logging.WARNING, logger="newsgraph.store"):
        stats = ingest([pledge[0], broken, pledge[1], bad_date, clash, *pledge[2:]], store_url, batch_size=10)
    assert (stats.articles_new, stats.articles_failed) == (4, 3)
    assert any("dump.jsonl#17" in e for e in stats.errors)
    assert any("feed.jsonl#3" in e and "last Tuesday" in e for e in stats.errors)
    assert any("feed.jsonl#4" in e and "already stored with a different text" in e for e in stats.errors)
    assert {r.getMessage() for r in caplog.records} >= set(stats.errors)
    with open_store(store_url) as store:
        assert store.counts()["articles"] == 4


def test_batches_are_transactions(store_url, pledge):
    seen = []
    stats = ingest(pledge, store_url, batch_size=3, on_batch=lambda s: seen.append(s.articles_new))
    assert stats.batches == 2 and seen == [3, 4]


def test_ingest_streams_its_input(tmp_path):
    produced = 0

    def results():
        nonlocal produced
        for r in synthetic_results(120, seed=1):
            produced += 1
            yield r

    ahead = []
    ingest(
        results(),
        str(tmp_path / "s.db"),
        batch_size=20,
        on_batch=lambda s: ahead.append(produced - s.articles_seen),
    )
    assert len(ahead) == 6 and max(ahead) <= 1  # never more than one result read ahead of what is stored


def test_the_window_belongs_to_the_store(tmp_path, pledge):
    url = str(tmp_path / "s.db")
    ingest(pledge[:1], url, window_days=5)
    ingest(pledge[1:2], url)  # keeps 5
    with pytest.raises(StoreError, match="recluster"):
        ingest(pledge[2:], url, window_days=3)


def test_results_and_paths_do_not_mix(tmp_path, pledge):
    with pytest.raises(StoreError, match="not both"):
        ingest([pledge[0], "more.jsonl"], str(tmp_path / "s.db"))


def test_stored_articles_are_skipped_before_the_nlp_runs(tmp_path, pledge, monkeypatch):
    url = str(tmp_path / "s.db")
    ingest(pledge, url)

    def no_pipeline(*a, **k):
        raise AssertionError("the pipeline ran for articles that are stored already")

    monkeypatch.setattr("newsgraph.pipeline.run", no_pipeline)
    stats = ingest([r.article for r in pledge], url)
    assert (stats.articles_new, stats.articles_skipped) == (0, 4)


def test_nothing_to_ingest(tmp_path):
    stats = ingest([], str(tmp_path / "s.db"))
    assert stats.articles_seen == 0 and stats.batches == 0
    assert "0 articles new" in stats.summary()


def test_unreadable_input_is_counted_without_loading_the_nlp(tmp_path, monkeypatch):
    def no_pipeline(*a, **k):
        raise AssertionError("the pipeline ran with nothing to process")

    monkeypatch.setattr("newsgraph.pipeline.run", no_pipeline)
    stats = ingest([str(tmp_path / "missing-*.jsonl")], str(tmp_path / "s.db"))
    assert (stats.articles_new, stats.articles_failed) == (0, 1)
    assert "missing-*.jsonl" in stats.errors[0]
