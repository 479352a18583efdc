"""Checks on the shipped non-state groups knowledge base (newsgraph/data/actors/groups.yaml)."""

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

GROUPS_PATH = Path(__file__).resolve().parents[2] / "newsgraph" / "data" / "actors" / "groups.yaml"

# Sector codes documented in docs/knowledge-base.md.
SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "OPP", "PTY", "REB", "SEP", "INS", "UAF", "CRM",
    "RAD", "MOD", "CVL", "REF", "MED", "EDU", "BUS", "LAB", "HLH", "HRI", "NGO", "IGO", "REL",
    "ELI", "ENV", "AGR", "SUP",
}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
ISO3_RE = re.compile(r"^[A-Z]{3}$")
WIKIDATA_RE = re.compile(r"^Q[1-9]\d*$")

# Ids that other KB files (people.yaml) reference: they must exist with exactly these names.
REQUIRED_IDS = [
    "al_qaeda", "aqap", "aqim", "aqis", "al_shabaab", "jnim", "islamic_state", "iskp", "iswap",
    "boko_haram", "taliban", "haqqani_network", "ttp", "jamaat_ul_ahrar", "lashkar_e_taiba",
    "jaish_e_mohammed", "hezbollah", "hamas", "palestinian_islamic_jihad", "fatah", "houthis",
    "kataib_hezbollah", "hts", "nusra_front", "sdf", "ypg", "pkk", "wagner_group", "rsf", "farc",
    "eln", "clan_del_golfo", "sinaloa_cartel", "cjng", "shining_path", "cpi_maoist", "abu_sayyaf",
    "milf", "npa", "arakan_army", "ltte", "muslim_brotherhood", "ira",
]

# Surface forms seen in news copy and the group each must resolve to (case-insensitive).
TRICKY_SPELLINGS = {
    "Tehrik-e Taliban Pakistan": "ttp",
    "Tehreek-e-Taliban Pakistan": "ttp",
    "Tehrik-i-Taliban": "ttp",
    "Pakistani Taliban": "ttp",
    "Pakistan Taliban": "ttp",
    "Taliban": "taliban",
    "Afghan Taliban": "taliban",
    "Islamic Emirate of Afghanistan": "taliban",
    "Haqqani network": "haqqani_network",
    "al-Qa’ida": "al_qaeda",
    "al-Qa'ida": "al_qaeda",
    "Al-Qaida": "al_qaeda",
    "al Qaeda": "al_qaeda",
    "core al Qaeda": "al_qaeda",
    "al-Qaeda in the Arabian Peninsula": "aqap",
    "al-Qaida in the Islamic Maghreb": "aqim",
    "al-Qaeda in Iraq": "aqi",
    "al-Shabab": "al_shabaab",
    "Daesh": "islamic_state",
    "ISIL": "islamic_state",
    "Islamic State of Iraq and the Levant": "islamic_state",
    "Islamic State of Iraq and Syria": "islamic_state",
    "Islamic State of Iraq": "islamic_state_of_iraq",
    "ISIS-K": "iskp",
    "Islamic State Khorasan": "iskp",
    "ISWAP": "iswap",
    "Islamic State in the Greater Sahara": "isgs",
    "Wilayat Sinai": "is_sinai",
    "Ansar Bayt al-Maqdis": "ansar_bayt_al_maqdis",
    "Nusra Front": "nusra_front",
    "Jabhat al-Nusra": "nusra_front",
    "Jabhat Fateh al-Sham": "jabhat_fateh_al_sham",
    "Hay'at Tahrir al-Sham": "hts",
    "Hayat Tahrir al-Sham": "hts",
    "Hizballah": "hezbollah",
    "Ansar Allah": "houthis",
    "Ansarullah": "houthis",
    "Hashd al-Shaabi": "pmf",
    "Kata'ib Hezbollah": "kataib_hezbollah",
    "Lashkar-e-Toiba": "lashkar_e_taiba",
    "Jamaat-ud-Dawa": "jamaat_ud_dawa",
    "Jaish-e-Muhammad": "jaish_e_mohammed",
    "Hizb-ul-Mujahideen": "hizbul_mujahideen",
    "Naxalites": "cpi_maoist",
    "CPI (Maoist)": "cpi_maoist",
    "Kurdistan Workers' Party": "pkk",
    "People's Protection Units": "ypg",
    "Syrian Democratic Forces": "sdf",
    "PMC Wagner": "wagner_group",
    "Rapid Support Forces": "rsf",
    "Jama'at Nusrat al-Islam wal-Muslimin": "jnim",
    "Gulf Clan": "clan_del_golfo",
    "Urabeños": "clan_del_golfo",
    "Autodefensas Gaitanistas de Colombia": "clan_del_golfo",
    "Gulf Cartel": "gulf_cartel",
    "Cártel de Jalisco Nueva Generación": "cjng",
    "FARC-EP": "farc",
    "Segunda Marquetalia": "segunda_marquetalia",
    "Ejército de Liberación Nacional": "eln",
    "Sendero Luminoso": "shining_path",
    "Mara Salvatrucha": "ms_13",
    "Lord's Resistance Army": "lra",
    "Séléka": "seleka",
    "Tamil Tigers": "ltte",
    "Provisional IRA": "ira",
    "New IRA": "new_ira",
    "New People's Army": "npa",
    "Moro Islamic Liberation Front": "milf",
    "Sinn Fein": "sinn_fein",
}

# Short acronyms / ordinary words that must never be unconditional aliases.
MUST_BE_AMBIGUOUS = {
    "IS": "islamic_state",
    "AQ": "al_qaeda",
    "PCC": "pcc_brazil",
    "ADF": "adf",
    "MIT": "mit",
    "SDF": "sdf",
    "RSF": "rsf",
    "ETA": "eta",
    "IRA": "ira",
    "LeT": "lashkar_e_taiba",
    "Maoists": "cpi_maoist",
    "Congress": "inc",
    "Wagner": "wagner_group",
}


@pytest.fixture(scope="module")
def groups():
    with GROUPS_PATH.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def by_id(groups):
    return {g["id"]: g for g in groups}


@pytest.fixture(scope="module")
def alias_index(groups):
    """Lower-cased unambiguous surface form (name or alias) -> set of group ids."""
    index = defaultdict(set)
    for g in groups:
        for form in [g["name"], *g.get("aliases", [])]:
            index[form.casefold()].add(g["id"])
    return index


def _ambiguous(g):
    return {a.casefold() for a in g.get("ambiguous_aliases") or []}


def test_at_least_350_groups(groups):
    assert len(groups) >= 350


def test_ids_are_unique_and_snake_case(groups):
    ids = [g["id"] for g in groups]
    assert len(ids) == len(set(ids)), [i for i in set(ids) if ids.count(i) > 1]
    assert all(ID_RE.match(i) for i in ids), [i for i in ids if not ID_RE.match(i)]


def test_required_ids_exist(by_id):
    missing = [i for i in REQUIRED_IDS if i not in by_id]
    assert not missing


def test_entry_shape(groups):
    for g in groups:
        assert g.get("type") == "group", g["id"]
        assert isinstance(g.get("name"), str) and g["name"].strip(), g["id"]
        assert g.get("sector") in SECTORS, (g["id"], g.get("sector"))
        assert "country" in g, g["id"]
        assert g["country"] is None or ISO3_RE.match(g["country"]), (g["id"], g["country"])
        if "wikidata" in g:
            assert WIKIDATA_RE.match(str(g["wikidata"])), g["id"]
        aliases = g.get("aliases", [])
        assert isinstance(aliases, list) and all(isinstance(a, str) and a.strip() for a in aliases), g["id"]
        amb = g.get("ambiguous_aliases", [])
        assert isinstance(amb, list) and all(isinstance(a, str) and a.strip() for a in amb), g["id"]


def test_dates_are_iso_and_ordered(groups):
    for g in groups:
        for key in ("founded", "dissolved"):
            value = g.get(key)
            if value is not None:
                assert isinstance(value, str) and DATE_RE.match(value), (g["id"], key, value)
        if g.get("founded") and g.get("dissolved"):
            assert g["founded"] <= g["dissolved"], g["id"]


def test_links_point_to_existing_groups(groups, by_id):
    for g in groups:
        for key in ("parent", "succeeded_by", "successor_of"):
            target = g.get(key)
            if target is not None:
                assert target in by_id, (g["id"], key, target)
                assert target != g["id"], (g["id"], key)


def test_succession_links_agree(groups, by_id):
    for g in groups:
        nxt = g.get("succeeded_by")
        if nxt and by_id[nxt].get("successor_of"):
            assert by_id[nxt]["successor_of"] == g["id"], (g["id"], nxt)
        prev = g.get("successor_of")
        if prev and by_id[prev].get("succeeded_by"):
            assert by_id[prev]["succeeded_by"] == g["id"], (g["id"], prev)


def test_parent_chains_have_no_cycles(by_id):
    for gid in by_id:
        seen = set()
        cur = gid
        while cur is not None:
            assert cur not in seen, f"parent cycle through {gid}"
            seen.add(cur)
            cur = by_id[cur].get("parent")


def test_no_alias_shared_between_groups_unless_ambiguous_in_both(groups, alias_index):
    clashes = {form: ids for form, ids in alias_index.items() if len(ids) > 1}
    assert not clashes, clashes
    by_form = defaultdict(list)
    for g in groups:
        for a in g.get("ambiguous_aliases") or []:
            by_form[a.casefold()].append(g["id"])
    # An ambiguous alias of one group must not be an unconditional alias of another.
    for form, ids in by_form.items():
        owners = alias_index.get(form, set())
        assert owners <= set(ids), (form, owners, ids)


def _fold(form):
    """Fold case, diacritics, apostrophes, hyphens, dots and a leading article/"al-"."""
    form = unicodedata.normalize("NFKD", form)
    form = "".join(c for c in form if not unicodedata.combining(c)).casefold()
    form = re.sub(r"[-\u2013\u2014'\u2019\u02bc.()/,\"]", " ", form)
    form = re.sub(r"\s+", " ", form).strip()
    return re.sub(r"^(the|al|el|an|ad|ash|as) ", "", form)


def test_no_alias_clash_after_folding_punctuation(groups):
    index = defaultdict(set)
    for g in groups:
        for form in [g["name"], *g.get("aliases", [])]:
            index[_fold(form)].add(g["id"])
    clashes = {form: ids for form, ids in index.items() if len(ids) > 1}
    assert not clashes, clashes


def test_alias_not_also_ambiguous_in_same_entry(groups):
    for g in groups:
        plain = {a.casefold() for a in [g["name"], *g.get("aliases", [])]}
        assert not plain & _ambiguous(g), (g["id"], plain & _ambiguous(g))


@pytest.mark.parametrize("form,expected", sorted(TRICKY_SPELLINGS.items()))
def test_tricky_spellings_resolve(alias_index, form, expected):
    assert alias_index.get(form.casefold()) == {expected}


@pytest.mark.parametrize("form,gid", sorted(MUST_BE_AMBIGUOUS.items()))
def test_short_or_common_forms_are_only_ambiguous(by_id, alias_index, form, gid):
    assert form.casefold() not in alias_index
    assert form.casefold() in _ambiguous(by_id[gid])


def test_branches_point_to_their_parent(by_id):
    assert by_id["aqap"]["parent"] == "al_qaeda"
    assert by_id["aqim"]["parent"] == "al_qaeda"
    assert by_id["al_shabaab"]["parent"] == "al_qaeda"
    assert by_id["iskp"]["parent"] == "islamic_state"
    assert by_id["iswap"]["parent"] == "islamic_state"
    assert by_id["is_sinai"]["parent"] == "islamic_state"
    assert by_id["haqqani_network"]["parent"] == "taliban"
    assert by_id["qassam_brigades"]["parent"] == "hamas"
    assert by_id["al_aqsa_martyrs_brigades"]["parent"] == "fatah"


def test_nusra_to_hts_lineage(by_id):
    nusra, jfs, hts = by_id["nusra_front"], by_id["jabhat_fateh_al_sham"], by_id["hts"]
    assert nusra["succeeded_by"] == "jabhat_fateh_al_sham"
    assert jfs["successor_of"] == "nusra_front" and jfs["succeeded_by"] == "hts"
    assert hts["successor_of"] == "jabhat_fateh_al_sham"
    assert nusra["founded"] < nusra["dissolved"] <= jfs["founded"] < jfs["dissolved"] <= hts["founded"]


def test_islamic_state_lineage(by_id):
    chain = ["jamaat_al_tawhid_wal_jihad", "aqi", "islamic_state_of_iraq", "islamic_state"]
    for earlier, later in zip(chain, chain[1:]):
        assert by_id[earlier]["succeeded_by"] == later
        assert by_id[later]["successor_of"] == earlier
        assert by_id[earlier]["dissolved"] <= by_id[later]["founded"]


def test_sector_choices_for_kinds_of_group(by_id):
    assert by_id["wagner_group"]["sector"] == "UAF"
    assert by_id["africa_corps"]["sector"] == "UAF"
    assert by_id["sinaloa_cartel"]["sector"] == "CRM"
    assert by_id["ms_13"]["sector"] == "CRM"
    assert by_id["bjp"]["sector"] == "PTY"
    assert by_id["ipob"]["sector"] == "SEP"
    assert by_id["islamic_state"]["country"] is None
    assert by_id["ttp"]["country"] == "PAK"


def test_enough_parties(groups):
    assert sum(1 for g in groups if g["sector"] == "PTY") >= 40


def test_countries_exist_in_country_table(groups):
    countries_path = GROUPS_PATH.with_name("countries.yaml")
    if not countries_path.exists():
        pytest.skip("countries.yaml not present")
    with countries_path.open(encoding="utf-8") as fh:
        known = {c["id"] for c in yaml.safe_load(fh)}
    unknown = sorted({g["country"] for g in groups if g["country"]} - known)
    assert not unknown
