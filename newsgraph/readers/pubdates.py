"""Publication dates as found in documents -> ISO YYYY-MM-DD, or None.

A date we cannot read is never a failure: the article is still worth coding, and the
pipeline falls back to the default date or leaves it unknown.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import math
import re
from typing import Any

# Date part as written, whatever time or zone follows: "2014-10-06", "2014-10-06T23:30:00-05:00".
# The publisher's local calendar date is the one the text's "on Monday" refers to, so no zone conversion.
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*|Z)?", re.IGNORECASE)
_SLASHED = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
# "06.10.2014" is day-first wherever dots are used (dateparser would read it month-first).
_DOTTED_DMY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")

# Longer strings are prose, not dates; dateparser would waste time guessing.
_MAX_LEN = 64

# Languages dateparser tries for a date written in words. Its default, all 200 locales,
# costs a second to load on the first unreadable date; these are the languages of most
# news with political events, and dates in metadata are rarely in words at all.
DATE_LANGUAGES = (
    "en",
    "fr",
    "es",
    "pt",
    "de",
    "it",
    "nl",
    "pl",
    "ro",
    "el",
    "ru",
    "uk",
    "tr",
    "ar",
    "he",
    "fa",
    "ur",
    "ps",
    "hi",
    "bn",
    "my",
    "th",
    "vi",
    "id",
    "ms",
    "zh",
    "ja",
    "ko",
    "sw",
    "am",
    "so",
    "ha",
)


def normalize_date(value: Any) -> str | None:
    """ISO date (YYYY-MM-DD) of a date-like value, or None when it is not one."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return _from_number(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > _MAX_LEN:
        return None
    for pattern in (_ISO, _SLASHED, _COMPACT):
        m = pattern.fullmatch(text)
        if m:
            return _ymd(int(m[1]), int(m[2]), int(m[3]))
    m = _DOTTED_DMY.fullmatch(text)
    if m:
        return _ymd(int(m[3]), int(m[2]), int(m[1]))
    if text.isdigit():
        return _from_number(int(text)) if len(text) >= 9 else None
    if sum(c.isdigit() for c in text) < 2:
        return None  # a day and a year take digits; prose would cost dateparser a second to refuse
    return _rfc2822(text) or _dateparser(text)


def _ymd(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_number(value: float) -> str | None:
    """20141006 as a date; larger numbers as Unix time in seconds or milliseconds."""
    if not math.isfinite(value):
        return None
    if 10_000_101 <= value <= 99_991_231 and float(value).is_integer():
        n = int(value)
        return _ymd(n // 10_000, n // 100 % 100, n % 100)
    seconds = value / 1000 if value >= 1e11 else value
    if not 1e8 <= seconds < 1e10:  # 1973 .. 2286: anything else is not a timestamp
        return None
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date().isoformat()


def _rfc2822(text: str) -> str | None:
    # "Mon, 06 Oct 2014 10:00:00 GMT": RSS feeds and HTTP headers.
    parts = email.utils.parsedate_tz(text)
    if parts is None or not re.search(r"\d{4}", text):
        return None
    return _ymd(parts[0], parts[1], parts[2])


def _dateparser(text: str) -> str | None:
    # Imported here: it is slow to load and most dates never get this far.
    import dateparser

    settings = {
        "PARSERS": ["custom-formats", "absolute-time"],  # no "yesterday": relative to what?
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        parsed = dateparser.parse(text, languages=list(DATE_LANGUAGES), settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; unreadable means unknown
        return None
    return parsed.date().isoformat() if parsed else None
