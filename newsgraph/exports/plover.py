"""PLOVER JSON Lines: one event per line, with the field names of the PLOVER data model.

Field names follow the "Data Fields" chapter of the PLOVER manual (draft 0.7b1): ``id``,
``date``, ``actor`` and ``recipient`` (lists of entity objects: ``code``, ``sector``,
``entity_text``, ``identifier_id``, ``identifier_text``, ``office``), ``event``, ``mode``,
``context``, ``event_loc`` (the location object), ``event_text``, ``quad_code``,
``event_scale``, ``text``, ``text_info``, ``cite_info``, ``coder``. What PLOVER has no name
for goes under ``newsgraph`` (CAMEO code, factuality, confidence, sources). Older PLOVER drafts
called these event_type, source/target actor and agent, and location; docs/graph.md maps them.
Events without a PLOVER type (CAMEO roots 01 and 02, which PLOVER drops) are left out, and so
are negated and hypothetical ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .. import __version__
from ..graph.evidence import event_date, kind_of
from .fields import articles, happened, part, plover_mode, plover_quad

__all__ = ["FILE_NAME", "plover_record", "write_plover"]

FILE_NAME = "events.plover.jsonl"
CODEBOOK = "PLOVER event types and modes from CAMEO 1.1b3 codes via CAMEO2PLOVER-2021"

# Location resolution codes of the PLOVER location object: 4 city, 2 province, 1 country.
_RESOLUTION = {"city": 4, "admin1": 2, "country": 1}


def _entity(ref: Mapping[str, Any]) -> dict[str, Any]:
    aff = part(ref, "affiliation")
    return {
        # PLOVER's top-level entity code is the country; groups without one keep their CAMEO code.
        "code": ref.get("country") or (str(ref.get("code"))[:3] if ref.get("code") else None),
        "sector": ref.get("sector"),
        "entity_text": ref.get("text"),
        "identifier_id": ref.get("wikidata"),
        "identifier_text": ref.get("name"),
        "office": aff.get("role"),
        "newsgraph_id": ref.get("id"),
        "affiliation": {"id": aff.get("id"), "name": aff.get("name")} if aff else None,
    }


def _location(place: Mapping[str, Any]) -> dict[str, Any] | None:
    if not place:
        return None
    return {
        "extracted_place": place.get("text"),
        "resolved_place": place.get("name"),
        "geonameid": place.get("geonames_id"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "province": place.get("admin1"),
        "country_code": place.get("country"),
        "resolution": _RESOLUTION.get(str(place.get("feature"))),
    }


def plover_record(event: Mapping[str, Any]) -> dict[str, Any] | None:
    """The PLOVER record of one event record, None when the event has no PLOVER type or did not
    happen (negated, hypothetical: PLOVER has no field to say so)."""
    plover = event.get("plover")
    if not plover or not happened(event):
        return None
    value, day = event_date(event)
    sentence = part(event, "sentence")
    source, target = part(event, "source"), part(event, "target")
    arts = articles(event)
    first = arts[0] if arts else {}
    mode = plover_mode(event.get("cameo"))
    return {
        "id": event.get("id"),
        "date": day,  # PLOVER wants YYYY-MM-DD: a partial date is its first day (precision below)
        "actor": [_entity(source)] if source else [],
        "recipient": [_entity(target)] if target else [],
        "event": [plover],
        "mode": [mode] if mode else [],
        "context": [],
        "event_loc": _location(part(event, "place")),
        "event_text": [part(event, "trigger").get("text")] if part(event, "trigger").get("text") else [],
        "quad_code": plover_quad(plover),
        "event_scale": event.get("goldstein"),
        "text": sentence.get("text"),
        "text_info": {
            "sequence": sentence.get("index"),
            "start": sentence.get("start"),
            "end": sentence.get("end"),
        },
        "cite_info": {
            "url": first.get("url"),
            "title": first.get("title"),
            "publication": first.get("publisher"),
            "coder": f"newsgraph {__version__}",
            "codebook": CODEBOOK,
        },
        "coder": f"newsgraph {__version__}",
        "newsgraph": {
            "cameo": event.get("cameo"),
            "date": value,
            "date_precision": part(event, "date").get("precision"),
            "factuality": event.get("factuality"),
            "confidence": event.get("confidence"),
            "attribution": event.get("attribution") or [],
            "relation": kind_of(event),
            "n_mentions": event.get("n_mentions", len(arts) or 1),
            "n_sources": event.get("n_sources"),
            "urls": [a.get("url") for a in arts if a.get("url")],
        },
    }


def write_plover(events: Iterable[Mapping[str, Any]], out_dir: Path) -> list[Path]:
    path = out_dir / FILE_NAME
    with path.open("w", encoding="utf-8") as f:
        for event in events:
            record = plover_record(event)
            if record is not None:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return [path]
