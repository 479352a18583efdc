"""Load the coder's trigger patterns (docs/patterns.md) from data files."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..datafiles import read_yaml
from ..errors import KnowledgeBaseError

VERB_KEYS = {"code", "obj", "prt", "prep", "target", "xcomp", "note", "compound", "of"}
NOUN_KEYS = {"code", "of", "prep", "compound", "note", "target"}


@dataclass(frozen=True)
class Pattern:
    lemma: str
    kind: str  # verb | noun
    code: str
    obj: frozenset[str] = frozenset()
    prt: str | None = None
    prep: frozenset[str] = frozenset()
    target: str = "obj"  # obj | prep | none
    xcomp: bool = False
    of: frozenset[str] = frozenset()
    compound: frozenset[str] = frozenset()
    note: str = ""
    index: int = 0  # position in the lemma's list, for explanations

    @property
    def rule_id(self) -> str:
        return f"{self.kind}:{self.lemma}#{self.index}"

    @property
    def specificity(self) -> int:
        return (2 if self.obj else 0) + (1 if self.prt else 0) + (1 if self.prep else 0) + (1 if self.of else 0)


@dataclass(frozen=True)
class PatternSet:
    verbs: Mapping[str, tuple[Pattern, ...]]
    nouns: Mapping[str, tuple[Pattern, ...]]
    light_verbs: frozenset[str]

    def codes(self) -> set[str]:
        return {p.code for ps in (*self.verbs.values(), *self.nouns.values()) for p in ps}


def _word(x: Any) -> str:
    # YAML 1.1 reads a bare on/off as booleans: "prep: [on]", "prt: off".
    if x is True:
        return "on"
    if x is False:
        return "off"
    return str(x).lower()


def _set(v: Any) -> frozenset[str]:
    if v is None or v == [] or v == "":
        return frozenset()
    if isinstance(v, (str, bool)):
        return frozenset([_word(v)])
    return frozenset(_word(x) for x in v)


def _parse(kind: str, data: Any, source: str) -> dict[str, tuple[Pattern, ...]]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise KnowledgeBaseError(f"{source}: expected a mapping from lemma to a list of patterns")
    allowed = VERB_KEYS if kind == "verb" else NOUN_KEYS
    out: dict[str, tuple[Pattern, ...]] = {}
    for lemma, plist in data.items():
        if isinstance(plist, Mapping):
            plist = [plist]
        if not isinstance(plist, list):
            raise KnowledgeBaseError(f"{source}: patterns of {lemma!r} must be a list")
        pats = []
        for i, p in enumerate(plist):
            if not isinstance(p, Mapping) or "code" not in p:
                raise KnowledgeBaseError(f"{source}: pattern {i} of {lemma!r} needs a 'code': {p!r}")
            bad = set(p) - allowed
            if bad:
                raise KnowledgeBaseError(
                    f"{source}: pattern {i} of {lemma!r} has unknown keys {sorted(bad)}; allowed: {sorted(allowed)}"
                )
            obj, prep = _set(p.get("obj")), _set(p.get("prep"))
            default_target = "prep" if prep else ("none" if obj and kind == "verb" else "obj")
            pats.append(
                Pattern(
                    lemma=str(lemma).lower(),
                    kind=kind,
                    code=str(p["code"]),
                    obj=obj,
                    prt=(_word(p["prt"]) if p.get("prt") is not None else None),
                    prep=prep,
                    target=str(p.get("target") or default_target),
                    xcomp=bool(p.get("xcomp")),
                    of=_set(p.get("of")),
                    compound=_set(p.get("compound")),
                    note=str(p.get("note") or ""),
                    index=i,
                )
            )
        out[str(lemma).lower()] = tuple(pats)
    return out


def load_patterns(extra: Iterable[str | Path] = ()) -> PatternSet:
    base = resources.files("newsgraph") / "data" / "cameo"
    verbs = _parse("verb", read_yaml(base / "verbs.yaml"), "verbs.yaml")
    nouns = _parse("noun", read_yaml(base / "nouns.yaml"), "nouns.yaml")
    light = read_yaml(base / "light_verbs.yaml") or []
    env = [p for p in os.environ.get("NEWSGRAPH_PATTERN_PATHS", "").split(os.pathsep) if p]
    for p in [*map(Path, extra), *map(Path, env)]:
        data = read_yaml(p)
        if data is None:
            raise KnowledgeBaseError(f"{p}: pattern file not found; check pattern_paths")
        if isinstance(data, Mapping) and ("verbs" in data or "nouns" in data):
            verbs.update(_parse("verb", data.get("verbs"), str(p)))
            nouns.update(_parse("noun", data.get("nouns"), str(p)))
            light = [*light, *(data.get("light_verbs") or [])]
        else:
            verbs.update(_parse("verb", data, str(p)))
    return PatternSet(verbs, nouns, frozenset(str(x).lower() for x in light))


@lru_cache(maxsize=1)
def default_patterns() -> PatternSet:
    return load_patterns()
