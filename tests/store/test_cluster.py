"""Cross-article clustering: the compatibility rules one by one, then what they make of stored
articles (the pledge reported by three outlets, then denied)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.records import ArticleResult
from newsgraph.store import dump, events, ingest
from newsgraph.store.cluster import MentionKey, compatible, summarize
from newsgraph.store.synthetic import Who

D = date(2022, 1, 10)


def key(**kw) -> MentionKey:
    base = dict(
        id="ev_a",
        source_group="ansaru",
        source_country="NGA",
        source_sector="REB",
        target_group="aqim",
        target_country=None,
        target_sector="REB",
        cameo_root="05",
        plover="SUPPORT",
        lo=D,
        hi=D,
        country=None,
        negated=False,
    )
    base.update(kw)
    return MentionKey(**base)


def days(a: int, b: int | None = None) -> dict[str, date]:
    return {"lo": date(2022, 1, a), "hi": date(2022, 1, b if b is not None else a)}


# -- the rules -----------------------------------------------------------------------------------
def test_the_same_report_is_compatible():
    assert compatible(key(), key(id="ev_b"))


@pytest.mark.parametrize(
    ("other", "window", "ok"), [(13, 3, True), (14, 3, False), (14, 4, True), (10, 0, True), (11, 0, False)]
)
def test_dates_within_the_window(other, window, ok):
    assert compatible(key(), key(**days(other)), window) is ok


def test_a_month_precision_date_matches_any_day_of_its_month():
    january = {"lo": date(2022, 1, 1), "hi": date(2022, 1, 31)}
    assert compatible(key(**january), key(**days(28)))
    assert compatible(key(**january), key(lo=date(2022, 2, 3), hi=date(2022, 2, 3)))  # 3 days after the month
    assert not compatible(key(**january), key(lo=date(2022, 2, 4), hi=date(2022, 2, 4)))


@pytest.mark.parametrize(
    ("root", "plover", "ok"),
    [("05", "AGREE", True), ("03", "SUPPORT", True), ("03", "AGREE", False), ("03", None, False)],
)
def test_codes_need_the_same_root_or_the_same_plover_type(root, plover, ok):
    assert compatible(key(), key(cameo_root=root, plover=plover)) is ok


def test_two_missing_plover_types_are_not_the_same_type():
    assert not compatible(key(plover=None), key(cameo_root="03", plover=None))


@pytest.mark.parametrize(
    ("a", "b", "ok"), [("NGA", "NGA", True), ("NGA", None, True), (None, None, True), ("NGA", "MLI", False)]
)
def test_places_need_the_same_country_or_one_unknown(a, b, ok):
    assert compatible(key(country=a), key(country=b)) is ok


def test_dyads():
    assert not compatible(key(), key(source_group="boko_haram"))
    assert not compatible(
        key(), key(source_group="aqim", target_group="ansaru", source_country=None, target_country="NGA")
    )  # the other direction
    # one actor unresolved: its country and sector must agree instead
    assert compatible(key(), key(source_group=None))
    assert not compatible(key(), key(source_group=None, source_sector="GOV"))
    # no target versus a known target: not the same event
    assert not compatible(key(), key(target_group=None, target_sector=None))
    assert compatible(
        key(target_group=None, target_sector=None), key(id="b", target_group=None, target_sector=None)
    )


def test_negated_reports_never_join_asserted_ones():
    assert not compatible(key(), key(negated=True))
    assert compatible(key(negated=True), key(id="b", negated=True))


def test_mentions_without_a_date_or_without_any_known_actor_never_merge():
    undated = key(lo=None, hi=None)
    nobody = key(source_group=None, target_group=None)
    assert not compatible(undated, dataclasses.replace(undated, id="b"))
    assert not compatible(nobody, dataclasses.replace(nobody, id="b"))


keys = st.builds(
    key,
    source_group=st.sampled_from(["ansaru", "aqim", None]),
    source_sector=st.sampled_from(["REB", "GOV", None]),
    target_group=st.sampled_from(["ansaru", "aqim", None]),
    cameo_root=st.sampled_from(["05", "19"]),
    plover=st.sampled_from(["SUPPORT", "ASSAULT", None]),
    lo=st.dates(date(2022, 1, 1), date(2022, 1, 20)),
    country=st.sampled_from(["NGA", "MLI", None]),
    negated=st.booleans(),
).map(lambda k: dataclasses.replace(k, hi=k.lo))


@given(keys, keys, st.integers(0, 5))
def test_compatibility_is_symmetric(a, b, window):
    assert compatible(a, b, window) == compatible(b, a, window)


def test_the_summary_prefers_asserted_precise_reports_and_counts_publishers_once():
    def member(i, factuality, publisher, precision="day", article=None):
        return {
            "id": f"ev_{i}",
            "article_id": article or f"a{i}",
            "factuality": factuality,
            "date_precision": precision,
            "date_lo": D,
            "date_hi": D,
            "date_value": "2022-01-10",
            "source_group": "ansaru",
            "target_group": "aqim",
            "place_text": None,
            "place_id": None,
            "place_name": None,
            "place_country": None,
            "confidence": 0.5,
            "article_published": date(2022, 1, 10 + i),
            "article_publisher": publisher,
            "cameo": "051",
            "cameo_root": "05",
            "plover": "SUPPORT",
            "quad": 1,
            "goldstein": 3.4,
        }

    members = [
        member(1, "claimed", "Wire Desk"),
        member(2, "asserted", "wire desk", "month"),
        member(3, "asserted", None),
        member(4, "hedged", None),
        member(5, "asserted", "Lagos Ledger"),
    ]
    s = summarize("ce_x", members)
    assert s["representative_id"] == "ev_3"  # asserted, day precision, earliest of those
    assert s["factuality"] == "asserted"
    assert s["n_mentions"] == 5
    # "Wire Desk" twice (any case) is one source; each article without a publisher is its own
    assert s["n_sources"] == 4
    assert (s["first_seen"], s["last_seen"]) == (date(2022, 1, 11), date(2022, 1, 15))
    assert (
        summarize("ce_y", [member(1, "hedged", None), member(2, "claimed", None)])["factuality"] == "claimed"
    )


# -- in the store ------------------------------------------------------------------------------------
def _by_code(url):
    out = {}
    for r in events(url):
        assert (r["cameo"], r["factuality"]) not in out, "one canonical event per code and factuality here"
        out[(r["cameo"], r["factuality"])] = r
    return out


def _pledge(url):
    """The canonical event of the first report of the pledge."""
    (found,) = [
        r
        for r in events(url, cameo="051", factuality="asserted")
        if "sahel-courier-0111" in {m["article"]["id"] for m in r["mentions"]}
    ]
    return found


def test_three_outlets_reporting_one_pledge_make_one_canonical_event(store_url, pledge):
    stats = ingest(pledge, store_url)
    assert (stats.articles_new, stats.events, stats.canonical_new) == (4, 6, 4)
    got = _by_code(store_url)
    assert set(got) == {("051", "asserted"), ("051", "negated"), ("190", "asserted"), ("111", "asserted")}
    p = got[("051", "asserted")]
    assert p["dyad"] == {"source": "ansaru", "target": "aqim"}
    assert p["n_mentions"] == 3 and p["n_sources"] == 3
    assert sorted(m["article"]["publisher"] for m in p["mentions"]) == [
        "Lagos Ledger",
        "Sahel Courier",
        "Wire Desk",
    ]
    assert (p["first_seen"], p["last_seen"]) == ("2022-01-11", "2022-01-13")
    assert p["date"]["value"] == "2022-01-10"
    # every mention points at its own article, sentence and trigger
    for m in p["mentions"]:
        assert m["sentence"]["text"][m["trigger"]["start"] - m["sentence"]["start"] :].startswith(
            "pledged allegiance"
        )
    # the denial is its own canonical event
    assert got[("051", "negated")]["n_mentions"] == 1


def test_an_article_ingested_later_joins_the_existing_cluster(store_url, pledge):
    ingest(pledge[:1], store_url)
    (first,) = events(store_url, cameo="05")
    ingest(pledge[1:], store_url)
    joined = _pledge(store_url)
    assert joined["id"] == first["id"]  # the id of the cluster the first report started
    assert joined["n_mentions"] == 3


def test_incremental_ingest_leaves_what_one_ingest_leaves(tmp_path, pledge):
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    ingest(pledge, one)
    for r in pledge:
        ingest([r], two)
    assert dump(one) == dump(two)


def test_a_person_counts_as_the_group_he_leads(store_url, pledge, kit):
    leader = Who("abu_usamata", "Abu Usamatul Ansary", "NGA", "REB", "person", affiliation="ansaru")
    art = dataclasses.replace(
        pledge[0].article,
        id="leader-video",
        publisher="Kano Times",
        published="2022-01-12",
        text="Abu Usamatul Ansary pledged allegiance to al-Qaeda in the Islamic Maghreb in a video on Monday",
    )
    ev = kit.event(
        art,
        "pledged allegiance",
        (leader, "Abu Usamatul Ansary"),
        (kit.AQIM, "al-Qaeda in the Islamic Maghreb"),
        "051",
        "2022-01-10",
    )
    ingest([*pledge, ArticleResult(article=art, events=(ev,))], store_url)
    p = _pledge(store_url)
    assert p["n_mentions"] == 4 and p["n_sources"] == 4
    assert p["dyad"]["source"] == "ansaru"
    assert "leader-video" in {m["article"]["id"] for m in p["mentions"]}


def test_the_window_decides_and_a_month_date_joins(store_url, pledge, kit):
    late = dataclasses.replace(
        pledge[0].article,
        id="late",
        publisher="Kano Times",
        published="2022-01-20",
        text="Ansaru pledged allegiance to al-Qaeda in the Islamic Maghreb, officials said.",
    )
    month = dataclasses.replace(
        late,
        id="month",
        publisher="Abuja Post",
        text="In January Ansaru pledged allegiance to al-Qaeda in the Islamic Maghreb.",
    )
    pair = ((kit.ANSARU, "Ansaru"), (kit.AQIM, "al-Qaeda in the Islamic Maghreb"))
    extra = [
        ArticleResult(
            article=late, events=(kit.event(late, "pledged allegiance", *pair, "051", "2022-01-14"),)
        ),
        ArticleResult(
            article=month,
            events=(kit.event(month, "pledged allegiance", *pair, "051", "2022-01", precision="month"),),
        ),
    ]
    ingest([*pledge, *extra], store_url)
    p = _pledge(store_url)
    ids = {m["article"]["id"] for m in p["mentions"]}
    assert "month" in ids  # January covers the 10th
    assert "late" not in ids  # the 14th is four days after the 10th: outside the 3-day window
    assert p["date"]["precision"] == "day"  # the precise report represents the event


def test_a_wider_window_is_a_setting_of_the_store(tmp_path, pledge, kit):
    late = dataclasses.replace(
        pledge[0].article,
        id="late",
        publisher="Kano Times",
        published="2022-01-20",
        text="Ansaru pledged allegiance to al-Qaeda in the Islamic Maghreb, officials said.",
    )
    pair = ((kit.ANSARU, "Ansaru"), (kit.AQIM, "al-Qaeda in the Islamic Maghreb"))
    results = [
        *pledge,
        ArticleResult(
            article=late, events=(kit.event(late, "pledged allegiance", *pair, "051", "2022-01-14"),)
        ),
    ]
    url = str(tmp_path / "wide.db")
    ingest(results, url, window_days=5)
    assert _pledge(url)["n_mentions"] == 4
