"""Converting a PETRARCH verb dictionary into the coder's verb patterns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from newsgraph.coder.patterns import PatternSet, load_patterns
from newsgraph.coder.petrarch_verbs import _spacy_lemmatizer, load_petrarch_verbs, petrarch_patterns
from newsgraph.errors import KnowledgeBaseError

DATA = Path(__file__).parent.parent / "data" / "petrarch"
REAL = Path("/work/shared/eval/dev/petrarch_dicts")


@pytest.fixture(scope="module")
def converted() -> dict:
    # No spaCy here: the fixture tests the format, not the lemmatizer.
    return load_petrarch_verbs(DATA / "verbs.txt", lemmatize=False)


def _by_code(pats: list[dict]) -> dict[str, dict]:
    return {p["code"]: p for p in pats}


def _strip(p: dict) -> dict:
    return {k: v for k, v in p.items() if k != "note"}


def test_the_default_code_of_each_verb(converted):
    zorp, blargle = converted["verbs"]["zorp"], converted["verbs"]["blargle"]
    assert _strip(zorp[-1]) == {"code": "051"}  # the block's code, tried last
    assert _strip(blargle[-1]) == {"code": "052"}  # a verb line's own code wins over the block's
    assert converted["nouns"] == {}


def test_particles_prepositions_and_objects(converted):
    zorp = _by_code(converted["verbs"]["zorp"])
    assert _strip(zorp["053"]) == {"code": "053", "prt": "down"}
    assert _strip(zorp["054"]) == {"code": "054", "prep": ["with"]}
    assert _strip(zorp["059"]) == {"code": "059", "prep": ["for"], "obj": ["support"]}
    assert _strip(zorp["058"]) == {"code": "058", "obj": ["level"], "of": ["aid"]}
    assert _strip(zorp["063"]) == {"code": "063", "prep": ["to"]}  # "(TO +)"
    assert _strip(zorp["064"]) == {"code": "064", "target": "obj"}  # "* +"


def test_synsets_expand_into_objects_and_modifiers(converted):
    gadgets = [p for p in converted["verbs"]["zorp"] if p["code"] == "055"]
    # WIDGET, SPROCKETS: plain objects; FLUX_CAPACITOR: head "capacitor" with modifier "flux".
    assert sorted((tuple(p["obj"]), tuple(p.get("compound", ()))) for p in gadgets) == [
        (("capacitor",), ("flux",)),
        (("sprockets", "widget"), ()),
    ]
    ties = _by_code(converted["verbs"]["zorp"])["056"]
    assert ties["obj"] == ["ties"] and ties["compound"] == ["cultural", "trade"]
    nested = _by_code(converted["verbs"]["zorp"])["066"]  # &ALLKINDS holds &TIEKINDS and SPORTING
    assert nested["compound"] == ["cultural", "sporting", "trade"]


def test_reverse_codes_are_kept_in_the_note(converted):
    ties = _by_code(converted["verbs"]["zorp"])["056"]
    assert "reverse event 057" in ties["note"]
    assert "verbs.txt:" in ties["note"]


def test_multiword_verbs(converted):
    zorp = converted["verbs"]["zorp"]
    assert {"code": "051", "prt": "up"} in [_strip(p) for p in zorp]  # +ZORP_UP
    assert "wibble" not in converted["verbs"]
    assert converted["stats"]["skipped_by_reason"]["multiword verb: word before the verb"] == 1


def test_most_specific_patterns_come_first(converted):
    zorp = converted["verbs"]["zorp"]

    def weight(p: dict) -> int:
        return (
            2 * ("obj" in p)
            + ("compound" in p)
            + ("prt" in p)
            + ("prep" in p)
            + ("of" in p)
            + ("target" in p)
        )

    weights = [weight(p) for p in zorp]
    assert weights == sorted(weights, reverse=True)


def test_what_does_not_convert_is_counted_by_reason(converted):
    stats = converted["stats"]
    reasons = stats["skipped_by_reason"]
    assert reasons["words before the verb"] == 1  # SAID *
    assert reasons["target before the verb"] == 1  # + * FROM $
    assert reasons["compound actor (%)"] == 1
    assert reasons["null code (---): PETRARCH's 'no event here'"] == 1
    assert reasons["auxiliary, negation or adverb after the verb"] == 1  # * WOULD VISIT
    assert stats["patterns"] == 16
    assert stats["converted"] + stats["skipped"] == stats["patterns"]
    assert stats["transformations_skipped"] == 1
    assert stats["dropped_after_conversion"] == {
        "same constraints, other code": 2
    }  # "* DOWN [099]" x 2 verbs
    assert all(code != "099" for ps in converted["verbs"].values() for p in ps for code in [p["code"]])
    assert stats["examples"]["words before the verb"] == ["verbs.txt:27: SAID * [060]"]


def test_block_patterns_apply_to_every_one_word_verb(converted):
    zorp = {p["code"] for p in converted["verbs"]["zorp"]}
    blargle = {p["code"] for p in converted["verbs"]["blargle"]}
    assert zorp - blargle == {"051"}  # only ZORP's own default (and ZORP_UP) differ
    assert blargle - zorp == {"052"}


def test_modifiers_can_be_left_out(tmp_path):
    plain = load_petrarch_verbs(DATA / "verbs.txt", lemmatize=False, modifiers=False)
    assert not any("compound" in p or "of" in p for ps in plain["verbs"].values() for p in ps)
    assert plain["stats"]["skipped_by_reason"]["object modifiers (compound) not wanted"] >= 2


def test_the_result_is_a_pattern_file(converted, tmp_path):
    pset = petrarch_patterns(DATA / "verbs.txt", lemmatize=False)
    assert isinstance(pset, PatternSet) and pset.nouns == {} and pset.light_verbs == frozenset()
    down = next(p for p in pset.verbs["zorp"] if p.code == "053")
    assert down.prt == "down" and down.kind == "verb"
    support = next(p for p in pset.verbs["zorp"] if p.code == "059")
    assert support.obj == {"support"} and support.prep == {"for"} and support.target == "prep"
    # Dumped as YAML it loads through the ordinary pattern loader (stats are ignored there).
    f = tmp_path / "petrarch.yaml"
    f.write_text(yaml.safe_dump({"verbs": converted["verbs"], "nouns": {}}), encoding="utf-8")
    loaded = load_patterns(extra=[f])
    assert [p.code for p in loaded.verbs["zorp"]] == [p["code"] for p in converted["verbs"]["zorp"]]


@pytest.mark.parametrize(
    "text, message",
    [
        ("- * DOWN [053]\n", "not inside a verb block"),
        ("--- ZORP [051] ---\nZORP\n&SYN\n+WORD\n- * DOWN [053]\n", "not inside a verb block"),
        ("FLOATING LINE\n", "cannot tell what"),
        ("--- [051 ---\n", "must look like"),
    ],
)
def test_malformed_verb_files_name_file_and_line(tmp_path, text, message):
    p = tmp_path / "verbs.txt"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=message) as err:
        load_petrarch_verbs(p, lemmatize=False)
    assert f"{p}:" in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(KnowledgeBaseError, match="not found"):
        load_petrarch_verbs(tmp_path / "nope.txt")


# --- with the spaCy lemmatizer ---------------------------------------------------------------------


def _need_spacy() -> None:
    if _spacy_lemmatizer() is None:
        pytest.skip("the spaCy model is not installed: lemmas fall back to lower case")


@pytest.mark.slow
def test_inflected_verbs_and_plural_objects_are_lemmatised():
    _need_spacy()
    out = load_petrarch_verbs(DATA / "verbs.txt")
    assert out["stats"]["lemmatizer"] == "spacy"
    assert _strip(out["verbs"]["convene"][0]) == {"code": "043", "obj": ["summit"]}  # CONVENED
    zorp = _by_code(out["verbs"]["zorp"])
    assert zorp["056"]["obj"] == ["tie", "ties"]  # both, whichever lemma the parser gives
    assert "relation" in zorp["066"]["obj"]
    assert (
        "sprocket"
        in next(p for p in out["verbs"]["zorp"] if p["code"] == "055" and "compound" not in p)["obj"]
    )


# --- the real PETRARCH dictionaries ----------------------------------------------------------------


def _real(name: str) -> Path:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


def _report(name: str, stats: dict) -> None:
    shown = {k: v for k, v in stats.items() if k != "examples"}
    print(f"\n{name}: {json.dumps(shown, indent=1)}")


@pytest.mark.slow
def test_validation_verbs_convert():
    _need_spacy()
    out = load_petrarch_verbs(_real("PETR.Validate.verbs.txt"))
    _report("PETR.Validate.verbs.txt", out["stats"])
    verbs = out["verbs"]
    assert out["stats"]["lemmas"] >= 200 and out["stats"]["converted"] >= 150
    assert _strip(verbs["restore"][-1]) == {"code": "064"}
    assert {"code": "064", "obj": ["tie", "ties"]} in [_strip(p) for p in verbs["restore"]]
    assert {"code": "095", "prep": ["on"]} in [_strip(p) for p in verbs["call"]]  # CALLED *_ON
    assert "meet" in verbs and "met" not in verbs  # PETRARCH's MET is the lemma "meet"
    memos = [p for p in verbs["welcome"] if p["code"] == "912"]
    assert any("memo" in p["obj"] and "cultural" in p["compound"] for p in memos)


@pytest.mark.slow
def test_cameo_verbs_convert():
    _need_spacy()
    out = load_petrarch_verbs(_real("CAMEO.2.0.txt"))
    stats = out["stats"]
    _report("CAMEO.2.0.txt", stats)
    assert stats["lemmas"] >= 1000
    assert stats["converted"] >= 2500 and stats["converted"] + stats["skipped"] == stats["patterns"]
    cut = [_strip(p) for p in out["verbs"]["cut"]]
    assert {"code": "161", "obj": ["tie", "ties"], "compound": ["diplomatic"]} in cut
    # The whole conversion is a valid pattern set.
    pset = petrarch_patterns(_real("CAMEO.2.0.txt"))
    assert len(pset.verbs) == stats["lemmas"]
