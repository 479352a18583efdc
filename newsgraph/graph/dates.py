"""Dates of the graph: ISO dates of any precision compared on their first day.

Event dates come as "2014-10-04", "2014-10" or "2014" (``date.precision``). A partial date counts
from its first day, so "2014" is on or before every day of 2014: a report dated only to a year
is taken as known from that year's start. One rule for since, until and as-of keeps intervals
consistent (the knowledge base's Role.holds_on is looser on ``until`` for its own lookups).
"""

from __future__ import annotations

import re

from ..errors import ConfigError

__all__ = ["day_key", "check_day"]

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def day_key(value: str | None) -> str | None:
    """The first day of an ISO date of any precision ("2014" -> "2014-01-01"); None if not a date."""
    if not value:
        return None
    m = _DATE_RE.match(str(value).strip())
    if not m:
        return None
    year, month, day = m.group(1), m.group(2) or "01", m.group(3) or "01"
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    return f"{year}-{month}-{day}"


def check_day(value: str, what: str = "as_of") -> str:
    """A full or partial ISO date given by a user, as its first day; ConfigError otherwise."""
    key = day_key(value)
    if key is None:
        raise ConfigError(f"{what}={value!r} is not a date: use YYYY-MM-DD (or YYYY-MM, YYYY)")
    return key
