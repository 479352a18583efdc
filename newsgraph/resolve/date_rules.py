"""Word tables and regex pieces for the date resolver (``dates.py``).

Data only: the finder and the resolver build their patterns from these tables, so a word added
here (a month abbreviation, a number word) is known to both at once.
"""

from __future__ import annotations

from collections.abc import Iterable

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

# Full names only: "Sun" and "Sat" are also words (and a newspaper).
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip

# Counts in "two days ago"; "a few" and "several" are left out on purpose: they are vague.
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "a couple of": 2, "a couple": 2,
}  # fmt: skip

# Northern-hemisphere meteorological seasons: name -> months. Winter spans the new year; its
# year is the one holding January.
SEASONS: dict[str, tuple[int, ...]] = {
    "spring": (3, 4, 5),
    "summer": (6, 7, 8),
    "autumn": (9, 10, 11),
    "fall": (9, 10, 11),
    "winter": (12, 1, 2),
}

# Fixed-date holidays: name -> (month, day). Movable feasts (Easter, Eid) need a calendar.
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "new year": (1, 1),
}

# Words that may open a date expression without changing the date it names
# ("since October 7, 2001" names 2001-10-07). Longest first so "as of" wins over "as".
LEADING_WORDS: tuple[str, ...] = (
    "as early as", "as late as", "no later than", "not until", "up until", "sometime in",
    "beginning in", "starting in", "as of", "throughout", "through", "during", "before",
    "after", "around", "since", "until", "till", "from", "over", "about", "circa", "for",
    "on", "in", "at", "by",
)  # fmt: skip

# Modifiers inside a period ("early this year", "mid-2013"): the value keeps the period's
# precision, so they change nothing but must be recognised and skipped.
MODIFIERS: tuple[str, ...] = (
    "the beginning of", "the start of", "the middle of", "the end of", "beginning of",
    "start of", "middle of", "end of", "earlier", "later", "early", "late",
)  # fmt: skip

# Openers of repetitions and spans, which name no single date ("every Monday", "within a
# month"). "for" is not one: "set for Sunday" is a date, and "for three years" fails anyway
# as a bare count.
NOT_A_DATE_OPENERS: tuple[str, ...] = ("every", "each", "per", "within", "all")

TIMES_OF_DAY: tuple[str, ...] = ("morning", "afternoon", "evening", "night")

# Relative words resolved to a day offset from the publication date.
DAY_OFFSETS: dict[str, int] = {
    "today": 0, "tonight": 0, "earlier today": 0, "later today": 0,
    "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1,
    "yesterday morning": -1, "yesterday afternoon": -1, "yesterday evening": -1,
    "tomorrow": 1, "tomorrow morning": 1, "tomorrow afternoon": 1, "tomorrow evening": 1,
    "tomorrow night": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}  # fmt: skip


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so a prefix never shadows a word."""
    items = sorted(words, key=len, reverse=True)
    return "|".join(w.replace(" ", r"\s+").replace(".", r"\.").replace("'", "['\u2019]") for w in items)


MONTH_RE = alternation(MONTHS)
WEEKDAY_RE = alternation(WEEKDAYS)
NUMBER_RE = alternation(NUMBER_WORDS)
SEASON_RE = alternation(SEASONS)
HOLIDAY_RE = alternation(HOLIDAYS)
TIME_OF_DAY_RE = alternation(TIMES_OF_DAY)
DAY_OFFSET_RE = alternation(DAY_OFFSETS)
LEADING_RE = alternation(LEADING_WORDS)
MODIFIER_RE = alternation(MODIFIERS)

# The finder takes a bare year ("in 2007") only after these, not after "about", "around",
# "over" or "at", where a four-digit number is more often a count or a clock time.
YEAR_LEADS: frozenset[str] = frozenset(
    {"as early as", "as late as", "no later than", "not until", "up until", "sometime in",
     "beginning in", "starting in", "as of", "throughout", "through", "during", "before",
     "after", "since", "until", "till", "from", "in", "by"}
)  # fmt: skip

# Month names that may stand alone as a date ("in March"); abbreviations need a day or year.
FULL_MONTHS: frozenset[str] = frozenset(m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july"))

# ---------------------------------------------------------------- resolver patterns
# (handler name, pattern), tried in order against the whole expression once its leading
# prepositions and modifiers are gone; the first that matches decides. Case-insensitive.

_MON = rf"(?P<mon>{MONTH_RE})\.?"
_WD_OPT = rf"(?:(?P<wd>{WEEKDAY_RE}),?\s+)?"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s*-\s*\d{1,2}(?:st|nd|rd|th)?)?"  # "October 4-5": the 4th
_YEAR_OPT = r"(?:,?\s+(?P<y>\d{4}))?"
_N = rf"(?P<n>\d{{1,3}}|{NUMBER_RE})"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
_REL = r"(?P<rel>last|next|this\s+past|this|past)"
_YREL = r"(?:\s+(?P<yrel>last|this|next)\s+year)?"  # "March last year"

RESOLVE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"(?P<y>\d{4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?(?:[t ]\d{1,2}:\d{2}\S*)?"),
    ("iso", r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})"),
    ("numeric", r"(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"),
    ("month_day", rf"{_WD_OPT}{_MON}\s+{_DAY}{_YEAR_OPT}"),
    ("month_day", rf"{_WD_OPT}(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MON}{_YEAR_OPT}"),
    ("month_year", rf"{_MON},?\s+(?:of\s+)?(?P<y>\d{{4}})"),
    ("month_rel", rf"(?:(?P<rel>last|next|this\s+past|this)\s+)?{_MON}{_YREL}"),
    ("holiday", rf"(?P<hol>{HOLIDAY_RE}){_YEAR_OPT}"),
    ("season_rel", rf"(?P<rel>last|next|this\s+past|this)\s+(?P<season>{SEASON_RE})"),
    ("season_of_year", rf"(?:the\s+)?(?P<season>{SEASON_RE})(?:\s+of)?\s+(?P<y>\d{{4}})"),
    ("decade", r"(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:(?P<cent>\d\d)|['\u2019])?(?P<dec>\d)0s"),
    ("plain_year", r"(?:the\s+year\s+)?(?P<y>\d{4})"),
    ("weekday", rf"(?:{_REL}\s+)?(?P<wd>{WEEKDAY_RE})(?:\s+(?:{TIME_OF_DAY_RE}))?"),
    ("day_offset", rf"(?P<off>{DAY_OFFSET_RE})"),
    ("ago", rf"{_N}\s+{_UNIT}\s+(?P<dir>ago|from\s+now|hence)"),
    ("count", rf"{_N}\s+{_UNIT}(?:['\u2019]?\s+time)?"),
    ("unit_rel", r"(?P<rel>last|next|this\s+past|this|past|the)\s+(?P<unit>weekend|week|month|year)"),
)  # fmt: skip

# ---------------------------------------------------------------- finder pattern
# Stricter than the resolver, as it scans running text: a bare month name or year needs a
# preposition or modifier before it ("in March", "since 2001"; checked by the finder through
# the named groups bmonth, bhol, theunit and byear), and month names must be capitalised, so
# "Mr. August", "they march", "May God" and "2,000 troops" are left alone. Case-insensitive
# and verbose; (?-i:...) marks the case-sensitive parts.

_CAP_MONTH = "|".join(sorted({w.capitalize() for w in MONTHS}, key=len, reverse=True))
_CAP_FULL_MONTH = "|".join(sorted({w.capitalize() for w in FULL_MONTHS}, key=len, reverse=True))
_FMON = rf"(?-i:{_CAP_MONTH})\.?"
_FDAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:\s*-\s*\d{1,2}(?:st|nd|rd|th)?)?(?![\d,.]\d|\w)"
_FYEAR = r"(?:1\d{3}|20\d\d)(?![\d,.]\d|\s*%|\s*per\s*cent|\s*-\s*\d|\w)"
_FREL = r"(?:last|next|this\s+past|this)"

FINDER_PATTERN = rf"""(?<![\w-])
    (?P<lead>(?:(?:{LEADING_RE})\s+){{0,2}})
    (?P<mod>(?:(?:{MODIFIER_RE})\s+|mid(?:-|\s+))?)
    (?P<core>
        (?:(?:{WEEKDAY_RE}),?\s+)?
          (?:{_FMON}\s+{_FDAY}(?:,?\s+{_FYEAR})?|(?:the\s+)?{_FDAY}(?:\s+of)?\s+{_FMON}(?:,?\s+{_FYEAR})?)
      | \d{{4}}-\d\d-\d\d(?!\d) | \d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d\d)(?!\d)
      | {_FMON},?\s+(?:of\s+)?{_FYEAR}
      | {_FREL}\s+{_FMON}(?:\s+(?:last|this|next)\s+year)? | {_FMON}\s+(?:last|this|next)\s+year
      | (?P<bmonth>(?-i:{_CAP_FULL_MONTH}))
      | (?-i:(?:Christmas|New\s+Year['\u2019]s)(?:\s+Day|\s+Eve))(?:,?\s+{_FYEAR})?
      | (?P<bhol>(?-i:Christmas))
      | {_FREL}\s+(?:{SEASON_RE}) | (?:the\s+)?(?:{SEASON_RE})(?:\s+of)?\s+{_FYEAR}
      | (?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:1\d\d0s|20\d0s|['\u2019]\d0s)
      | the\s+(?:(?:early|late|mid)[\s-]+)?\d0s
      | (?:{_FREL}\s+)?(?:{WEEKDAY_RE})(?:\s+(?:{TIME_OF_DAY_RE}))?
      | {DAY_OFFSET_RE}
      | (?:\d{{1,3}}|{NUMBER_RE})\s+(?:day|week|month|year|decade)s?\s+(?:ago|from\s+now)
      | {_FREL}\s+(?:weekend|week|month|year) | the\s+weekend
      | (?P<theunit>the\s+(?:year|month|week))
      | (?P<byear>{_FYEAR})
    )(?!\w)"""
