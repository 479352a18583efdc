"""Parquet: an events table and a mentions table, flat columns with declared types.

``events.parquet`` has one row per (canonical) event, ``mentions.parquet`` one row per report of
it, joined on ``mentions.event_id = events.id``. DuckDB, pandas and Arrow read them directly
(``SELECT * FROM 'events.parquet'``). ``events.record`` keeps the whole event record (without its
mentions) as JSON, so nothing is lost to the flattening.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..graph.evidence import event_date, kind_of
from .fields import articles, mentions, part

__all__ = ["EVENTS_FILE", "MENTIONS_FILE", "event_row", "mention_rows", "schemas", "write_parquet"]

EVENTS_FILE = "events.parquet"
MENTIONS_FILE = "mentions.parquet"
_BATCH = 2048


def _actor_fields(side: str) -> list[tuple[str, pa.DataType]]:
    return [
        (f"{side}_{k}", pa.string())
        for k in (
            "id",
            "name",
            "text",
            "country",
            "sector",
            "type",
            "code",
            "affiliation_id",
            "affiliation_role",
        )
    ]


def schemas() -> tuple[pa.Schema, pa.Schema]:
    """(events schema, mentions schema)."""
    events = pa.schema(
        [
            ("id", pa.string()),
            ("date", pa.string()),
            ("day", pa.date32()),
            ("date_precision", pa.string()),
            ("cameo", pa.string()),
            ("cameo_root", pa.string()),
            ("plover", pa.string()),
            ("quad", pa.int8()),
            ("goldstein", pa.float64()),
            ("relation", pa.string()),
            *_actor_fields("source"),
            *_actor_fields("target"),
            ("place_name", pa.string()),
            ("place_country", pa.string()),
            ("place_admin1", pa.string()),
            ("place_lat", pa.float64()),
            ("place_lon", pa.float64()),
            ("place_geonames_id", pa.int64()),
            ("factuality", pa.string()),
            ("confidence", pa.float64()),
            ("n_mentions", pa.int32()),
            ("n_sources", pa.int32()),
            ("n_articles", pa.int32()),
            ("trigger", pa.string()),
            ("sentence", pa.string()),
            ("url", pa.string()),
            ("record", pa.string()),
        ]
    )
    mention_schema = pa.schema(
        [
            ("event_id", pa.string()),
            ("id", pa.string()),
            ("article_id", pa.string()),
            ("url", pa.string()),
            ("title", pa.string()),
            ("published", pa.date32()),
            ("publisher", pa.string()),
            ("sentence_index", pa.int32()),
            ("sentence", pa.string()),
            ("trigger", pa.string()),
            ("date", pa.string()),
            ("factuality", pa.string()),
            ("confidence", pa.float64()),
        ]
    )
    return events, mention_schema


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _actor_cells(side: str, ref: Mapping[str, Any]) -> dict[str, Any]:
    aff = part(ref, "affiliation")
    cells = {f"{side}_{k}": ref.get(k) for k in ("id", "name", "text", "country", "sector", "type", "code")}
    cells[f"{side}_affiliation_id"] = aff.get("id")
    cells[f"{side}_affiliation_role"] = aff.get("role")
    return cells


def event_row(event: Mapping[str, Any]) -> dict[str, Any]:
    value, day = event_date(event)
    place = part(event, "place")
    arts = articles(event)
    return {
        "id": event.get("id"),
        "date": value,
        "day": _day(day),
        "date_precision": part(event, "date").get("precision"),
        "cameo": event.get("cameo"),
        "cameo_root": event.get("cameo_root"),
        "plover": event.get("plover"),
        "quad": event.get("quad"),
        "goldstein": event.get("goldstein"),
        "relation": kind_of(event),
        **_actor_cells("source", part(event, "source")),
        **_actor_cells("target", part(event, "target")),
        "place_name": place.get("name"),
        "place_country": place.get("country"),
        "place_admin1": place.get("admin1"),
        "place_lat": place.get("lat"),
        "place_lon": place.get("lon"),
        "place_geonames_id": place.get("geonames_id"),
        "factuality": event.get("factuality"),
        "confidence": event.get("confidence"),
        "n_mentions": event.get("n_mentions") or len(mentions(event)),
        "n_sources": event.get("n_sources") or len({a.get("publisher") or a.get("url") for a in arts}) or 1,
        "n_articles": len(arts) or 1,
        "trigger": part(event, "trigger").get("text"),
        "sentence": part(event, "sentence").get("text"),
        "url": next((a.get("url") for a in arts if a.get("url")), None),
        "record": json.dumps(
            {k: v for k, v in event.items() if k != "mentions"}, ensure_ascii=False, default=str
        ),
    }


def mention_rows(event: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for m in mentions(event):
        art, sentence = part(m, "article"), part(m, "sentence")
        rows.append(
            {
                "event_id": event.get("id"),
                "id": m.get("id"),
                "article_id": art.get("id"),
                "url": art.get("url"),
                "title": art.get("title"),
                "published": _day(art.get("published")),
                "publisher": art.get("publisher"),
                "sentence_index": sentence.get("index"),
                "sentence": sentence.get("text"),
                "trigger": part(m, "trigger").get("text"),
                "date": part(m, "date").get("value"),
                "factuality": m.get("factuality"),
                "confidence": m.get("confidence"),
            }
        )
    return rows


class _Table:
    """Rows buffered and written in row groups, so exports of any size run in bounded memory."""

    def __init__(self, path: Path, schema: Any) -> None:
        self.path, self.schema = path, schema
        self.rows: list[dict[str, Any]] = []
        self.writer = pq.ParquetWriter(str(path), schema)

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


def write_parquet(events: Iterable[Mapping[str, Any]], out_dir: Path) -> list[Path]:
    event_schema, mention_schema = schemas()
    tables = (_Table(out_dir / EVENTS_FILE, event_schema), _Table(out_dir / MENTIONS_FILE, mention_schema))
    try:
        for event in events:
            tables[0].add([event_row(event)])
            tables[1].add(mention_rows(event))
    finally:
        for t in tables:
            t.close()
    return [t.path for t in tables]
