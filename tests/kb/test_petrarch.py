"""PETRARCH actor, agent and discard dictionaries read into the knowledge base."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.errors import KnowledgeBaseError
from newsgraph.kb.matcher import AliasMatcher
from newsgraph.kb.model import Actor
from newsgraph.kb.petrarch import (
    code_on,
    codes_on,
    display_case,
    english_plural,
    find_discard,
    load_petrarch_actors,
    load_petrarch_agents,
    load_petrarch_discards,
    petrarch_kb,
    read_petrarch_agents,
)
from newsgraph.resolve.actors import ActorResolver

DATA = Path(__file__).parent.parent / "data" / "petrarch"
REAL = Path("/work/shared/eval/dev/petrarch_dicts")
UNIT = Path("/work/shared/eval/dev/petrarch_unit.jsonl")


def _by_name(actors: list[Actor]) -> dict[str, Actor]:
    return {a.name: a for a in actors}


@pytest.fixture(scope="module")
def actors() -> dict[str, Actor]:
    return _by_name(load_petrarch_actors(DATA / "actors.txt"))


def _write(tmp_path: Path, text: str, name: str = "dict.txt") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# --- actors ---------------------------------------------------------------------------------------


def test_a_country_entry_with_synonyms(actors):
    foo = actors["Fooland"]
    assert (foo.id, foo.type, foo.cameo, foo.country, foo.sector) == (
        "petr_foo",
        "country",
        "FOO",
        "FOO",
        None,
    )
    # "+FOO_CITY_": underscores are spaces, the trailing one (exact-match marker) goes.
    assert foo.aliases == ("Foolander", "Foo City")
    assert foo.roles == ()  # one undated code: nothing to keep beyond cameo
    assert foo.source_file.endswith("actors.txt:7")


def test_lower_case_codes_and_comments_after_the_code(actors):
    bar = actors["Barstan"]
    assert bar.cameo == "BAR" and bar.type == "country"


def test_comments_and_tag_lines_are_not_actors(actors):
    assert not any("comment" in n.lower() or "tag" in n.lower() for n in actors)
    assert len(actors) == 11


def test_dated_codes_without_a_default(actors):
    zog = actors["King Zog the Third"]
    assert zog.aliases == ("ZOG",)  # short single word: stays an acronym-like capital alias
    # Resolvers that ignore dates get the open-ended code; its country and sector are split off.
    assert (zog.cameo, zog.type, zog.country, zog.sector) == ("FOOELI", "group", "FOO", "ELI")
    assert [(r.role, r.of, r.since, r.until) for r in zog.roles] == [
        ("code", "FOOGOV", "1990-01-01", "1999-12-31"),
        ("code", "FOOELI", "2000-01-01", None),  # ">991231": after that day
    ]
    assert code_on(zog, "1995-06-01") == "FOOGOV"
    assert code_on(zog, "1999-12-31") == "FOOGOV"  # ranges include both ends
    assert code_on(zog, "2004-01-01") == "FOOELI"
    assert code_on(zog, "1980-01-01") is None  # no restriction holds and there is no default


def test_a_restriction_before_a_date_falls_back_to_the_default(actors):
    baz = actors["Old Baz"]
    assert baz.cameo == "QUX" and baz.type == "country"
    assert code_on(baz, "1985-12-30") == "BAZ"
    assert code_on(baz, "1985-12-31") == "QUX"  # "<851231" is strictly before
    assert code_on(baz, None) == "QUX"


@pytest.mark.parametrize(
    "name, typ, country, sector, cameo",
    [
        ("Widget Liberation Front", "group", "FOO", "REB", "FOOREBWLF"),
        ("Ministry of Plans", "group", "FOO", "GOV", "FOOGOV"),
        ("Northern Alliance of Things", "igo", None, "IGO", "IGOTHG"),
        ("Helping Hands", "ngo", None, "NGO", "NGO"),
        ("FNRD", "country", "FNR", None, "FNR"),
    ],
)
def test_country_and_sector_are_split_off_the_code(actors, name, typ, country, sector, cameo):
    a = actors[name]
    assert (a.type, a.country, a.sector, a.cameo) == (typ, country, sector, cameo)


def test_several_codes_at_once(actors):
    twins = actors["Twin Towns"]
    assert twins.cameo == "FOO"
    assert codes_on(twins, "2001-01-01") == ["FOO", "BAR"]


def test_ids_are_stable_and_unique():
    first = [a.id for a in load_petrarch_actors(DATA / "actors.txt")]
    again = [a.id for a in load_petrarch_actors(DATA / "actors.txt")]
    assert first == again
    assert len(set(first)) == len(first)
    assert [i for i in first if i.startswith("petr_foo")][:3] == ["petr_foo", "petr_fooeli", "petr_foorebwlf"]
    assert "petr_foo_2" in first  # Twin Towns shares FOO with Fooland


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("KING_ZOG_THE_THIRD", "King Zog the Third"),
        ("THE_UN", "The UN"),
        ("AL-FOOBAR", "Al-Foobar"),
        ("K.Q.", "K.Q."),
        ("XYZ", "XYZ"),
        ("QRST", "QRST"),
        ("GROUP OF 12", "Group of 12"),
        ("PRESIDENT_J._DOE", "President J. Doe"),
    ],
)
def test_display_case(raw, shown):
    assert display_case(raw) == shown


@pytest.mark.parametrize(
    "text, message",
    [
        ("+ORPHAN\nFOOLAND [FOO]\n", "before any actor"),
        ("FOOLAND [FOO >991340]\n", "not a valid date"),
        ("FOOLAND\n+FOOLANDER\n", "has no code"),
        ("FOOLAND [FOO 990101-980101]\n", "ends before it starts"),
        ("FOOLAND [FOO\n", "unbalanced"),
        ("FOOLAND [FOO ~991231]\n", "cannot read the code block"),
    ],
)
def test_malformed_actor_files_name_file_and_line(tmp_path, text, message):
    p = _write(tmp_path, text)
    with pytest.raises(KnowledgeBaseError, match=message) as err:
        load_petrarch_actors(p)
    assert f"{p}:" in str(err.value)


def test_missing_file_says_so(tmp_path):
    with pytest.raises(KnowledgeBaseError, match="not found"):
        load_petrarch_actors(tmp_path / "nope.txt")


# --- agents ---------------------------------------------------------------------------------------


def test_agent_words_and_their_plurals():
    agents = load_petrarch_agents(DATA / "agents.txt")
    assert agents["widgeteer"] == agents["widgeteers"] == "WID"  # "~" stripped, regular plural
    assert agents["goose herder"] == agents["geese herders"] == "GHD"  # listed plural
    assert "goose herders" not in agents  # a listed plural replaces the regular one
    assert agents["sheep"] == "AGR" and "sheeps" not in agents  # "{}": no plural
    assert agents["ferry companies"] == "BUS"
    assert agents["box makers"] == "BUS"  # "[ ~BUS ]": spaces inside the brackets
    assert agents["minister of gadgets"] == "GOVGDG"  # a multi-part agent code stays whole
    assert "ministers of gadgets" in agents  # the head before "of" takes the plural


def test_substitution_sets_expand():
    agents = load_petrarch_agents(DATA / "agents.txt")
    assert {w for w in agents if w.startswith("spokes")} == {
        "spokesman",
        "spokesmen",
        "spokeswoman",
        "spokeswomen",
    }


def test_prefix_agents_keep_their_position():
    entries = {a.word: a for a in read_petrarch_agents(DATA / "agents.txt")}
    assert entries["relief charity"].prefix and entries["relief charity"].code == "NGO"
    assert not entries["widgeteer"].prefix


@pytest.mark.parametrize(
    "word, plural",
    [
        ("SOLDIER", "SOLDIERS"),
        ("ENVOY", "ENVOYS"),
        ("AUTHORITY", "AUTHORITIES"),
        ("CONGRESS", "CONGRESSES"),
        ("WATCHMAN", "WATCHMEN"),
        ("CHIEF OF STAFF", "CHIEFS OF STAFF"),
        ("box maker", "box makers"),
    ],
)
def test_english_plural(word, plural):
    assert english_plural(word) == plural


@pytest.mark.parametrize(
    "text, message",
    [
        ("FOO!NOPE! [~GOV]\n", "not defined"),
        ("WIDGETEER [GOV]\n", "exactly one '~'"),
        ("WIDGETEER ~GOV\n", "cannot read"),
    ],
)
def test_malformed_agent_files(tmp_path, text, message):
    p = _write(tmp_path, text)
    with pytest.raises(KnowledgeBaseError, match=message) as err:
        load_petrarch_agents(p)
    assert f"{p}:1" in str(err.value)


# --- discards -------------------------------------------------------------------------------------


def test_discards_know_their_scope():
    discards = load_petrarch_discards(DATA / "discards.txt")
    assert [(d.phrase, d.scope) for d in discards] == [
        ("spelling bee", "sentence"),
        ("crossword final", "story"),
        ("tiddlywinks", "sentence"),
    ]


def test_find_discard_matches_whole_words_and_prefers_the_story_level():
    discards = load_petrarch_discards(DATA / "discards.txt")
    assert find_discard("Fooland won the Spelling Bee.", discards).scope == "sentence"
    hit = find_discard("After the spelling bee came the crossword final.", discards)
    assert hit is not None and hit.phrase == "crossword final" and hit.scope == "story"
    assert find_discard("Fooland cut ties with Barstan.", discards) is None
    assert find_discard("The spelling beetle", discards) is None


# --- the knowledge base ---------------------------------------------------------------------------


def test_petrarch_kb_resolves_names_and_agents_to_codes():
    kb = petrarch_kb(DATA / "actors.txt", DATA / "agents.txt")
    resolver = ActorResolver(kb)
    assert resolver.resolve_name("Fooland").code == "FOO"
    assert resolver.resolve_name("Foo City").code == "FOO"
    assert resolver.resolve_name("Foolander widgeteers").code == "FOOWID"
    assert resolver.resolve_name("the Widget Liberation Front").code == "FOOREBWLF"
    assert resolver.resolve_name("Northern Alliance of Things").code == "IGOTHG"
    assert kb.role_words == {}


def test_petrarch_kb_without_agents():
    kb = petrarch_kb(DATA / "actors.txt")
    assert kb.agents == {} and "petr_foo" in kb.actors


# --- the real PETRARCH validation dictionaries ----------------------------------------------------


def _need_real() -> None:
    if not (REAL / "PETR.Validate.actors.txt").exists():
        pytest.skip(f"PETRARCH dictionaries not available at {REAL}")


@pytest.fixture(scope="module")
def real_kb():
    _need_real()
    return petrarch_kb(REAL / "PETR.Validate.actors.txt", REAL / "PETR.Validate.agents.txt")


def test_real_dictionaries_load(real_kb):
    agents = load_petrarch_agents(REAL / "PETR.Validate.agents.txt")
    discards = load_petrarch_discards(REAL / "PETR.Validate.discards.txt")
    print(
        f"\nPETRARCH validation: {len(real_kb.actors)} actors, {len(agents)} agent words, "
        f"{len(discards)} discards ({sum(d.scope == 'story' for d in discards)} story-level)"
    )
    assert len(real_kb.actors) >= 120
    assert len(agents) >= 150
    assert {d.scope for d in discards} == {"story", "sentence"}


@pytest.mark.parametrize(
    "text, code",
    [
        ("Arnor", "ARN"),
        ("Minas Tirith", "GON"),
        ("Gondor's government", "GONGOV"),
        ("Osgiliath soldiers", "OSGMIL"),
        ("Dagolath's first Deputy Prime Minister Telemar", "DAGGOV"),
        ("Arnor cleric", "ARNREL"),
        ("Gondor's golden geese", "GONGGS"),  # a listed irregular plural
        ("Gondor's polices", "GON"),  # POLICE {} has no plural
        ("The Hermit Kingdom", "PRK"),
        ("White House security officials", "USAGOV"),
        ("The AU", "IGOAFR"),
    ],
)
def test_unit_test_actors_resolve_to_their_codes(real_kb, text, code):
    assert ActorResolver(real_kb).resolve_name(text).code == code


def test_dated_codes_follow_the_unit_tests(real_kb):
    """The DATE records of the PETRARCH unit tests: the first actor's code on the story date."""
    if not UNIT.exists():
        pytest.skip(f"{UNIT} not available")
    matcher = AliasMatcher(real_kb)
    checked = 0
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if "-DATE-" not in rec["id"] or rec["id"].endswith("-b") or not rec["source"]:
            continue
        first = next(m for m in matcher.find(rec["text"]) if any(h.kind == "actor" for h in m.hits))
        actor = real_kb.get(next(h.key for h in first.hits if h.kind == "actor"))
        if not actor.roles:
            continue  # an undated actor: nothing to test here
        assert code_on(actor, rec["date"]) == rec["source"], rec["id"]
        checked += 1
    assert checked >= 10
