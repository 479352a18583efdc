"""Dates as day ranges: what a date of a given precision can mean."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.errors import StoreError
from newsgraph.store.dates import date_range, day_gap, parse_bound


@pytest.mark.parametrize(
    ("value", "precision", "lo", "hi"),
    [
        ("2014-10-04", "day", date(2014, 10, 4), date(2014, 10, 4)),
        ("2014-10", "month", date(2014, 10, 1), date(2014, 10, 31)),
        ("2016-02", "month", date(2016, 2, 1), date(2016, 2, 29)),
        ("2014", "year", date(2014, 1, 1), date(2014, 12, 31)),
        ("2014-10-04", "month", date(2014, 10, 1), date(2014, 10, 31)),  # the coarser one wins
        ("2014-10", "day", date(2014, 10, 1), date(2014, 10, 31)),
    ],
)
def test_ranges(value, precision, lo, hi):
    assert date_range(value, precision) == (lo, hi)


@pytest.mark.parametrize("value", [None, "", "soon", "2014-13", "2014-02-30"])
def test_no_range_for_what_is_not_a_date(value):
    assert date_range(value, "day") is None


def test_gaps():
    oct4 = (date(2014, 10, 4), date(2014, 10, 4))
    assert day_gap(oct4, oct4) == 0
    assert day_gap(oct4, (date(2014, 10, 7), date(2014, 10, 7))) == 3
    assert day_gap((date(2014, 10, 1), date(2014, 10, 31)), oct4) == 0
    assert day_gap((date(2014, 11, 2), date(2014, 11, 30)), oct4) == 29


def test_filter_bounds():
    assert parse_bound("2014-10", end=False) == date(2014, 10, 1)
    assert parse_bound("2014-10", end=True) == date(2014, 10, 31)
    assert parse_bound("2014", end=True) == date(2014, 12, 31)
    assert parse_bound(None, end=True) is None
    with pytest.raises(StoreError, match="YYYY-MM-DD"):
        parse_bound("yesterday", end=False, name="since")
