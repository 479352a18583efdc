"""pipeline.run with worker processes: bounded read-ahead, order, and failures that stop the run
with a message instead of a hang."""

from __future__ import annotations

import time

import pytest

from newsgraph.errors import ConfigError, NewsgraphError
from newsgraph.pipeline import IN_FLIGHT_PER_WORKER, run
from newsgraph.records import Article


def _articles(n, tag="ok"):
    return (Article(id=f"a{i}", text=f"Article {i} ({tag}).") for i in range(n))


def test_read_ahead_is_bounded(h):
    settings = h.stub_settings(batch_size=4)
    workers = 2
    pulled = 0

    def source():
        nonlocal pulled
        for a in _articles(300):
            pulled += 1
            yield a

    ahead = []
    out = []
    for r in run(source(), settings, workers=workers):
        out.append(r.article.id)
        ahead.append(pulled - len(out))
        if len(out) % 25 == 0:
            time.sleep(0.05)  # a slow consumer (the store)
    assert out == [f"a{i}" for i in range(300)]  # all, in order
    # Pool.imap would read all 300 at once; here at most the chunks in flight are read ahead.
    assert max(ahead) <= (IN_FLIGHT_PER_WORKER * workers + 1) * settings.batch_size


def test_results_are_one_per_item_in_order_with_errors(h, count_log):
    from newsgraph.errors import ReaderError

    items = []
    for i in range(40):
        items.append(
            ReaderError(f"f#line {i}", "bad")
            if i % 7 == 0
            else Article(id=f"a{i}", text=f"T {i} {'FAIL' if i % 5 == 0 else ''}")
        )
    got = list(run(iter(items), h.stub_settings(), workers=2))
    assert [r.origin if r.article is None else r.article.id for r in got] == [
        it.origin if isinstance(it, ReaderError) else it.id for it in items
    ]
    failed = {r.article.id for r in got if r.article is not None and r.error}
    assert failed == {f"a{i}" for i in range(40) if i % 5 == 0 and i % 7}


def test_a_dead_worker_stops_the_run_with_a_message(h):
    items = [Article(id=f"a{i}", text="DIE now" if i == 9 else f"T {i}") for i in range(30)]
    t0 = time.monotonic()
    with pytest.raises(NewsgraphError, match="worker process died"):
        list(run(iter(items), h.stub_settings(), workers=2))
    assert time.monotonic() - t0 < 60


def test_a_worker_that_cannot_start_reports_the_real_error(h):
    settings = h.stub_settings(annotator="no-such-annotator.v9")
    with pytest.raises(ConfigError, match="no-such-annotator"):
        list(run(_articles(5), settings, workers=2))
