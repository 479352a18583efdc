"""The store benchmark runs and reports what it promises."""

from __future__ import annotations

from newsgraph.store.bench import bench_store


def test_bench_reports_rates_and_an_idempotent_rerun(store_url):
    out = bench_store(store_url, n=30, events_per_article=3, batch_size=10, memory=True)
    assert out["articles"] == 30 and out["events"] > 0
    assert out["articles_per_s"] > 0 and out["rerun_articles_per_s"] > 0
    assert out["rerun_new"] == 0
    assert out["streamed_articles"] == 30 and out["streamed_peak_mb"] > 0
