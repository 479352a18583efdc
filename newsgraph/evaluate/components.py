"""Component evaluations: actor resolution, geocoding and factuality, each scored on its own
(record formats in ../shared/contract.md, "Component gold records")."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ..coder.modality import factuality
from ..coder.syntax import SentenceGraph
from ..records import ActorRef, AnnotatedArticle
from .gold import GoldRecord, find_span
from .metrics import accuracy, macro_f1, per_class_f1, r


def score_actors(records: Sequence[GoldRecord], docs: dict[str, AnnotatedArticle], resolver: Any) -> dict[str, Any]:
    n = resolved = country_ok = country_n = name_ok = name_n = 0
    false_pos = 0  # resolved to an actor where the gold says there is none (or another one)
    misses: list[str] = []
    for rec in records:
        n += 1
        exp = rec.expect or {}
        doc = docs[rec.id]
        span = find_span(rec.text, rec.mention)
        if span is None:
            ref = resolver.resolve_name(rec.mention or "", rec.date)
        else:
            head = (rec.mention or "").split()[-1] if rec.mention else None
            ref = resolver.resolve(
                ActorRef(text=rec.mention or "", start=span[0], end=span[1], head=head), doc, rec.date
            )
        got_id = ref.id or (ref.affiliation.id if ref.affiliation and ref.type == "agent" else None)
        if got_id:
            resolved += 1
        if exp.get("country") is not None or "country" in exp:
            country_n += 1
            want = exp.get("country")
            got = ref.country
            if (want or None) == (got or None):
                country_ok += 1
        if exp.get("name") or exp.get("wikipedia"):
            name_n += 1
            if _name_matches(ref, exp, resolver):
                name_ok += 1
            else:
                false_pos += bool(got_id)
                if len(misses) < 25:
                    misses.append(f"{rec.id}: {rec.mention!r} -> {ref.name!r} (expected {exp.get('name')!r})")
        elif got_id:
            false_pos += 1
            if len(misses) < 25:
                misses.append(f"{rec.id}: {rec.mention!r} -> {ref.name!r} (expected no actor)")
    return {
        "n": n,
        # precision: resolutions that are right; recall: gold actors resolved right.
        "precision": r(name_ok / (name_ok + false_pos)) if name_ok + false_pos else 0.0,
        "recall": r(name_ok / name_n) if name_n else 0.0,
        "resolved": r(resolved / n) if n else 0.0,
        "country_accuracy": r(country_ok / country_n) if country_n else 0.0,
        "name_accuracy": r(name_ok / name_n) if name_n else 0.0,
        "examples_wrong": misses,
    }


def _name_matches(ref: ActorRef, exp: dict[str, Any], resolver: Any) -> bool:
    want = {str(v).lower() for v in (exp.get("name"), exp.get("wikipedia")) if v}
    if ref.id is None and ref.affiliation is None:
        return False
    actor = resolver.kb.get(ref.id) if ref.id else None
    names = {str(ref.name or "").lower()}
    if actor is not None:
        names |= {a.lower() for a in actor.aliases}
        if actor.wikipedia:
            names.add(actor.wikipedia.lower())
    return bool(names & want)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def score_places(records: Sequence[GoldRecord], docs: dict[str, AnnotatedArticle], kb: Any) -> dict[str, Any]:
    from ..resolve.places import geocode

    n = ok50 = ok161 = c_ok = c_n = 0
    for rec in records:
        n += 1
        exp = rec.expect or {}
        doc = docs[rec.id]
        countries = []
        for m in doc.mentions:
            if m.kind == "actor":
                a = kb.get(m.keys[0])
                if a is not None and a.country and not (rec.mention and m.text in rec.mention):
                    countries.append(a.country)
        got = geocode(rec.mention or "", context_countries=countries)
        if got is not None and got.lat is not None and exp.get("lat") is not None:
            d = _km(got.lat, got.lon or 0.0, float(exp["lat"]), float(exp["lon"]))
            ok50 += d <= 50
            ok161 += d <= 161
        if exp.get("country"):
            c_n += 1
            c_ok += bool(got is not None and got.country == exp["country"])
    return {
        "n": n,
        "acc_50km": r(ok50 / n) if n else 0.0,
        "acc_161km": r(ok161 / n) if n else 0.0,
        "country_accuracy": r(c_ok / c_n) if c_n else 0.0,
    }


def score_factuality(records: Sequence[GoldRecord], docs: dict[str, AnnotatedArticle]) -> dict[str, Any]:
    gold: list[str] = []
    pred: list[str] = []
    for rec in records:
        doc = docs[rec.id]
        gold.append(str(rec.expect))
        pred.append(_factuality_at(doc, rec.trigger or ""))
    return {
        "n": len(gold),
        "accuracy": r(accuracy(gold, pred)),
        "macro_f1": r(macro_f1(gold, pred)),
        "per_class": {k: r(v) for k, v in per_class_f1(gold, pred).items()},
    }


def _factuality_at(doc: AnnotatedArticle, trigger: str) -> str:
    span = find_span(doc.article.text, trigger)
    if span is None:
        return "NONE"
    for s in doc.sentences:
        if s.start <= span[0] < s.end + 1:
            g = SentenceGraph(doc, s)
            toks = [k for k in range(g.lo, g.hi) if g.tok(k).start >= span[0] and g.tok(k).end <= span[1]]
            if not toks:
                return "NONE"
            # The trigger's head word: the token whose head lies outside the trigger.
            head = next((k for k in toks if g.tok(k).head not in toks), toks[0])
            content = [k for k in toks if g.tok(k).pos in ("VERB", "NOUN")]
            t = head if g.tok(head).pos in ("VERB", "NOUN") or not content else content[0]
            return factuality(g, t).value
    return "NONE"
