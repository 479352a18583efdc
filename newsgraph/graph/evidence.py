"""What one canonical event says about lasting relations: a list of Evidence items.

The rules (docs/graph.md):

- kind: the CAMEO code's relation (coder/ontology.py, codes.tsv ``relation``), except that
  harbouring is also read from the trigger word (harbour, harbor, shelter) and a supportive code
  whose trigger speaks of allegiance is affiliation;
- endpoints: the group for a person or spokesman acting for it (``affiliation.id``), else the actor
  itself; sympathizers do not speak for the group; self-loops and null ids give nothing;
- weight: by factuality (negated gives no support, only disputes; hypothetical gives nothing;
  hedged, claimed and future weigh less than asserted; habitual weighs as asserted but is undated)
  times the event's own confidence, with the number of independent sources kept for the
  confidence formula;
- a person acting for a group is also evidence of that person's leadership or membership.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..coder.ontology import relation_of
from .dates import day_key
from .model import SYMMETRIC_KINDS

__all__ = [
    "FACTUALITY_WEIGHTS",
    "LEADER_ROLES",
    "Evidence",
    "actor_ids",
    "event_date",
    "evidence_of",
    "kind_of",
    "n_reports",
]

# How much one report of one source counts, by factuality. Negated and hypothetical events assert
# no relation (negated ones can still dispute one, see intervals.py); a stated intention (future)
# is a weaker sign of a stance than a reported act.
FACTUALITY_WEIGHTS: Mapping[str, float] = {
    "asserted": 1.0,
    "habitual": 1.0,
    "claimed": 0.6,
    "hedged": 0.5,
    "future": 0.4,
    "hypothetical": 0.0,
    "negated": 0.0,
}
DEFAULT_CONFIDENCE = 0.5  # the coder's default when a record carries none

# Roles that head an organisation or state; other roles of a person acting for a group are
# membership. Shared with kb_facts.py, which reads the same role names from people.yaml.
LEADER_ROLES = frozenset(
    {
        "leader",
        "head_of_state",
        "head_of_government",
        "president",
        "prime_minister",
        "monarch",
        "secretary_general",
        "chief",
        "emir",
        "chairman",
        "commander_in_chief",
    }
)
# Roles that do not speak for the group: the person is near it, not in it.
_NOT_FOR_GROUP = frozenset({"sympathizer", "supporter", "sympathiser"})

_HARBOUR_RE = re.compile(r"\b(harbou?r(s|ed|ing)?|shelter(s|ed|ing)?)\b", re.IGNORECASE)
_ALLEGIANCE_RE = re.compile(r"\b(allegiance|fealty|bay['’ʿ]?ah?|baiat|affiliat\w*)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Evidence:
    """One event's support for one relation. ``day`` orders it and decides as-of visibility;
    ``dated`` is False when the event describes a standing condition (habitual) or has no date of
    its own, so it cannot open or close an interval."""

    kind: str
    source_id: str
    source_name: str | None
    target_id: str
    target_name: str | None
    day: str | None
    date: str | None  # the date as given (partial dates stay partial)
    dated: bool
    weight: float  # per report of one source, 0..1
    n_sources: int
    n_reports: int
    event_id: str | None
    negated: bool = False
    basis: str = "events"


def kind_of(event: Mapping[str, Any]) -> str | None:
    """The relation kind an event is evidence for, or None when it says nothing lasting."""
    code = str(event.get("cameo") or "").strip()
    try:
        kind = relation_of(code) if code else None
    except ValueError:  # a malformed code from outside: no relation rather than a crash
        kind = None
    trigger = event.get("trigger") or {}
    words = (
        " ".join(str(trigger.get(k) or "") for k in ("text", "lemma")) if isinstance(trigger, Mapping) else ""
    )
    # "X harbours TTP fighters" coded as cooperation or aid is the act itself. An accusation or
    # attack whose trigger mentions sheltering stays what its code says; a code with no lasting
    # meaning (a withdrawal from a harbour) is more likely the noun; humanitarian aid (073) gives
    # shelter to people in need.
    if kind in ("support", "harbouring") and not code.startswith("073") and _HARBOUR_RE.search(words):
        return "harbouring"
    if kind == "support" and _ALLEGIANCE_RE.search(words):
        return "affiliation"
    return kind


def _actor(ref: Any) -> tuple[tuple[str, str | None] | None, tuple[str, str, str | None] | None]:
    """(endpoint for event relations, (person id, group id, role) when a person acts for a group)."""
    if not isinstance(ref, Mapping):
        return None, None
    aff = ref.get("affiliation")
    own = (str(ref["id"]), ref.get("name")) if ref.get("id") else None
    if isinstance(aff, Mapping) and aff.get("id"):
        role = aff.get("role")
        if role in _NOT_FOR_GROUP:
            return own, None
        group = (str(aff["id"]), aff.get("name"))
        person = (own[0], group[0], role) if own and own[0] != group[0] else None
        return group, person
    return own, None


def _count(event: Mapping[str, Any], key: str, fallback: int) -> int:
    try:
        n = int(event.get(key) or 0)
    except (TypeError, ValueError):
        n = 0
    return n if n > 0 else fallback


def _n_sources(event: Mapping[str, Any]) -> int:
    mentions = event.get("mentions") or []
    publishers = {
        (m.get("article") or {}).get("publisher") or (m.get("article") or {}).get("url")
        for m in mentions
        if isinstance(m, Mapping)
    } - {None}
    return _count(event, "n_sources", len(publishers) or 1)


def _weight(event: Mapping[str, Any]) -> float:
    factuality = str(event.get("factuality") or "asserted")
    try:
        conf = float(event.get("confidence", DEFAULT_CONFIDENCE))
    except (TypeError, ValueError):
        conf = DEFAULT_CONFIDENCE
    return FACTUALITY_WEIGHTS.get(factuality, FACTUALITY_WEIGHTS["hedged"]) * min(max(conf, 0.0), 1.0)


def event_date(event: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(date as given, its first day): the event's date, else its article's publication date."""
    date = event.get("date")
    value = (date.get("value") if isinstance(date, Mapping) else None) or (event.get("article") or {}).get(
        "published"
    )
    return value, day_key(value)


def n_reports(event: Mapping[str, Any]) -> int:
    """How many reports (mentions) stand behind an event: one for a single-article record."""
    return _count(event, "n_mentions", len(event.get("mentions") or []) or 1)


def actor_ids(event: Mapping[str, Any]) -> list[str]:
    """Every actor id an event names: source, target and the groups they act for."""
    found: list[str] = []
    for side in ("source", "target"):
        ref = event.get(side)
        if not isinstance(ref, Mapping):
            continue
        aff = ref.get("affiliation")
        for x in (ref.get("id"), aff.get("id") if isinstance(aff, Mapping) else None):
            if x and str(x) not in found:
                found.append(str(x))
    return found


def evidence_of(event: Mapping[str, Any]) -> Iterator[Evidence]:
    """Evidence items of one event record (canonical or single-article)."""
    factuality = str(event.get("factuality") or "asserted")
    if factuality == "hypothetical":
        return
    value, day = event_date(event)
    dated = day is not None and factuality != "habitual"
    negated = factuality == "negated"
    base = Evidence(
        kind="",
        source_id="",
        source_name=None,
        target_id="",
        target_name=None,
        day=day,
        date=value if dated else None,
        dated=dated,
        weight=0.0 if negated else _weight(event),
        n_sources=_n_sources(event),
        n_reports=n_reports(event),
        event_id=str(event["id"]) if event.get("id") else None,
        negated=negated,
    )
    src, src_person = _actor(event.get("source"))
    tgt, tgt_person = _actor(event.get("target"))

    kind = kind_of(event)
    if kind and src and tgt and src[0] != tgt[0]:
        if kind in SYMMETRIC_KINDS and tgt[0] < src[0]:
            src, tgt = tgt, src
        yield replace(
            base, kind=kind, source_id=src[0], source_name=src[1], target_id=tgt[0], target_name=tgt[1]
        )

    # A person speaking or acting for a group shows who leads it or belongs to it. A denial that
    # X did something does not deny that X acts for the group, so negation does not apply here.
    if negated:
        base = replace(base, negated=False, weight=_weight({**event, "factuality": "asserted"}))
    for person, ref in ((src_person, event.get("source")), (tgt_person, event.get("target"))):
        if person is None or not isinstance(ref, Mapping):
            continue
        person_id, group_id, role = person
        yield replace(
            base,
            kind="leadership" if role in LEADER_ROLES else "membership",
            source_id=person_id,
            source_name=ref.get("name"),
            target_id=group_id,
            target_name=(ref.get("affiliation") or {}).get("name"),
        )
