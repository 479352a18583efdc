"""The team's own test articles: the whole pipeline against hand-coded expected events.

Articles: tests/data/articles/*.txt (first line the title, a blank line, then the text);
expectations: tests/data/articles/expected.yaml (its header describes the format). Each expected
event is one test case: it passes when SOME event the pipeline produced for the article matches
it. ``not_expected`` entries are one case per article: no produced event may match them.

Run ``python tests/coder/test_team_articles.py`` for a table of every expected event with what
the pipeline produced instead.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml

from newsgraph.records import FACTUALITY_VALUES, ActorRef, Article, Event

DATA = Path(__file__).resolve().parents[1] / "data" / "articles"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((DATA / "expected.yaml").read_text(encoding="utf-8"))

_ID_LIKE = re.compile(r"^(?:[a-z0-9]+(?:_[a-z0-9]+)+|[A-Z]{3})$")
_EVENT_KEYS = {"source", "target", "cameo_root", "cameo", "cameo_alternatives", "date", "factuality",
               "attribution", "place", "note"}
_NOT_KEYS = {"source", "target", "cameo_root", "factuality", "date", "sentence"}


# -- reading ---------------------------------------------------------------------------------------
def read_article(name: str, spec: dict[str, Any] | None = None) -> Article:
    """The article NAME.txt: title = first line, text = everything after the blank line."""
    spec = spec if spec is not None else EXPECTED[name]
    lines = (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) > 2 and lines[0].strip() and not lines[1].strip(), f"{name}.txt: title, blank, text"
    return Article(
        id=f"team-{name}",
        title=lines[0].strip(),
        text="\n".join(lines[2:]).strip() + "\n",
        published=str(spec["published"]),
        publisher=spec.get("publisher"),
    )


# -- matching --------------------------------------------------------------------------------------
def fold(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("\u2019", "'").casefold().strip()


def _options(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def actor_matches(expected: Any, ref: ActorRef | None, is_id: Callable[[str], bool]) -> bool:
    """``expected`` (an id, a name, or a list of them) against a produced actor."""
    if ref is None:
        return False
    for e in _options(expected):
        if is_id(e):
            if ref.id == e or (ref.affiliation is not None and ref.affiliation.id == e):
                return True
            # A person acting for a state ("the Kenyan president") counts for the state.
            if re.fullmatch(r"[A-Z]{3}", e) and ref.type == "person" and ref.country == e:
                return True
        else:
            name = fold(e)
            if name and (name in fold(ref.name) or name in fold(ref.text)
                         or (ref.affiliation is not None and name in fold(ref.affiliation.name))):
                return True
    return False


# CAMEO codes an announced intention by its own code: a stated future cooperative action is
# root 03 (intent to cooperate), a stated future coercive one root 13 (threaten); a refusal to
# cooperate is root 12 (reject), asserted. The expectations code the action itself with its
# factuality; these pairs are the same reading in the codebook's convention.
_INTENT_ROOTS = {"04": "03", "05": "03", "06": "03", "07": "03", "08": "03",
                 "16": "13", "17": "13", "18": "13", "19": "13", "20": "13"}


def _convention_ok(exp: dict[str, Any], ev: Event) -> bool:
    roots = [str(a)[:2] for a in exp.get("cameo_alternatives") or [exp["cameo_root"]]]
    root = ev.cameo_root or ev.cameo[:2]
    if exp["factuality"] == "future" and ev.factuality == "future":
        return any(_INTENT_ROOTS.get(r) == root for r in roots)
    if exp["factuality"] == "negated" and ev.factuality == "asserted" and root == "12":
        return any("03" <= r <= "08" for r in roots)
    return False


def _code_ok(exp: dict[str, Any], ev: Event) -> bool:
    code = ev.cameo or ""
    root = ev.cameo_root or code[:2]
    alternatives = exp.get("cameo_alternatives")
    if alternatives:
        return any(code.startswith(str(a)) or root == str(a) for a in alternatives)
    return root == str(exp["cameo_root"])


def _date_ok(exp: dict[str, Any], ev: Event) -> bool:
    want = exp.get("date")
    return want is None or (ev.date is not None and ev.date.value == str(want))


def _attribution_ok(exp: dict[str, Any], ev: Event) -> bool:
    want = exp.get("attribution")
    if want is None:
        return True
    w = fold(str(want))
    return any(w == fold(a.id) or w in fold(a.name) or w in fold(a.text) for a in ev.attribution)


def _place_ok(exp: dict[str, Any], ev: Event) -> bool:
    want = exp.get("place")
    if want is None:
        return True
    return ev.place is not None and fold(ev.place.name) in {fold(p) for p in _options(want)}


def mismatches(exp: dict[str, Any], ev: Event, is_id: Callable[[str], bool]) -> list[str]:
    """The fields of ``exp`` that ``ev`` gets wrong (empty: it matches)."""
    bad = []
    if not actor_matches(exp["source"], ev.source, is_id):
        bad.append("source")
    if "target" in exp:
        if exp["target"] is None:
            if ev.target is not None:
                bad.append("target")
        elif not actor_matches(exp["target"], ev.target, is_id):
            bad.append("target")
    if _convention_ok(exp, ev):
        pass
    else:
        if not _code_ok(exp, ev):
            bad.append("cameo")
        if ev.factuality != exp["factuality"]:
            bad.append("factuality")
    if not _date_ok(exp, ev):
        bad.append("date")
    if not _attribution_ok(exp, ev):
        bad.append("attribution")
    if not _place_ok(exp, ev):
        bad.append("place")
    return bad


def violates(rule: dict[str, Any], ev: Event, is_id: Callable[[str], bool]) -> bool:
    """True when ``ev`` matches every key of a ``not_expected`` entry."""
    if "sentence" in rule and fold(rule["sentence"]) not in fold(ev.sentence.text):
        return False
    if "source" in rule and not actor_matches(rule["source"], ev.source, is_id):
        return False
    if "target" in rule and not actor_matches(rule["target"], ev.target, is_id):
        return False
    if "cameo_root" in rule and (ev.cameo_root or ev.cameo[:2]) != str(rule["cameo_root"]):
        return False
    if "factuality" in rule and ev.factuality != rule["factuality"]:
        return False
    if "date" in rule and (ev.date is None or ev.date.value != str(rule["date"])):
        return False
    return True


def describe_actor(a: ActorRef | None) -> str:
    if a is None:
        return "-"
    aff = f"~{a.affiliation.id}" if a.affiliation is not None else ""
    return f"{a.id or '?'}{aff}[{a.text}]"


def describe(ev: Event) -> str:
    date = ev.date.value if ev.date else None
    place = ev.place.name if ev.place else None
    attr = ",".join(a.id or a.text for a in ev.attribution)
    return (f"{describe_actor(ev.source)} -> {describe_actor(ev.target)} {ev.cameo} "
            f"'{ev.trigger.text}' {ev.factuality} date={date} place={place} attr={attr or '-'}")


def closest(
    exp: dict[str, Any], events: Iterable[Event], is_id: Callable[[str], bool]
) -> tuple[Event | None, list[str]]:
    best: tuple[Event | None, list[str]] = (None, ["no events"])
    for ev in events:
        bad = mismatches(exp, ev, is_id)
        if best[0] is None or len(bad) < len(best[1]):
            best = (ev, bad)
    return best


# -- cases -----------------------------------------------------------------------------------------
def _label(v: Any) -> str:
    if v is None:
        return "none"
    return "|".join(re.sub(r"\W+", "_", o) for o in _options(v))


# Known gaps (tests/data/articles/known_gaps.yaml) stay visible as xfail, not hidden.
GAPS: dict[str, dict[Any, str]] = yaml.safe_load((DATA / "known_gaps.yaml").read_text(encoding="utf-8")) or {}


def _marks(name: str, key: Any) -> list[Any]:
    reason = GAPS.get(name, {}).get(key)
    marks = [pytest.mark.slow]
    if reason:
        marks.append(pytest.mark.xfail(strict=False, reason=reason))
    return marks


CASES = [
    pytest.param(
        name, i, ev,
        id=f"{name}-{i}-{_label(ev['source'])}-{ev['cameo_root']}-{_label(ev.get('target', 'any'))}"
           f"-{ev['factuality']}",
        marks=_marks(name, i),
    )
    for name, spec in EXPECTED.items()
    for i, ev in enumerate(spec["events"])
]
NOT_CASES = [pytest.param(name, id=name, marks=_marks(name, "not_expected")) for name, spec in EXPECTED.items()
             if spec.get("not_expected")]


@pytest.fixture(scope="module")
def produced(pipeline) -> Callable[[str], list[Event]]:
    cache: dict[str, list[Event]] = {}

    def run(name: str) -> list[Event]:
        if name not in cache:
            res = pipeline.process(read_article(name))
            assert res.error is None, res.error
            cache[name] = list(res.events)
        return cache[name]

    return run


@pytest.fixture(scope="module")
def is_id(kb) -> Callable[[str], bool]:
    return lambda s: kb.get(s) is not None


@pytest.mark.parametrize("name, index, exp", CASES)
def test_expected_event(produced, is_id, name: str, index: int, exp: dict[str, Any]) -> None:
    events = produced(name)
    if any(not mismatches(exp, ev, is_id) for ev in events):
        return
    ev, bad = closest(exp, events, is_id)
    got = "\n  ".join(describe(e) for e in events) or "(no events)"
    pytest.fail(
        f"{name}: no event matches {exp['note']!r}\n"
        f"expected {exp['source']} -> {exp.get('target', '(any)')} {exp.get('cameo', exp['cameo_root'])} "
        f"{exp['factuality']} date={exp.get('date')} place={exp.get('place')} attr={exp.get('attribution')}\n"
        f"closest: {describe(ev) if ev else '-'} (wrong: {', '.join(bad)})\n"
        f"produced:\n  {got}"
    )


@pytest.mark.parametrize("name", NOT_CASES)
def test_not_expected(produced, is_id, name: str) -> None:
    events = produced(name)
    rules = EXPECTED[name]["not_expected"]
    bad = [(rule, ev) for rule in rules for ev in events if violates(rule, ev, is_id)]
    assert not bad, "\n".join(f"{rule} <- {describe(ev)}" for rule, ev in bad)


# -- the data itself (fast) --------------------------------------------------------------------------
def test_expected_file_is_valid(kb) -> None:
    names = {p.stem for p in DATA.glob("*.txt")}
    assert names == set(EXPECTED), f"articles without expectations or vice versa: {names ^ set(EXPECTED)}"
    assert len(names) >= 14
    for name in {"pledge-1", "pledge-2", "pledge-3", "split-1"}:
        assert name in names
    for name, spec in EXPECTED.items():
        art = read_article(name, spec)
        dt.date.fromisoformat(art.published or "")
        assert 4 <= len([s for s in art.text.splitlines() if s.strip()]) <= 12, name
        assert spec["events"], name
        for ev in spec["events"]:
            where = f"{name}: {ev.get('note')}"
            assert set(ev) <= _EVENT_KEYS, (where, set(ev) - _EVENT_KEYS)
            assert ev["factuality"] in FACTUALITY_VALUES, where
            assert re.fullmatch(r"\d\d", str(ev["cameo_root"])), where
            if ev.get("cameo"):
                assert str(ev["cameo"]).startswith(str(ev["cameo_root"])), where
            if ev.get("cameo_alternatives"):
                root = str(ev["cameo_root"])
                assert any(root.startswith(str(a)) or str(a).startswith(root)
                           for a in ev["cameo_alternatives"]), where
            if ev.get("date") is not None:
                assert re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", str(ev["date"])), where
            assert ev.get("note"), where
            for key in ("source", "target"):
                for v in _options(ev.get(key)) if ev.get(key) is not None else []:
                    if _ID_LIKE.match(v):
                        assert kb.get(v) is not None, f"{where}: {key} {v!r} is not a knowledge-base id"
        for rule in spec.get("not_expected") or []:
            assert set(rule) <= _NOT_KEYS and rule, (name, rule)


if __name__ == "__main__":  # a table of expected vs produced, for people
    from newsgraph.config import Settings
    from newsgraph.kb.loader import default_kb
    from newsgraph.pipeline import Pipeline

    pipe = Pipeline(Settings.from_env(geocode=True))
    kb_ = default_kb()
    check = lambda s: kb_.get(s) is not None  # noqa: E731
    ok = total = 0
    for name, spec in EXPECTED.items():
        events = list(pipe.process(read_article(name)).events)
        print(f"\n## {name} ({len(events)} events)")
        for i, exp in enumerate(spec["events"]):
            total += 1
            hit = any(not mismatches(exp, ev, check) for ev in events)
            ok += hit
            ev, bad = closest(exp, events, check)
            print(f"{'OK ' if hit else 'BAD'} {i} {exp['note'][:90]}")
            if not hit:
                print(f"      closest: {describe(ev) if ev else '-'}  wrong: {', '.join(bad)}")
        for rule in spec.get("not_expected") or []:
            for ev in events:
                if violates(rule, ev, check):
                    print(f"NOT {rule} <- {describe(ev)}")
    print(f"\n{ok}/{total} expected events matched")
