"""Lexical cue lists (data/cues.yaml) as frozen sets."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..errors import KnowledgeBaseError


@dataclass(frozen=True)
class Cues:
    actor_pronouns: frozenset[str]
    coref_nouns: frozenset[str]
    role_nouns: frozenset[str]
    link_verbs: frozenset[str]
    object_control: frozenset[str]
    reporting_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    claim_nouns: frozenset[str]
    claim_adverbs: frozenset[str]
    negation_words: frozenset[str]
    negation_verbs: frozenset[str]
    hedge_modals: frozenset[str]
    hedge_verbs: frozenset[str]
    hedge_adverbs: frozenset[str]
    evidence_nouns: frozenset[str]
    scarcity_words: frozenset[str]
    hedge_nouns: frozenset[str]
    future_modals: frozenset[str]
    future_verbs: frozenset[str]
    future_nouns: frozenset[str]
    hypothetical_marks: frozenset[str]
    habitual_adverbs: frozenset[str]
    habitual_verbs: frozenset[str]
    non_person_nouns: frozenset[str]
    quantity_nouns: frozenset[str]
    hedge_source_adjectives: frozenset[str]
    patient_nouns: frozenset[str]
    state_coref_nouns: frozenset[str]
    negative_pronouns: frozenset[str]
    negation_adjectives: frozenset[str]
    future_adjectives: frozenset[str]
    hedge_adjectives: frozenset[str]
    claim_adjectives: frozenset[str]
    directive_verbs: frozenset[str]
    press_words: frozenset[str]
    state_verbs: frozenset[str]
    unit_nouns: frozenset[str]


@lru_cache(maxsize=1)
def cues() -> Cues:
    path = resources.files("newsgraph") / "data" / "cues.yaml"
    data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = [f for f in Cues.__dataclass_fields__ if f not in data]
    if missing:
        raise KnowledgeBaseError(f"{path}: missing cue lists {missing}")
    return Cues(**{f: frozenset(str(w).lower() for w in data[f]) for f in Cues.__dataclass_fields__})
