"""events(), events_page(), iter_events(): filters, actor names, record shape, pagination."""

from __future__ import annotations

import dataclasses

import pytest

from newsgraph.errors import StoreError
from newsgraph.records import ArticleResult
from newsgraph.store import events, events_page, ingest, iter_events
from newsgraph.store.synthetic import Who, synthetic_results

CONTRACT_KEYS = {
    "id",
    "article",
    "sentence",
    "source",
    "target",
    "cameo",
    "cameo_root",
    "plover",
    "quad",
    "goldstein",
    "trigger",
    "date",
    "place",
    "factuality",
    "attribution",
    "confidence",
}


@pytest.fixture
def url(store_url, pledge):
    ingest(pledge, store_url)
    return store_url


def codes(records):
    return sorted((r["cameo"], r["factuality"]) for r in records)


def test_records_follow_the_contract_and_list_their_mentions(url):
    for r in events(url):
        assert CONTRACT_KEYS <= set(r)
        assert r["id"].startswith("ce_")
        assert r["n_mentions"] == len(r["mentions"]) >= 1
        assert r["representative"] in {m["id"] for m in r["mentions"]}
        for m in r["mentions"]:
            assert CONTRACT_KEYS <= set(m) and m["canonical_id"] == r["id"]
            assert m["sentence"]["start"] <= m["trigger"]["start"] < m["sentence"]["end"]


@pytest.mark.parametrize(
    "name", ["Ansaru", "ansaru", "ANSARU", "Jama'atu Ansarul Muslimina Fi Biladis Sudan"]
)
def test_actor_by_name_alias_or_id(url, name):
    assert codes(events(url, actor=name)) == [("051", "asserted"), ("051", "negated"), ("190", "asserted")]


def test_actor_by_another_alias(url):
    assert codes(events(url, actor="AQIM")) == [("051", "asserted"), ("051", "negated")]


def test_a_person_is_found_by_name_and_through_the_group_he_acts_for(store_url, pledge, kit):
    leader = Who("abubakar_shekau", "Abubakar Shekau", "NGA", "REB", "person", affiliation="boko_haram")
    art = dataclasses.replace(
        pledge[0].article,
        id="shekau",
        publisher="Kano Times",
        published="2020-05-02",
        text="Abubakar Shekau threatened Nigerian troops in a video on Friday.",
    )
    ev = kit.event(
        art, "threatened", (leader, "Abubakar Shekau"), (kit.NIGERIA, "Nigerian troops"), "138", "2020-05-01"
    )
    ingest([*pledge, ArticleResult(article=art, events=(ev,))], store_url)
    assert [r["article"]["id"] for r in events(store_url, actor="Abubakar Shekau")] == ["shekau"]
    assert [r["article"]["id"] for r in events(store_url, actor="Boko Haram")] == ["shekau"]
    assert [r["dyad"] for r in events(store_url, dyad="Shekau,Nigeria")] == [
        {"source": "boko_haram", "target": "NGA"}
    ]


def test_an_unknown_actor_is_an_error_that_says_what_to_give(url):
    with pytest.raises(StoreError, match="No actor matches 'Zorgon Liberation Front'"):
        events(url, actor="Zorgon Liberation Front")


def test_dyads(url):
    assert codes(events(url, dyad="Ansaru,AQIM")) == [("051", "asserted"), ("051", "negated")]
    assert codes(events(url, dyad=("AQIM", "Ansaru"))) == []
    assert codes(events(url, dyad=",Ansaru")) == [("190", "asserted")]
    with pytest.raises(StoreError, match="SOURCE,TARGET"):
        events(url, dyad="Ansaru")


def test_dates_filter_on_the_event_date(url):
    assert codes(events(url, since="2022-01-11")) == [
        ("051", "negated"),
        ("111", "asserted"),
        ("190", "asserted"),
    ]
    assert codes(events(url, until="2022-01-10")) == [("051", "asserted")]
    assert len(events(url, since="2022-01", until="2022")) == 4
    assert events(url, since="2022-02") == []
    with pytest.raises(StoreError, match="not a date"):
        events(url, since="last week")
    with pytest.raises(StoreError, match="after until"):
        events(url, since="2022-02-01", until="2022-01-01")


def test_codes_places_factuality_and_publishers(url):
    assert codes(events(url, cameo="05")) == [("051", "asserted"), ("051", "negated")]
    assert codes(events(url, cameo="19")) == [("190", "asserted")]
    assert codes(events(url, plover="assault")) == [("190", "asserted")]
    assert codes(events(url, quad=3)) == [("111", "asserted")]
    assert codes(events(url, country="nga")) == [("190", "asserted")]
    assert codes(events(url, place="kaduna")) == [("190", "asserted")]
    assert codes(events(url, place="2335727")) == [("190", "asserted")]
    assert codes(events(url, factuality="negated")) == [("051", "negated")]
    assert codes(events(url, publisher="lagos ledger")) == [("051", "asserted"), ("190", "asserted")]
    with pytest.raises(StoreError, match="asserted, negated"):
        events(url, factuality="rumoured")


def test_pages_walk_every_event_once_in_a_stable_order(store_url):
    ingest(synthetic_results(40, seed=5), store_url)
    everything = [r["id"] for r in events(store_url)]
    walked, cursor = [], None
    while True:
        page = events_page(store_url, limit=7, cursor=cursor)
        walked += [r["id"] for r in page.items]
        if page.next is None:
            break
        cursor = page.next
    assert walked == everything and len(set(walked)) == len(walked) > 7
    dates = [r["date"]["value"] for r in events(store_url)]
    assert dates == sorted(dates)
    assert [r["id"] for r in iter_events(store_url, page_size=3)] == everything


def test_a_cursor_survives_new_articles(store_url):
    ingest(synthetic_results(20, seed=5), store_url)
    first = events_page(store_url, limit=10)
    ingest(synthetic_results(20, seed=6), store_url)
    rest = events_page(store_url, cursor=first.next)
    now = [r["id"] for r in events(store_url)]
    # the next page goes on right after the last item, in today's order: nothing twice, nothing
    # skipped (events dated before the cursor that arrived meanwhile belong to earlier pages)
    assert [r["id"] for r in rest.items] == now[now.index(first.items[-1]["id"]) + 1 :]


def test_bad_cursors_and_limits(url):
    with pytest.raises(StoreError, match="start again without a cursor"):
        events(url, cursor="not-a-cursor")
    with pytest.raises(StoreError, match="limit"):
        events(url, limit=0)


def test_reading_a_store_that_does_not_exist(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        events(str(tmp_path / "absent.db"))
