"""Scoring a set whose gold is its own label scheme (CASE 2021 task 2): our events, and the
snippet's words, mapped to that scheme by the rules in data/schemes/<set family>.yaml."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..errors import KnowledgeBaseError
from ..records import Event
from .gold import GoldRecord
from .metrics import macro_f1, per_class_f1, r, weighted_f1


@dataclass(frozen=True)
class SchemeRule:
    label: str
    cameo: tuple[str, ...]
    words: re.Pattern[str] | None


@lru_cache(maxsize=8)
def load_scheme(name: str) -> tuple[SchemeRule, ...]:
    path = resources.files("newsgraph") / "data" / "schemes" / f"{name}.yaml"
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KnowledgeBaseError(f"no label scheme {name!r} (looked for {path})") from None
    rules = []
    for i, rule in enumerate(data.get("rules") or []):
        if "label" not in rule:
            raise KnowledgeBaseError(f"{path}: rule {i} has no label")
        words = rule.get("words") or []
        rx = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(str(w).lower()) for w in words) + r")(?!\w)")
            if words
            else None
        )
        rules.append(SchemeRule(str(rule["label"]), tuple(str(c) for c in rule.get("cameo") or ()), rx))
    return tuple(rules)


def map_to_scheme(text: str, events: Sequence[Event], scheme: str) -> str:
    low = text.lower()
    codes = [e.cameo for e in events]
    for rule in load_scheme(scheme):
        if rule.cameo and not any(c.startswith(p) for c in codes for p in rule.cameo):
            continue
        if rule.words is not None and not rule.words.search(low):
            continue
        return rule.label
    return "OTHER"


def _scheme_for(set_name: str) -> str:
    return "case2021" if set_name.startswith("case2021") else set_name


def _classify(text: str, events: Sequence[Event], scheme: str) -> tuple[str, str]:
    """The label, and what gave it: the learned snippet classifier where the scheme has one
    (CASE 2021), else the rules of data/schemes/<scheme>.yaml."""
    if scheme == "case2021":
        from ..errors import ModelError

        try:
            from ..learn import predict_case

            return predict_case(text, events), "classifier: newsgraph/data/models/learned.v1.npz (case head)"
        except (ModelError, ImportError):
            pass
    return map_to_scheme(text, events, scheme), f"rules: newsgraph/data/schemes/{scheme}.yaml"


def score_label_set(records: Sequence[GoldRecord], events_by_text: dict[str, list[Event]]) -> dict[str, Any]:
    gold = [str(x.label) for x in records if x.label]
    pred = []
    covered = 0
    how = ""
    for x in records:
        if not x.label:
            continue
        evs = events_by_text.get(x.text, [])
        covered += bool(evs)
        label, how = _classify(x.text, evs, _scheme_for(x.set))
        pred.append(label)
    return {
        "n": len(gold),
        "coverage": r(covered / len(gold)) if gold else 0.0,
        "weighted_f1": r(weighted_f1(gold, pred)),
        "macro_f1": r(macro_f1(gold, pred)),
        "per_class": {k: r(v) for k, v in per_class_f1(gold, pred).items()},
        "mapping": how,
    }
