"""recluster(): the clusters depend only on what is stored, not on the order it came in."""

from __future__ import annotations

import dataclasses
import random

import pytest

from newsgraph.errors import StoreError
from newsgraph.records import ArticleResult
from newsgraph.store import dump, events, ingest, recluster
from newsgraph.store.synthetic import synthetic_results


def _partition(d):
    groups: dict[str, set[str]] = {}
    for e in d["events"]:
        groups.setdefault(e["canonical_id"], set()).add(e["id"])
    return sorted(sorted(g) for g in groups.values())


def test_any_ingest_order_gives_the_same_store_after_recluster(tmp_path, pledge):
    results = [*pledge, *synthetic_results(60, seed=2)]
    urls = []
    for k in range(3):
        order = results[:]
        random.Random(k).shuffle(order)
        url = str(tmp_path / f"order{k}.db")
        ingest(order, url, batch_size=7)
        urls.append(url)
    # Incremental clustering already groups the same mentions together here...
    assert _partition(dump(urls[0])) == _partition(dump(urls[1])) == _partition(dump(urls[2]))
    # ...and after reclustering even the ids and representatives agree.
    n = {recluster(u) for u in urls}
    assert len(n) == 1
    d0 = dump(urls[0])
    for u in urls[1:]:
        d = dump(u)
        assert d["canonical_events"] == d0["canonical_events"] and d["events"] == d0["events"]


def test_recluster_moves_the_store_to_another_window(store_url, pledge, kit):
    late = dataclasses.replace(
        pledge[0].article,
        id="late",
        publisher="Kano Times",
        published="2022-01-20",
        text="Ansaru pledged allegiance to al-Qaeda in the Islamic Maghreb, officials said.",
    )
    ev = kit.event(
        late,
        "pledged allegiance",
        (kit.ANSARU, "Ansaru"),
        (kit.AQIM, "al-Qaeda in the Islamic Maghreb"),
        "051",
        "2022-01-14",
    )
    ingest([*pledge, ArticleResult(article=late, events=(ev,))], store_url)
    assert sorted(r["n_mentions"] for r in events(store_url, cameo="051", factuality="asserted")) == [1, 3]
    assert recluster(store_url, window_days=7) == 4  # the report of the 14th joins the pledge of the 10th
    assert [r["n_mentions"] for r in events(store_url, cameo="051", factuality="asserted")] == [4]
    assert [r["n_mentions"] for r in events(store_url, cameo="051", factuality="negated")] == [1]
    with pytest.raises(StoreError, match="window of 7 days"):
        ingest(pledge, store_url, window_days=3)
