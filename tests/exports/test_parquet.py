"""Parquet: events and mentions tables that DuckDB reads directly."""

from __future__ import annotations

import json

import pytest

from newsgraph.exports import export

pytest.importorskip("pyarrow")
duckdb = pytest.importorskip("duckdb")


@pytest.fixture
def tables(tmp_path, events_path):
    paths = export("parquet", tmp_path, events=str(events_path))
    return {p.stem: p for p in paths}


def test_duckdb_reads_both_tables(tables, events):
    con = duckdb.connect()
    n_events = con.execute(f"SELECT count(*) FROM '{tables['events']}'").fetchone()[0]
    n_mentions = con.execute(f"SELECT count(*) FROM '{tables['mentions']}'").fetchone()[0]
    assert n_events == len(events)
    assert n_mentions == sum(len(e["mentions"]) for e in events)


def test_join_and_types(tables):
    con = duckdb.connect()
    row = con.execute(
        f"""SELECT e.id, e.day, e.quad, e.goldstein, e.n_sources, e.source_affiliation_id, count(m.id)
            FROM '{tables["events"]}' e JOIN '{tables["mentions"]}' m ON m.event_id = e.id
            WHERE e.relation = 'support' GROUP BY ALL"""
    ).fetchall()
    assert len(row) == 1
    eid, day, quad, goldstein, n_sources, group, n = row[0]
    assert eid == "ev-ttp-pledge" and str(day) == "2014-10-04"
    assert (quad, goldstein, n_sources, group, n) == (1, 3.4, 3, "ttp", 3)
    types = dict(
        con.execute(
            f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '{tables['events']}')"
        ).fetchall()
    )
    assert types["day"] == "DATE" and types["place_lat"] == "DOUBLE" and types["n_mentions"] == "INTEGER"


def test_record_column_keeps_the_whole_event(tables, events):
    con = duckdb.connect()
    (record,) = con.execute(f"SELECT record FROM '{tables['events']}' WHERE id = 'ev-aq-split'").fetchone()
    back = json.loads(record)
    original = next(e for e in events if e["id"] == "ev-aq-split")
    assert back == {k: v for k, v in original.items() if k != "mentions"}


def test_single_article_records_are_their_own_mention(tmp_path, events):
    bare = [{k: v for k, v in e.items() if k != "mentions"} for e in events]
    paths = {p.stem: p for p in export("parquet", tmp_path, events=bare)}
    con = duckdb.connect()
    assert con.execute(f"SELECT count(*) FROM '{paths['mentions']}'").fetchone()[0] == len(events)
