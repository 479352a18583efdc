"""Event dates as day ranges: what a date of a given precision can mean.

"2014-10" with precision ``month`` means any day from 2014-10-01 to 2014-10-31; storing that
range (``date_lo``, ``date_hi``) lets SQL and the clustering rules compare dates of different
precisions without special cases.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from ..errors import StoreError

_PRECISIONS = ("day", "month", "year")
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def date_range(value: str | None, precision: str | None) -> tuple[date, date] | None:
    """The first and last day ``value`` can mean, or None when it is missing or unreadable.

    The coarser of the value's own form and ``precision`` wins: "2014-10-04" with precision
    "month" means all of October 2014."""
    if not value:
        return None
    m = _ISO.match(value.strip()[:10])
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    prec = precision if precision in _PRECISIONS else "day"
    try:
        if mo is None or prec == "year":
            return date(y, 1, 1), date(y, 12, 31)
        month = int(mo)
        if d is None or prec == "month":
            return date(y, month, 1), date(y, month, calendar.monthrange(y, month)[1])
        day = date(y, month, int(d))
        return day, day
    except ValueError:  # month 13, February 30: treat as no date rather than fail the article
        return None


def day_gap(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two ranges; 0 when they overlap."""
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def parse_bound(text: str | date | None, *, end: bool, name: str = "date") -> date | None:
    """A ``since``/``until`` filter value: "2014", "2014-10" or "2014-10-04". A partial date
    stands for its first day as a start and its last day as an end."""
    if text is None or text == "":
        return None
    if isinstance(text, date):
        return text
    rng = date_range(text, "day")
    if rng is None:
        raise StoreError(f"{name} {text!r} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY.")
    return rng[1] if end else rng[0]


def iso_day(text: str | None, what: str) -> date | None:
    """An article's publication date (YYYY-MM-DD, as the readers write it) as a date."""
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"{what} {text!r} is not an ISO date (YYYY-MM-DD)") from None
