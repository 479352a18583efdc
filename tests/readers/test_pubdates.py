from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.readers.pubdates import normalize_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2014-10-06", "2014-10-06"),
        ("2014-10-06T23:30:00-05:00", "2014-10-06"),  # the publisher's own calendar day, not UTC's
        ("2014-10-06 08:00:00", "2014-10-06"),
        ("2014/10/06", "2014-10-06"),
        ("20141006", "2014-10-06"),
        ("06.10.2014", "2014-10-06"),  # dotted dates are day first
        ("October 6, 2014", "2014-10-06"),
        ("6 Oct 2014", "2014-10-06"),
        ("Mon, 06 Oct 2014 10:00:00 GMT", "2014-10-06"),  # RSS and HTTP
        ("le 6 octobre 2014", "2014-10-06"),
        (20141006, "2014-10-06"),
        (1412553600, "2014-10-06"),  # Unix seconds
        (1412553600000, "2014-10-06"),  # Unix milliseconds
        (dt.datetime(2014, 10, 6, 12), "2014-10-06"),
        (dt.date(2014, 10, 6), "2014-10-06"),
    ],
)
def test_dates_in_common_forms(value: object, expected: str) -> None:
    assert normalize_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "   ",
        "not a date",
        "yesterday",
        "Monday",
        "2014",
        "2014-10",
        "2014-13-45",
        "31.02.2014",
        True,
        1.5,
        float("nan"),
        float("inf"),
        [],
        {"date": "2014-10-06"},
        "x" * 500,
    ],
)
def test_what_is_not_a_day_is_none_never_an_error(value: object) -> None:
    assert normalize_date(value) is None
