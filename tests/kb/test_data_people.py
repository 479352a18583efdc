"""Checks on the shipped people knowledge base (newsgraph/data/actors/people.yaml).

The file lists office holders and armed-group leaders with dated roles; these tests check its
shape, that the ids it points at exist, that no office has two holders at once (which catches
typos in dates), and that the people news copy names resolve as they should on a given day.
"""

import datetime as dt
import re
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pytest
import yaml

ACTORS = Path(__file__).resolve().parents[2] / "newsgraph" / "data" / "actors"
PEOPLE_PATH = ACTORS / "people.yaml"

ROLE_NAMES = {
    "leader", "deputy_leader", "founder", "spokesperson", "commander", "head_of_state",
    "head_of_government", "president", "prime_minister", "monarch", "foreign_minister",
    "defence_minister", "interior_minister", "secretary_general", "army_chief", "intelligence_chief",
}
# Offices with one holder at a time (per `of`): overlaps of more than this many days are errors.
EXCLUSIVE_ROLES = ("head_of_state", "president", "prime_minister", "leader")
MAX_OVERLAP_DAYS = 31
# The latest day the file may know about; `since` after it is a typo.
HORIZON = dt.date(2026, 12, 31)

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
ISO3_RE = re.compile(r"^[A-Z]{3}$")
WIKIDATA_RE = re.compile(r"^Q[1-9]\d*$")


def _text(value):
    """YAML gives dates as date objects, years as ints and year-months as strings."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _parse(value, upper=False):
    """Earliest (or latest, with upper=True) day a YYYY / YYYY-MM / YYYY-MM-DD value can mean."""
    s = _text(value)
    if s is None:
        return None
    if not DATE_RE.match(s):
        raise ValueError(f"not a YYYY[-MM[-DD]] date: {value!r}")
    parts = [int(p) for p in s.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        y, m = parts
        if not upper:
            return dt.date(y, m, 1)
        return dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31) if upper else dt.date(parts[0], 1, 1)


def _load(name):
    path = ACTORS / name
    if not path.exists():
        return None
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def people():
    data = yaml.safe_load(PEOPLE_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def by_id(people):
    return {p["id"]: p for p in people}


def holders(people, role, of, day):
    """Ids of the people holding ``role`` of ``of`` on ``day`` (ISO date)."""
    d = dt.date.fromisoformat(day)
    out = []
    for p in people:
        for r in p.get("roles") or ():
            if r["role"] != role or r["of"] != of:
                continue
            start = _parse(r["since"])
            end = _parse(r["until"], upper=True) if r.get("until") is not None else dt.date.max
            if start <= d <= end:
                out.append(p["id"])
    return sorted(set(out))


def surface_index(people, include_ambiguous=True):
    index = defaultdict(set)
    for p in people:
        forms = [p["name"], *(p.get("aliases") or ())]
        if include_ambiguous:
            forms += list(p.get("ambiguous_aliases") or ())
        for form in forms:
            index[form.casefold()].add(p["id"])
    return index


def test_size(people):
    assert len(people) >= 400, f"only {len(people)} people"
    with_roles = [p for p in people if p.get("roles")]
    assert len(with_roles) >= 400


def test_ids_unique_and_well_formed(people):
    ids = [p.get("id") for p in people]
    dups = sorted({i for i in ids if ids.count(i) > 1})
    assert not dups, f"duplicate ids: {dups}"
    bad = [i for i in ids if not isinstance(i, str) or not ID_RE.match(i)]
    assert not bad, f"ids must be lowercase snake_case: {bad}"


def test_entry_fields(people):
    problems = []
    for p in people:
        pid = p["id"]
        if not isinstance(p.get("name"), str) or not p["name"].strip():
            problems.append(f"{pid}: missing name")
        if p.get("country") is not None and not ISO3_RE.match(str(p["country"])):
            problems.append(f"{pid}: country {p['country']!r} is not ISO3")
        if "wikidata" in p and not WIKIDATA_RE.match(str(p["wikidata"])):
            problems.append(f"{pid}: bad wikidata {p['wikidata']!r}")
        for key in ("born", "died"):
            if p.get(key) is not None:
                try:
                    _parse(p[key])
                except ValueError as exc:
                    problems.append(f"{pid}: {key}: {exc}")
        aliases = list(p.get("aliases") or ()) + list(p.get("ambiguous_aliases") or ())
        if not isinstance(p.get("aliases"), list):
            problems.append(f"{pid}: aliases must be a list")
        for a in aliases:
            if not isinstance(a, str) or not a.strip() or a != a.strip():
                problems.append(f"{pid}: bad alias {a!r}")
        lowered = [a.casefold() for a in aliases if isinstance(a, str)]
        if len(lowered) != len(set(lowered)):
            problems.append(f"{pid}: repeated alias")
        if not isinstance(p.get("roles"), list):
            problems.append(f"{pid}: roles must be a list")
    assert not problems, "\n".join(problems)


def test_roles_well_formed(people):
    problems = []
    for p in people:
        for r in p.get("roles") or ():
            where = f"{p['id']}: {r}"
            if r.get("role") not in ROLE_NAMES:
                problems.append(f"{where}: unknown role name")
            of = r.get("of")
            if not isinstance(of, str) or not (ISO3_RE.match(of) or ID_RE.match(of)):
                problems.append(f"{where}: 'of' must be an ISO3 code or a group/IGO id")
            if r.get("since") is None:
                problems.append(f"{where}: missing since")
                continue
            if "until" not in r:
                problems.append(f"{where}: missing until (use null for an open role)")
            try:
                start = _parse(r["since"])
                end = _parse(r.get("until"), upper=True)
            except ValueError as exc:
                problems.append(f"{where}: {exc}")
                continue
            if end is not None and start > end:
                problems.append(f"{where}: since is after until")
            if start > HORIZON:
                problems.append(f"{where}: since is in the future")
    assert not problems, "\n".join(problems)


def test_role_targets_exist(people):
    """Every `of` names a country, IGO or group of the shipped KB files."""
    countries, igos, groups = _load("countries.yaml"), _load("igos.yaml"), _load("groups.yaml")
    if countries is None or igos is None or groups is None:
        pytest.skip("countries.yaml, igos.yaml and groups.yaml are needed for this check")
    known = {str(e["id"]) for e in (*countries, *igos, *groups)}
    missing = defaultdict(set)
    for p in people:
        targets = [r["of"] for r in p.get("roles") or ()]
        if p.get("country"):
            targets.append(p["country"])
        for t in targets:
            if t not in known:
                missing[t].add(p["id"])
    assert not missing, "ids not in the KB: " + "; ".join(
        f"{t} (used by {', '.join(sorted(ids))})" for t, ids in sorted(missing.items())
    )


def test_no_two_holders_of_one_office(people):
    spans = defaultdict(list)
    for p in people:
        for r in p.get("roles") or ():
            if r["role"] in EXCLUSIVE_ROLES:
                start = _parse(r["since"])
                # Earliest reading of `until` too, so that "until: 2019" then "since: 2019-06" is fine.
                end = _parse(r["until"]) if r.get("until") is not None else dt.date.max
                spans[(r["role"], r["of"])].append((p["id"], start, end, r))
    violations = []
    for (role, of), items in sorted(spans.items()):
        for (a, sa, ea, ra), (b, sb, eb, rb) in combinations(items, 2):
            if a == b:
                continue
            days = (min(ea, eb) - max(sa, sb)).days
            if days > MAX_OVERLAP_DAYS:
                violations.append(
                    f"{role} of {of}: {a} {_text(ra['since'])}..{_text(ra['until'])} overlaps "
                    f"{b} {_text(rb['since'])}..{_text(rb['until'])} by {days} days"
                )
    assert not violations, "\n".join(violations)


def test_dead_people_hold_no_open_office(people):
    problems = []
    for p in people:
        if p.get("died") is None:
            continue
        for r in p.get("roles") or ():
            if r["role"] != "founder" and r.get("until") is None:
                problems.append(f"{p['id']} died {_text(p['died'])} but {r['role']} of {r['of']} is open")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "role, of, day, expected",
    [
        ("leader", "ttp", "2014-10-06", "maulana_fazlullah"),
        ("leader", "ttp", "2011-05-01", "hakimullah_mehsud"),
        ("leader", "ttp", "2008-06-01", "baitullah_mehsud"),
        ("leader", "ttp", "2020-01-01", "noor_wali_mehsud"),
        ("president", "USA", "2019-06-01", "donald_trump"),
        ("president", "USA", "2012-01-01", "barack_obama"),
        ("president", "USA", "2022-03-01", "joe_biden"),
        ("president", "USA", "2025-06-01", "donald_trump"),
        ("leader", "islamic_state", "2016-01-01", "abu_bakr_al_baghdadi"),
        ("leader", "islamic_state", "2021-01-01", "abu_ibrahim_al_hashimi_al_qurashi"),
        ("leader", "islamic_state", "2024-01-01", "abu_hafs_al_hashimi_al_qurashi"),
        ("prime_minister", "IND", "2015-01-01", "narendra_modi"),
        ("prime_minister", "IND", "2010-01-01", "manmohan_singh"),
        ("president", "AFG", "2017-05-01", "ashraf_ghani"),
        ("president", "AFG", "2010-05-01", "hamid_karzai"),
        ("leader", "taliban", "2017-01-01", "hibatullah_akhundzada"),
        ("leader", "taliban", "2015-12-01", "akhtar_mansour"),
        ("leader", "taliban", "2010-01-01", "mullah_omar"),
        ("president", "RUS", "2010-01-01", "dmitry_medvedev"),
        ("president", "RUS", "2015-01-01", "vladimir_putin"),
        ("prime_minister", "RUS", "2010-01-01", "vladimir_putin"),
        ("leader", "al_qaeda", "2005-01-01", "osama_bin_laden"),
        ("leader", "al_qaeda", "2015-01-01", "ayman_al_zawahiri"),
        ("leader", "hezbollah", "2020-01-01", "hassan_nasrallah"),
        ("leader", "hezbollah", "2025-01-01", "naim_qassem"),
        ("leader", "hamas", "2010-01-01", "khaled_meshaal"),
        ("leader", "hamas", "2020-01-01", "ismail_haniyeh"),
        ("leader", "hamas", "2024-09-01", "yahya_sinwar"),
        ("leader", "al_shabaab", "2012-01-01", "ahmed_abdi_godane"),
        ("leader", "al_shabaab", "2020-01-01", "ahmad_umar"),
        ("leader", "boko_haram", "2015-01-01", "abubakar_shekau"),
        ("leader", "houthis", "2016-01-01", "abdul_malik_al_houthi"),
        ("leader", "aqap", "2012-01-01", "nasir_al_wuhayshi"),
        ("leader", "aqim", "2015-01-01", "abdelmalek_droukdel"),
        ("leader", "jnim", "2022-01-01", "iyad_ag_ghaly"),
        ("leader", "iskp", "2022-01-01", "shahab_al_muhajir"),
        ("leader", "hts", "2020-01-01", "ahmed_al_sharaa"),
        ("leader", "sdf", "2019-01-01", "mazloum_abdi"),
        ("leader", "rsf", "2023-06-01", "hemedti"),
        ("leader", "wagner_group", "2023-06-24", "yevgeny_prigozhin"),
        ("leader", "pkk", "1995-01-01", "abdullah_ocalan"),
        ("leader", "farc", "2014-01-01", "timochenko"),
        ("leader", "sinaloa_cartel", "2012-01-01", "el_chapo"),
        ("leader", "cjng", "2020-01-01", "el_mencho"),
        ("leader", "clan_del_golfo", "2018-01-01", "otoniel"),
        ("leader", "shining_path", "1990-01-01", "abimael_guzman"),
        ("leader", "kataib_hezbollah", "2019-01-01", "abu_mahdi_al_muhandis"),
        ("leader", "haqqani_network", "2020-01-01", "sirajuddin_haqqani"),
        ("leader", "jaish_e_mohammed", "2019-02-14", "masood_azhar"),
        ("leader", "ltte", "2005-01-01", "velupillai_prabhakaran"),
        ("leader", "palestinian_islamic_jihad", "2022-01-01", "ziyad_al_nakhalah"),
        ("head_of_state", "IRN", "2016-01-01", "ali_khamenei"),
        ("president", "IRN", "2016-01-01", "hassan_rouhani"),
        ("head_of_state", "SYR", "2020-01-01", "bashar_al_assad"),
        ("president", "SYR", "2025-06-01", "ahmed_al_sharaa"),
        ("head_of_state", "SDN", "2024-01-01", "abdel_fattah_al_burhan"),
        ("head_of_government", "DEU", "2010-01-01", "angela_merkel"),
        ("prime_minister", "GBR", "2020-06-01", "boris_johnson"),
        ("head_of_state", "GBR", "2023-01-01", "charles_iii"),
        ("prime_minister", "PAK", "2019-01-01", "imran_khan"),
        ("president", "PAK", "2005-01-01", "pervez_musharraf"),
        ("prime_minister", "ISR", "2016-01-01", "benjamin_netanyahu"),
        ("president", "TUR", "2020-01-01", "recep_tayyip_erdogan"),
        ("president", "UKR", "2023-01-01", "volodymyr_zelensky"),
        ("president", "CHN", "2020-01-01", "xi_jinping"),
        ("leader", "PRK", "2020-01-01", "kim_jong_un"),
        ("president", "EGY", "2020-01-01", "abdel_fattah_el_sisi"),
        ("monarch", "SAU", "2020-01-01", "king_salman"),
        ("president", "VEN", "2020-01-01", "nicolas_maduro"),
        ("secretary_general", "un", "2020-01-01", "antonio_guterres"),
        ("secretary_general", "un", "2010-01-01", "ban_ki_moon"),
        ("secretary_general", "nato", "2020-01-01", "jens_stoltenberg"),
        ("foreign_minister", "RUS", "2020-01-01", "sergey_lavrov"),
        ("foreign_minister", "USA", "2014-01-01", "john_kerry"),
        ("defence_minister", "USA", "2017-06-01", "jim_mattis"),
        ("foreign_minister", "IRN", "2015-07-14", "mohammad_javad_zarif"),
        ("army_chief", "PAK", "2018-01-01", "qamar_javed_bajwa"),
        # Changes of 2025-2026.
        ("leader", "IRN", "2026-04-01", "mojtaba_khamenei"),
        ("president", "VEN", "2026-03-01", "delcy_rodriguez"),
        ("prime_minister", "HUN", "2026-06-01", "peter_magyar"),
        ("prime_minister", "BGD", "2026-03-01", "tarique_rahman"),
        ("president", "HND", "2026-03-01", "nasry_asfura"),
        ("prime_minister", "JPN", "2026-03-01", "sanae_takaichi"),
        ("head_of_government", "DEU", "2025-12-01", "friedrich_merz"),
    ],
)
def test_office_holder_on_day(people, role, of, day, expected):
    assert holders(people, role, of, day) == [expected]


@pytest.mark.parametrize(
    "surface, expected",
    [
        ("Fazlullah", "maulana_fazlullah"),
        ("Fazalullah", "maulana_fazlullah"),
        ("Mullah Radio", "maulana_fazlullah"),
        ("Hakimullah Mehsud", "hakimullah_mehsud"),
        ("Baitullah Mehsud", "baitullah_mehsud"),
        ("Noor Wali Mehsud", "noor_wali_mehsud"),
        ("Mullah Omar", "mullah_omar"),
        ("Akhtar Mansour", "akhtar_mansour"),
        ("Hibatullah Akhundzada", "hibatullah_akhundzada"),
        ("Haibatullah Akhundzada", "hibatullah_akhundzada"),
        ("Sirajuddin Haqqani", "sirajuddin_haqqani"),
        ("Osama bin Laden", "osama_bin_laden"),
        ("Usama bin Ladin", "osama_bin_laden"),
        ("Ayman al-Zawahiri", "ayman_al_zawahiri"),
        ("al-Zawahri", "ayman_al_zawahiri"),
        ("Zawahiri", "ayman_al_zawahiri"),
        ("Hassan Nasrallah", "hassan_nasrallah"),
        ("Naim Qassem", "naim_qassem"),
        ("Ismail Haniyeh", "ismail_haniyeh"),
        ("Yahya Sinwar", "yahya_sinwar"),
        ("Khaled Meshaal", "khaled_meshaal"),
        ("Khaled Mashal", "khaled_meshaal"),
        ("Abu Mohammad al-Julani", "ahmed_al_sharaa"),
        ("al-Jolani", "ahmed_al_sharaa"),
        ("Ahmed al-Sharaa", "ahmed_al_sharaa"),
        ("Abubakar Shekau", "abubakar_shekau"),
        ("Abu Musab al-Zarqawi", "abu_musab_al_zarqawi"),
        ("Abu Bakr al-Baghdadi", "abu_bakr_al_baghdadi"),
        ("Abu Ibrahim al-Hashimi al-Qurashi", "abu_ibrahim_al_hashimi_al_qurashi"),
        ("Ahmed Abdi Godane", "ahmed_abdi_godane"),
        ("Ahmad Umar", "ahmad_umar"),
        ("Abdelmalek Droukdel", "abdelmalek_droukdel"),
        ("Iyad Ag Ghaly", "iyad_ag_ghaly"),
        ("Amadou Koufa", "amadou_koufa"),
        ("Abdul Malik al-Houthi", "abdul_malik_al_houthi"),
        ("Hemedti", "hemedti"),
        ("Mohamed Hamdan Dagalo", "hemedti"),
        ("Abdel Fattah al-Burhan", "abdel_fattah_al_burhan"),
        ("Yevgeny Prigozhin", "yevgeny_prigozhin"),
        ("Timochenko", "timochenko"),
        ("Timoleón Jiménez", "timochenko"),
        ("Iván Márquez", "ivan_marquez"),
        ("El Chapo", "el_chapo"),
        ("El Mencho", "el_mencho"),
        ("El Mayo", "el_mayo_zambada"),
        ("Otoniel", "otoniel"),
        ("Dairo Antonio Úsuga", "otoniel"),
        ("Abimael Guzmán", "abimael_guzman"),
        ("Murat Karayılan", "murat_karayilan"),
        ("Abdullah Öcalan", "abdullah_ocalan"),
        ("Abdullah Ocalan", "abdullah_ocalan"),
        ("Mazloum Abdi", "mazloum_abdi"),
        ("Moqtada al-Sadr", "moqtada_al_sadr"),
        ("Abu Mahdi al-Muhandis", "abu_mahdi_al_muhandis"),
        ("Qassem Soleimani", "qassem_soleimani"),
        ("Qasem Soleimani", "qassem_soleimani"),
        ("Ali Khamenei", "ali_khamenei"),
        ("Putin", "vladimir_putin"),
        ("President Obama", "barack_obama"),
        ("Ashraf Ghani", "ashraf_ghani"),
        ("Modi", "narendra_modi"),
        ("Zelenskyy", "volodymyr_zelensky"),
        ("Erdogan", "recep_tayyip_erdogan"),
    ],
)
def test_news_spellings_resolve(people, surface, expected):
    assert surface_index(people).get(surface.casefold()) == {expected}


def test_unambiguous_aliases_name_one_person(people):
    """An alias shared by two people must be listed under ambiguous_aliases instead."""
    index = surface_index(people, include_ambiguous=False)
    shared = {form: sorted(ids) for form, ids in index.items() if len(ids) > 1}
    assert not shared, f"aliases naming several people: {shared}"


def test_heads_of_state_carry_generic_and_title_roles(people):
    """A `president` of a country is also its head_of_state (or, where a Supreme Leader or a junta
    holds that, its head_of_government or an acting office); a `prime_minister` heads the government."""
    problems = []
    for p in people:
        roles = p.get("roles") or ()
        for r in roles:
            if not ISO3_RE.match(r["of"]):
                continue
            partner = {"prime_minister": {"head_of_government"}, "monarch": {"head_of_state"}}.get(r["role"])
            if r["role"] == "president":
                partner = {"head_of_state", "head_of_government"}
            if partner is None:
                continue
            ok = any(
                o["role"] in partner and o["of"] == r["of"] and _text(o["since"]) == _text(r["since"])
                for o in roles
            )
            if not ok and p["id"] not in {"myint_swe", "min_aung_hlaing", "ali_khamenei", "abdourahamane_tchiani"}:
                problems.append(f"{p['id']}: {r['role']} of {r['of']} since {_text(r['since'])}")
    assert not problems, "\n".join(problems)
