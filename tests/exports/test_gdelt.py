"""GDELT 2.0 event TSV: the codebook's 61 columns, filled where newsgraph has the data."""

from __future__ import annotations

import pytest

from newsgraph.exports import export
from newsgraph.exports.gdelt import COLUMNS, gdelt_row, numeric_id


def _rows(path):
    return [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def test_columns_are_the_codebook_order():
    assert len(COLUMNS) == 61 and len(set(COLUMNS)) == 61
    assert COLUMNS[:5] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    assert COLUMNS[25:35] == (
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
        "NumMentions", "NumSources", "NumArticles", "AvgTone",
    )  # fmt: skip
    assert COLUMNS[51] == "ActionGeo_Type" and COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_every_row_has_61_tab_separated_cells(tmp_path, events_path):
    (path,) = export("gdelt-tsv", tmp_path, events=str(events_path))
    rows = _rows(path)
    assert rows and all(len(r) == 61 for r in rows)


def test_pledge_row_meaning(events):
    row = dict(zip(COLUMNS, gdelt_row(events[0]), strict=True))
    assert (row["Day"], row["MonthYear"], row["Year"]) == ("20141004", "201410", "2014")
    assert float(row["FractionDate"]) == pytest.approx(2014 + (10 * 30 + 4) / 365, abs=1e-4)
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("051", "051", "05")
    assert (row["QuadClass"], row["GoldsteinScale"]) == ("1", "3.4")
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("3", "3", "3")
    assert row["Actor1Name"] == "Maulana Fazlullah" and row["Actor1CountryCode"] == "PAK"
    assert row["Actor2Name"] == "Islamic State" and row["Actor2Type1Code"] == "REB"
    # Peshawar: a world city, FIPS country code PK, GeoNames feature id
    assert (row["ActionGeo_Type"], row["ActionGeo_CountryCode"], row["ActionGeo_FeatureID"]) == (
        "4",
        "PK",
        "1168197",
    )
    assert row["ActionGeo_FullName"] == "Peshawar, Khyber Pakhtunkhwa, Pakistan"
    assert float(row["ActionGeo_Lat"]) == pytest.approx(34.008)
    assert row["DATEADDED"] == "20141004000000"
    assert row["SOURCEURL"].startswith("https://www.bbc.com/")
    assert row["AvgTone"] == "" and row["Actor1Geo_Type"] == ""
    assert int(row["GlobalEventID"]) == numeric_id("ev-ttp-pledge")


def test_event_ids_are_stable_integers():
    assert numeric_id("ev-ttp-pledge") == numeric_id("ev-ttp-pledge") != numeric_id("ev-ttp-split")
    assert 0 <= numeric_id("x" * 100) < 2**63
    assert numeric_id("123") == 123


def test_negated_events_are_not_exported(tmp_path, events):
    (path,) = export("gdelt-tsv", tmp_path, events=events)
    ids = {r[0] for r in _rows(path)}
    assert str(numeric_id("ev-is-agreement")) not in ids  # "little evidence of an agreement"
    assert len(ids) == len(events) - 1


def test_single_article_record_without_store_fields(events):
    bare = {k: v for k, v in events[3].items() if k not in ("mentions", "n_mentions", "n_sources")}
    row = dict(zip(COLUMNS, gdelt_row(bare), strict=True))
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("1", "1", "1")


def test_cells_never_hold_tabs_or_newlines(events):
    odd = {**events[3], "source": {**events[3]["source"], "name": "Afghan\tgovernment\nspokesman"}}
    cells = gdelt_row(odd)
    assert len(cells) == 61 and not any("\t" in c or "\n" in c for c in cells)
