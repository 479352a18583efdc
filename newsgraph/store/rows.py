"""Records to table rows and back: the one place that knows both shapes.

``event_row`` flattens an Event into the columns of ``events``; ``mention_record`` rebuilds the
contract record (what ``Event.to_dict()`` gives) from an events row joined with its article and
sentence, so a stored mention reads back exactly as the pipeline produced it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from ..records import ActorRef, Article, Event, PlaceRef
from .dates import date_range, iso_day


def content_hash(text: str) -> str:
    """What makes an article the same article: its cleaned text, byte for byte."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def group_of(ref: ActorRef | None) -> str | None:
    """The actor clustering compares: a person acting for a group counts as that group."""
    if ref is None:
        return None
    if ref.type == "person" and ref.affiliation is not None:
        return ref.affiliation.id
    return ref.id


def article_row(article: Article, now: datetime) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "published": iso_day(article.published, f"article {article.id}: published date"),
        "publisher": article.publisher,
        "origin": article.origin,
        "text": article.text,
        "content_hash": content_hash(article.text),
        "ingested_at": now,
    }


def sentence_rows(article_id: str, events: Iterable[Event]) -> list[dict[str, Any]]:
    """The sentences that hold events (the pipeline hands on no others)."""
    seen: dict[int, dict[str, Any]] = {}
    for e in events:
        s = e.sentence
        seen.setdefault(
            s.index,
            {"article_id": article_id, "index": s.index, "start": s.start, "end": s.end, "text": s.text},
        )
    return [seen[i] for i in sorted(seen)]


def actor_rows(events: Iterable[Event]) -> list[dict[str, Any]]:
    """Knowledge-base actors the events name, and the groups their people act for."""
    out: dict[str, dict[str, Any]] = {}
    for e in events:
        for ref in (e.source, e.target):
            if ref is None:
                continue
            if ref.id:
                row = {
                    "id": ref.id,
                    "name": ref.name,
                    "type": ref.type,
                    "country": ref.country,
                    "sector": ref.sector,
                    "wikidata": ref.wikidata,
                }
                out[ref.id] = _fill(out.get(ref.id), row)
            aff = ref.affiliation
            if aff is not None and aff.id:
                row = {
                    "id": aff.id,
                    "name": aff.name,
                    "type": None,
                    "country": None,
                    "sector": None,
                    "wikidata": None,
                }
                out[aff.id] = _fill(out.get(aff.id), row)
    return [out[k] for k in sorted(out)]


def _fill(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    if old is None:
        return new
    return {k: old[k] if old[k] is not None else new[k] for k in old}


def place_key(p: PlaceRef) -> str | None:
    if p.geonames_id is not None:
        return f"gn:{p.geonames_id}"
    if not p.name:
        return None  # a place the gazetteer did not find: only its text, nothing to share
    return "nm:" + "|".join(((p.country or "").upper(), (p.admin1 or "").casefold(), p.name.casefold()))


def place_rows(events: Iterable[Event]) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for e in events:
        p = e.place
        key = place_key(p) if p is not None else None
        if p is None or key is None or key in out:
            continue
        out[key] = {
            "id": key,
            "name": p.name,
            "country": p.country,
            "admin1": p.admin1,
            "lat": p.lat,
            "lon": p.lon,
            "geonames_id": p.geonames_id,
            "feature": p.feature,
        }
    return [out[k] for k in sorted(out)]


def _actor_cols(role: str, ref: ActorRef | None) -> dict[str, Any]:
    if ref is None:
        return {f"{role}_{k}": None for k in _ACTOR_KEYS}
    aff = ref.affiliation
    return {
        f"{role}_id": ref.id,
        f"{role}_name": ref.name,
        f"{role}_text": ref.text,
        f"{role}_start": ref.start,
        f"{role}_end": ref.end,
        f"{role}_country": ref.country,
        f"{role}_sector": ref.sector,
        f"{role}_type": ref.type,
        f"{role}_wikidata": ref.wikidata,
        f"{role}_code": ref.code,
        f"{role}_affiliation": aff.id if aff else None,
        f"{role}_affiliation_name": aff.name if aff else None,
        f"{role}_affiliation_role": aff.role if aff else None,
        f"{role}_resolved_by": ref.resolved_by,
        f"{role}_group": group_of(ref),
    }


_ACTOR_KEYS = (
    "id name text start end country sector type wikidata code affiliation affiliation_name "
    "affiliation_role resolved_by group"
).split()


def event_row(e: Event, canonical_id: str | None = None) -> dict[str, Any]:
    d, p, cue, q = e.date, e.place, e.factuality_cue, e.quote
    rng = date_range(d.value, d.precision) if d else None
    return {
        "id": e.id,
        "article_id": e.article.id,
        "canonical_id": canonical_id,
        "sentence_index": e.sentence.index,
        "sentence_start": e.sentence.start,
        "sentence_end": e.sentence.end,
        **_actor_cols("source", e.source),
        **_actor_cols("target", e.target),
        "cameo": e.cameo,
        "cameo_root": e.cameo_root or e.cameo[:2],
        "plover": e.plover,
        "quad": e.quad,
        "goldstein": e.goldstein,
        "trigger_text": e.trigger.text,
        "trigger_start": e.trigger.start,
        "trigger_end": e.trigger.end,
        "date_value": d.value if d else None,
        "date_precision": d.precision if d else None,
        "date_text": d.text if d else None,
        "date_start": d.start if d else None,
        "date_end": d.end if d else None,
        "date_lo": rng[0] if rng else None,
        "date_hi": rng[1] if rng else None,
        "place_id": place_key(p) if p else None,
        "place_name": p.name if p else None,
        "place_country": p.country if p else None,
        "place_admin1": p.admin1 if p else None,
        "place_lat": p.lat if p else None,
        "place_lon": p.lon if p else None,
        "place_geonames_id": p.geonames_id if p else None,
        "place_feature": p.feature if p else None,
        "place_text": p.text if p else None,
        "place_start": p.start if p else None,
        "place_end": p.end if p else None,
        "factuality": e.factuality,
        "factuality_cue_text": cue.text if cue else None,
        "factuality_cue_start": cue.start if cue else None,
        "factuality_cue_end": cue.end if cue else None,
        "attribution": [a.to_dict() for a in e.attribution],
        "quote_text": q.text if q else None,
        "quote_start": q.start if q else None,
        "quote_end": q.end if q else None,
        "confidence": e.confidence,
        "rule": e.rule,
        "context_from": e.context_from,
    }


# -- back to records ----------------------------------------------------------------------------
def _iso(v: date | str | None) -> str | None:
    return v.isoformat() if isinstance(v, date) else v


def _actor_record(role: str, r: Mapping[Any, Any]) -> dict[str, Any] | None:
    if r[f"{role}_text"] is None:
        return None
    aff_id = r[f"{role}_affiliation"]
    return {
        "id": r[f"{role}_id"],
        "name": r[f"{role}_name"],
        "text": r[f"{role}_text"],
        "start": r[f"{role}_start"],
        "end": r[f"{role}_end"],
        "country": r[f"{role}_country"],
        "sector": r[f"{role}_sector"],
        "type": r[f"{role}_type"],
        "wikidata": r[f"{role}_wikidata"],
        "code": r[f"{role}_code"],
        "affiliation": (
            {"id": aff_id, "name": r[f"{role}_affiliation_name"], "role": r[f"{role}_affiliation_role"]}
            if aff_id is not None
            else None
        ),
        "resolved_by": r[f"{role}_resolved_by"],
    }


def _span(r: Mapping[Any, Any], prefix: str) -> dict[str, Any] | None:
    if r[f"{prefix}_text"] is None:
        return None
    return {"text": r[f"{prefix}_text"], "start": r[f"{prefix}_start"], "end": r[f"{prefix}_end"]}


def mention_record(r: Mapping[Any, Any]) -> dict[str, Any]:
    """The contract event record of one stored mention. ``r`` holds the events columns plus
    ``article_title``, ``article_url``, ``article_published``, ``article_publisher`` and
    ``sentence_text``."""
    return {
        "id": r["id"],
        "article": {
            "id": r["article_id"],
            "title": r["article_title"],
            "url": r["article_url"],
            "published": _iso(r["article_published"]),
            "publisher": r["article_publisher"],
        },
        "sentence": {
            "index": r["sentence_index"],
            "start": r["sentence_start"],
            "end": r["sentence_end"],
            "text": r["sentence_text"],
        },
        "source": _actor_record("source", r),
        "target": _actor_record("target", r),
        "cameo": r["cameo"],
        "cameo_root": r["cameo_root"],
        "plover": r["plover"],
        "quad": r["quad"],
        "goldstein": r["goldstein"],
        "trigger": {"text": r["trigger_text"], "start": r["trigger_start"], "end": r["trigger_end"]},
        "date": (
            {
                "value": r["date_value"],
                "precision": r["date_precision"],
                "text": r["date_text"],
                "start": r["date_start"],
                "end": r["date_end"],
            }
            if r["date_precision"] is not None
            else None
        ),
        "place": (
            {
                "name": r["place_name"],
                "country": r["place_country"],
                "admin1": r["place_admin1"],
                "lat": r["place_lat"],
                "lon": r["place_lon"],
                "geonames_id": r["place_geonames_id"],
                "feature": r["place_feature"],
                "text": r["place_text"],
                "start": r["place_start"],
                "end": r["place_end"],
            }
            if r["place_text"] is not None
            else None
        ),
        "factuality": r["factuality"],
        "factuality_cue": _span(r, "factuality_cue"),
        "attribution": list(r["attribution"] or []),
        "quote": _span(r, "quote"),
        "confidence": round(float(r["confidence"]), 3),
        "rule": r["rule"],
        "context_from": r["context_from"],
    }


__all__ = [
    "actor_rows",
    "article_row",
    "content_hash",
    "event_row",
    "group_of",
    "mention_record",
    "place_rows",
    "sentence_rows",
]
