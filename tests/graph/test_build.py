"""build_relations: kinds, intervals, as-of views and confidence, on hand-made canonical events."""

from __future__ import annotations

import pytest

from newsgraph.errors import ConfigError
from newsgraph.graph import build_relations


def _one(relations, kind, source, target):
    found = [r for r in relations if r.kind == kind and r.source.id == source and r.target.id == target]
    assert len(found) == 1, f"expected one {kind} {source}->{target}, found {found}"
    return found[0]


def _none(relations, kind, source, target):
    assert not [r for r in relations if r.kind == kind and r.source.id == source and r.target.id == target]


@pytest.fixture
def pledge(make_event):
    # Fazlullah, leader of the TTP, pledges support to IS; three outlets report it.
    return make_event("pledge", "maulana_fazlullah", "islamic_state", "051", "2014-10-04", n_sources=3)


def test_pledge_is_support_of_the_group_as_of_the_next_day(pledge):
    rels = build_relations([pledge], as_of="2014-10-05")
    support = _one(rels, "support", "ttp", "islamic_state")
    assert support.since == "2014-10-04"
    assert support.until is None and support.status == "active"
    assert support.events == ("pledge",)
    assert support.evidence == 3
    # three independent sources of an asserted event at coder confidence 0.8: 1 - 0.2**3
    assert support.confidence == pytest.approx(0.992)
    assert support.target.name == "Islamic State"


def test_pledge_is_not_known_before_it_happened(pledge):
    assert [r for r in build_relations([pledge], as_of="2014-06-01") if r.kind == "support"] == []


def test_later_split_ends_support_and_starts_a_split(pledge, make_event):
    split = make_event("split", "ttp", "islamic_state", "161", "2015-03-01")
    rels = build_relations([pledge, split])
    support = _one(rels, "support", "ttp", "islamic_state")
    assert (support.since, support.until, support.status) == ("2014-10-04", "2015-03-01", "ended")
    broken = _one(rels, "split", "ttp", "islamic_state")
    assert (broken.since, broken.until, broken.status) == ("2015-03-01", None, "active")


def test_split_by_the_other_side_ends_the_support_too(pledge, make_event):
    expelled = make_event("expel", "islamic_state", "ttp", "166", "2015-03-01")
    support = _one(build_relations([pledge, expelled]), "support", "ttp", "islamic_state")
    assert support.until == "2015-03-01"


def test_as_of_between_pledge_and_split_sees_only_the_support(pledge, make_event):
    split = make_event("split", "ttp", "islamic_state", "161", "2015-03-01")
    rels = build_relations([pledge, split], as_of="2015-02-28")
    assert _one(rels, "support", "ttp", "islamic_state").until is None
    _none(rels, "split", "ttp", "islamic_state")
    after = build_relations([pledge, split], as_of="2015-03-01")
    _none(after, "support", "ttp", "islamic_state")
    _one(after, "split", "ttp", "islamic_state")


def test_re_pledge_after_a_split_starts_a_new_interval(pledge, make_event):
    split = make_event("split", "ttp", "islamic_state", "161", "2015-03-01")
    again = make_event("again", "ttp", "islamic_state", "051", "2016-01-10")
    rels = build_relations([again, split, pledge])  # input order must not matter
    supports = sorted((r.since, r.until) for r in rels if r.kind == "support")
    assert supports == [("2014-10-04", "2015-03-01"), ("2016-01-10", None)]
    assert _one(rels, "split", "ttp", "islamic_state").until == "2016-01-10"
    assert [
        r.kind for r in build_relations([again, split, pledge], as_of="2016-02-01") if r.source.id == "ttp"
    ] == ["support"]


def test_al_qaeda_split_from_is_in_2014(make_event):
    split = make_event("aq", "al_qaeda", "islamic_state", "161", "2014-02", precision="month")
    rels = build_relations([split], as_of="2014-06-01")
    found = _one(rels, "split", "al_qaeda", "islamic_state")
    assert found.since == "2014-02"
    _none(build_relations([split], as_of="2013-12-31"), "split", "al_qaeda", "islamic_state")


def test_negated_events_create_nothing(make_event):
    denied = make_event("denied", "ttp", "islamic_state", "051", "2014-10-04", factuality="negated")
    hypo = make_event("hypo", "ttp", "islamic_state", "190", "2014-10-04", factuality="hypothetical")
    assert build_relations([denied, hypo]) == []


def test_a_denial_disputes_the_relation_it_denies(pledge, make_event):
    denied = make_event("denied", "ttp", "islamic_state", "051", "2014-11-01", factuality="negated")
    support = _one(build_relations([pledge, denied]), "support", "ttp", "islamic_state")
    assert support.status == "disputed"
    assert support.events == ("pledge",)  # the denial is no evidence for it


def test_hedged_and_claimed_weigh_less_than_asserted(make_event):
    def conf(factuality):
        e = make_event("e", "ttp", "islamic_state", "051", "2014-10-04", factuality=factuality)
        return _one(build_relations([e]), "support", "ttp", "islamic_state").confidence

    assert conf("hedged") < conf("asserted")
    assert conf("claimed") < conf("asserted")
    assert conf("habitual") == conf("asserted")


def test_more_independent_sources_more_confidence(make_event):
    def conf(n):
        e = make_event("e", "ttp", "islamic_state", "051", "2014-10-04", n_sources=n)
        return _one(build_relations([e]), "support", "ttp", "islamic_state").confidence

    assert conf(1) < conf(2) < conf(5) < 1.0


def test_habitual_evidence_counts_but_is_undated(make_event):
    usual = make_event("usual", "ttp", "PAK", "190", "2014-10-06", factuality="habitual")
    hostility = _one(build_relations([usual]), "hostility", "ttp", "PAK")
    assert hostility.since is None and hostility.status == "active"
    # known from its report on: visible after, not before
    assert build_relations([usual], as_of="2014-10-07")
    assert not build_relations([usual], as_of="2014-10-01")


def test_leadership_from_kb_roles_of_a_person_in_the_events(pledge):
    lead = _one(build_relations([pledge]), "leadership", "maulana_fazlullah", "ttp")
    assert (lead.since, lead.until, lead.status, lead.basis) == ("2013-11-07", "2018-06-13", "ended", "kb")
    assert lead.events == ("pledge",)
    # as of 2014 the role had not ended yet
    then = _one(build_relations([pledge], as_of="2014-10-05"), "leadership", "maulana_fazlullah", "ttp")
    assert then.until is None and then.status == "active"
    assert not [r for r in build_relations([pledge], as_of="2019-01-01") if r.kind == "leadership"]


def test_person_outside_kb_roles_gives_membership_from_the_event(make_event):
    spokesman = {
        "id": "shahidullah_x",
        "name": "Shahidullah X",
        "type": "person",
        "affiliation": {"id": "ttp", "name": "Tehrik-i-Taliban Pakistan", "role": "spokesperson"},
    }
    e = make_event("claim", spokesman, "PAK", "111", "2014-06-09")
    rels = build_relations([e])
    _one(rels, "accusation", "ttp", "PAK")
    member = _one(rels, "membership", "shahidullah_x", "ttp")
    assert member.basis == "events" and member.since == "2014-06-09"


def test_sympathizers_do_not_speak_for_the_group(make_event):
    fans = {
        "id": None,
        "name": "Islamic State sympathizers",
        "type": "agent",
        "affiliation": {"id": "islamic_state", "name": "Islamic State", "role": "sympathizer"},
    }
    assert build_relations([make_event("fans", fans, "PAK", "190", "2014-10-06")]) == []


def test_self_loops_and_null_ids_give_nothing(make_event):
    fazlullah_praises_ttp = make_event("self", "maulana_fazlullah", "ttp", "051", "2014-10-04")
    unknown = make_event("unk", {"id": None, "name": "gunmen"}, "PAK", "190", "2014-10-04")
    no_target = make_event("none", "ttp", None, "190", "2014-10-04")
    rels = build_relations([fazlullah_praises_ttp, unknown, no_target])
    assert [r.kind for r in rels] == ["leadership"]


def test_alliance_is_symmetric(make_event):
    a = make_event("a", "ttp", "al_qaeda", "057", "2014-01-01")
    b = make_event("b", "al_qaeda", "ttp", "057", "2014-02-01")
    alliances = [r for r in build_relations([a, b]) if r.kind == "alliance"]
    assert len(alliances) == 1
    assert alliances[0].directed is False
    assert set(alliances[0].events) == {"a", "b"} and alliances[0].since == "2014-01-01"


def test_hostility_stays_directed(make_event):
    a = make_event("a", "ttp", "PAK", "190", "2014-01-01")
    b = make_event("b", "PAK", "ttp", "190", "2014-02-01")
    hostile = sorted((r.source.id, r.target.id) for r in build_relations([a, b]) if r.kind == "hostility")
    assert hostile == [("PAK", "ttp"), ("ttp", "PAK")]


def test_harbouring_from_code_and_from_trigger(make_event):
    refuge = make_event("refuge", "PAK", "ttp", "075", "2014-10-06")
    sheltered = make_event("shelter", "AFG", "ttp", "074", "2014-10-06", trigger="sheltered")
    accused = make_event("accused", "AFG", "PAK", "112", "2014-10-06", trigger="accused of harbouring")
    aid = make_event("aid", "USA", "PAK", "073", "2014-10-06", trigger="provided shelter")
    rels = build_relations([refuge, sheltered, accused, aid])
    _one(rels, "harbouring", "PAK", "ttp")
    _one(rels, "harbouring", "AFG", "ttp")
    _one(rels, "accusation", "AFG", "PAK")
    _one(rels, "support", "USA", "PAK")


def test_pledge_of_allegiance_is_affiliation(make_event):
    e = make_event("bayah", "ttp", "islamic_state", "051", "2014-10-04", trigger="pledged allegiance")
    rels = build_relations([e])
    _one(rels, "affiliation", "ttp", "islamic_state")
    _none(rels, "support", "ttp", "islamic_state")


def test_same_day_pledge_and_split_is_disputed(pledge, make_event):
    split = make_event("split", "ttp", "islamic_state", "161", "2014-10-04")
    support = _one(build_relations([pledge, split]), "support", "ttp", "islamic_state")
    assert support.status == "disputed"


def test_kb_parent_gives_affiliation_that_a_split_ends(make_event):
    seen = make_event("seen", "aqap", "USA", "111", "2015-01-01")
    rels = build_relations([seen])
    aff = _one(rels, "affiliation", "aqap", "al_qaeda")
    assert aff.basis == "kb" and aff.confidence == 1.0 and aff.until is None
    split = make_event("split", "aqap", "al_qaeda", "161", "2016-05-01")
    ended = _one(build_relations([seen, split]), "affiliation", "aqap", "al_qaeda")
    assert ended.until == "2016-05-01"


def test_relations_end_when_an_actor_is_dissolved(make_event):
    # al-Qaeda in Iraq: founded 2004-10, dissolved 2006-10-15 (groups.yaml)
    e = make_event("aqi", "aqi", "USA", "190", "2005-06-01")
    rels = build_relations([e])
    hostility = _one(rels, "hostility", "aqi", "USA")
    assert (hostility.until, hostility.status) == ("2006-10-15", "ended")
    assert _one(rels, "affiliation", "aqi", "al_qaeda").until == "2006-10-15"
    assert not build_relations([e], as_of="2007-01-01")
    assert _one(build_relations([e], as_of="2006-01-01"), "hostility", "aqi", "USA").until is None


def test_as_of_must_be_a_date():
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        build_relations([], as_of="last tuesday")


def test_every_as_of_relation_holds_on_that_day(canonical_events_path):
    from newsgraph.graph import read_event_lines

    events = list(read_event_lines(canonical_events_path))
    for day in ("2014-01-01", "2014-06-01", "2014-10-05", "2015-03-01", "2020-01-01"):
        for r in build_relations(events, as_of=day):
            assert r.holds_on(day) and r.status in ("active", "disputed")


def test_harbour_as_a_noun_gives_nothing(make_event):
    retreat = make_event("port", "PAK", "ttp", "0874", "2014-10-06", trigger="withdrew from the harbour")
    assert build_relations([retreat]) == []
