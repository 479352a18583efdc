"""Date expressions: find them in a sentence and resolve them against the publication date.

``resolve_date("On October 4", "2014-10-06")`` gives ``DateRef("2014-10-04", "day")``. Our own
regex rules handle the common news forms first (fast, and they know the conventions below);
dateparser is the fallback for the rarer absolute forms ("Sat 4 Oct", "4-Oct-2014 10:32 GMT").

Conventions, since the output contract has only the precisions day, month and year:

* ``tense`` is "past", "future" or None (unknown); a missing year is filled in by it.
  A day without a year ("December 28"): past picks the latest such date not after the
  publication date, future the earliest not before it, None the closest, ties going to the
  past (in an article of 2015-01-03 it is 2014-12-28; of 2014-10-06 with tense None,
  2014-12-28 too, as announced dates are common: "elections on December 28"). A named
  weekday overrides the tense: "Saturday, October 4" takes a year where October 4 is one.
* A month without a year ("in March"): future picks the first not before the publication
  month, past and None the last not after it, since news mostly reports what has happened.
* Weekdays: past means strictly before the publication date, future strictly after, and None
  on or before it ("on Monday" in an article published on a Monday is that day).
  "last Monday" is always before, "next Monday" always after.
* Weeks have no precision of their own: "last week" is the publication date minus 7 days,
  "next week" plus 7, "this week" the publication date (day precision; up to 6 days off).
  A weekend is its Saturday.
* Decades resolve to their first year at year precision ("the 1990s" -> "1990"); seasons
  (northern hemisphere) to a year, winter to the year holding its January.
* Modifiers inside a period ("early", "late", "mid-", "the end of", "earlier") keep the
  period's value and precision: "late last year" is last year, "mid-2013" is 2013.
* Durations, repetitions and vague words give None: "three years", "for years", "every day",
  "recently", "the past week", "two days later" (relative to the story, not the article).
  "in two weeks" counts from the publication date only when the tense is future.
* Without a publication date only expressions that carry their year resolve.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.records import DateRef
from newsgraph.resolve import date_rules as R

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

__all__ = ["TENSES", "find_date_expressions", "resolve_date"]

TENSES: tuple[str | None, ...] = ("past", "future", None)

Value = tuple[str, str]  # (ISO value, precision)

_I = re.IGNORECASE


@dataclass(frozen=True)
class _Ctx:
    anchor: dt.date | None
    tense: str | None
    modified: bool  # a period modifier ("the end of", "early") was stripped
    leads: tuple[str, ...]  # the leading words stripped ("in", "since"), lower case


# ---------------------------------------------------------------- small date arithmetic


def _day(d: dt.date) -> Value:
    return d.isoformat(), "day"


def _month(y: int, m: int) -> Value | None:
    return (f"{y:04d}-{m:02d}", "month") if 1 <= y <= 9999 else None


def _year(y: int) -> Value | None:
    return (f"{y:04d}", "year") if 1 <= y <= 9999 else None


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _pick(cands: list[dt.date], anchor: dt.date, tense: str | None) -> dt.date | None:
    """Chooses among the same day in several years by the tense convention (module doc)."""
    if tense == "past":
        return max((d for d in cands if d <= anchor), default=None)
    if tense == "future":
        return min((d for d in cands if d >= anchor), default=None)
    return min(cands, key=lambda d: (abs((d - anchor).days), d > anchor), default=None)


def _day_without_year(month: int, day: int, c: _Ctx, weekday: int | None = None) -> Value | None:
    if c.anchor is None:
        return None
    # +-4 years so that February 29 always has candidates.
    cands = [d for y in range(c.anchor.year - 4, c.anchor.year + 5) if (d := _safe_date(y, month, day))]
    fits = [d for d in cands if d.weekday() == weekday]
    if fits:  # "Saturday, October 4": the weekday tells the year, whatever the tense says
        picked = _pick(fits, c.anchor, None)
    else:
        picked = _pick(cands, c.anchor, c.tense)
    return _day(picked) if picked else None


def _month_without_year(month: int, c: _Ctx) -> Value | None:
    if c.anchor is None:
        return None
    a = c.anchor.year * 12 + c.anchor.month - 1  # months since year 0, so k // 12 is the year
    cands = [y * 12 + month - 1 for y in (c.anchor.year - 1, c.anchor.year, c.anchor.year + 1)]
    if c.tense == "future":
        k = min(k for k in cands if k >= a)
    else:
        k = max(k for k in cands if k <= a)
    return _month(k // 12, month)


def _weekday(target: int, c: _Ctx, rel: str | None) -> Value | None:
    if c.anchor is None:
        return None
    back = (c.anchor.weekday() - target) % 7  # days back to the target on or before the anchor
    ahead = (target - c.anchor.weekday()) % 7
    if rel in ("last", "past", "this past") or (rel in (None, "this") and c.tense == "past"):
        return _day(c.anchor - dt.timedelta(days=back or 7))
    if rel == "next" or c.tense == "future":
        return _day(c.anchor + dt.timedelta(days=ahead or 7))
    return _day(c.anchor - dt.timedelta(days=back))


def _weekend(rel: str, c: _Ctx) -> Value | None:
    if c.anchor is None:
        return None
    wd = c.anchor.weekday()
    sat = c.anchor - dt.timedelta(days=(wd - 5) % 7)  # the Saturday on or before the anchor
    in_weekend = wd >= 5
    if rel in ("last", "past", "this past"):
        return _day(sat - dt.timedelta(days=7) if in_weekend else sat)
    if rel == "next":
        return _day(sat + dt.timedelta(days=7))
    if in_weekend or c.tense != "future":  # "this weekend", "over the weekend"
        return _day(sat)
    return _day(sat + dt.timedelta(days=7))


def _season_year(season: str, rel: str, c: _Ctx) -> Value | None:
    if c.anchor is None:
        return None
    months = R.SEASONS[season]

    def span(y: int) -> tuple[dt.date, dt.date]:  # the season labelled with year y
        first = dt.date(y - 1, 12, 1) if months[0] == 12 else dt.date(y, months[0], 1)
        ey, em = _add_months(y, months[-1], 1)
        return first, dt.date(ey, em, 1) - dt.timedelta(days=1)

    years = range(c.anchor.year - 1, c.anchor.year + 3)
    past = max(y for y in years if span(y)[1] < c.anchor)
    coming = min(y for y in years if span(y)[0] > c.anchor)
    current = next((y for y in years if span(y)[0] <= c.anchor <= span(y)[1]), None)
    if rel in ("last", "this past"):
        return _year(past)
    if rel == "next":
        return _year(coming)
    if current is not None:
        return _year(current)
    return _year(coming if c.tense == "future" else past)


# ---------------------------------------------------------------- rules: regex -> handler


def _num(word: str) -> int:
    w = " ".join(word.lower().split())
    return int(w) if w.isdigit() else R.NUMBER_WORDS[w]


def _mon(word: str) -> int:
    return R.MONTHS[word.lower().rstrip(".")]


def _wd(word: str | None) -> int | None:
    return R.WEEKDAYS[word.lower()] if word else None


def _iso(m: re.Match[str], c: _Ctx) -> Value | None:
    y, mo = int(m["y"]), int(m["m"])
    if not 1 <= mo <= 12:
        return None
    if m["d"] is None:
        return _month(y, mo)
    d = _safe_date(y, mo, int(m["d"]))
    return _day(d) if d else None


def _numeric(m: re.Match[str], c: _Ctx) -> Value | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if len(m["y"]) == 2:
        y += 2000 if y < 50 else 1900
    # Slashes are read month/day/year as in US copy (dateparser's default too), dots
    # day.month.year as in European copy; either flips when the first reading is impossible.
    month, day = (a, b) if m["sep"] == "/" else (b, a)
    if month > 12:
        month, day = day, month
    d = _safe_date(y, month, day)
    return _day(d) if d else None


def _month_day(m: re.Match[str], c: _Ctx) -> Value | None:
    month, day = _mon(m["mon"]), int(m["d"])
    if m["y"]:
        d = _safe_date(int(m["y"]), month, day)
        return _day(d) if d else None
    if not 1 <= day <= 31:
        return None
    return _day_without_year(month, day, c, _wd(m["wd"]))


def _month_year(m: re.Match[str], c: _Ctx) -> Value | None:
    return _month(int(m["y"]), _mon(m["mon"]))


def _month_rel(m: re.Match[str], c: _Ctx) -> Value | None:
    word, rel, yrel = m["mon"], (m["rel"] or "").lower(), (m["yrel"] or "").lower()
    # A bare lower-case "may" or "march" is the modal or the verb; "Oct" alone is too terse.
    if not rel and not yrel and (word[0].islower() or word.lower() not in R.FULL_MONTHS):
        return None
    month = _mon(word)
    if c.anchor is None:
        return None
    ay, am = c.anchor.year, c.anchor.month
    if yrel:
        return _month(ay + {"last": -1, "this": 0, "next": 1}[yrel], month)
    if rel == "this":
        return _month(ay, month)
    if rel in ("last", "this past"):
        return _month(ay if month < am else ay - 1, month)
    if rel == "next":
        return _month(ay if month > am else ay + 1, month)
    return _month_without_year(month, c)


def _holiday(m: re.Match[str], c: _Ctx) -> Value | None:
    month, day = R.HOLIDAYS[" ".join(m["hol"].lower().replace("\u2019", "'").split())]
    if m["y"]:
        d = _safe_date(int(m["y"]), month, day)
        return _day(d) if d else None
    return _day_without_year(month, day, c)


def _season_rel(m: re.Match[str], c: _Ctx) -> Value | None:
    return _season_year(m["season"].lower(), " ".join(m["rel"].lower().split()), c)


def _season_of_year(m: re.Match[str], c: _Ctx) -> Value | None:
    return _year(int(m["y"]))


def _decade(m: re.Match[str], c: _Ctx) -> Value | None:
    tens = int(m["dec"]) * 10
    if m["cent"]:
        return _year(int(m["cent"]) * 100 + tens)
    latest = c.anchor.year if c.anchor else 2029  # "'20s" is the 1920s until the 2020s begin
    return _year(2000 + tens if 2000 + tens <= latest else 1900 + tens)


def _plain_year(m: re.Match[str], c: _Ctx) -> Value | None:
    y = int(m["y"])
    return _year(y) if 1000 <= y <= 2199 else None


def _weekday_rule(m: re.Match[str], c: _Ctx) -> Value | None:
    rel = " ".join(m["rel"].lower().split()) if m["rel"] else None
    return _weekday(R.WEEKDAYS[m["wd"].lower()], c, rel)


def _day_offset(m: re.Match[str], c: _Ctx) -> Value | None:
    if c.anchor is None:
        return None
    off = R.DAY_OFFSETS[" ".join(m["off"].lower().split())]
    return _day(c.anchor + dt.timedelta(days=off))


def _shift(n: int, unit: str, c: _Ctx) -> Value | None:
    """The anchor moved by n units (n < 0: back), at the precision of the unit."""
    if c.anchor is None:
        return None
    a = c.anchor
    try:
        if unit in ("day", "week"):
            return _day(a + dt.timedelta(days=n * (7 if unit == "week" else 1)))
    except OverflowError:
        return None
    if unit == "month":
        return _month(*_add_months(a.year, a.month, n))
    return _year(a.year + n * (10 if unit == "decade" else 1))


def _ago(m: re.Match[str], c: _Ctx) -> Value | None:
    n = _num(m["n"])
    return _shift(-n if m["dir"].lower() == "ago" else n, m["unit"].lower(), c)


def _count(m: re.Match[str], c: _Ctx) -> Value | None:
    # "in two weeks" names a date only about the future; otherwise "(in) three years" is a span.
    if c.leads[-1:] != ("in",) or c.tense != "future":
        return None
    return _shift(_num(m["n"]), m["unit"].lower(), c)


def _unit_rel(m: re.Match[str], c: _Ctx) -> Value | None:
    rel, unit = " ".join(m["rel"].lower().split()), m["unit"].lower()
    if unit == "weekend":
        return _weekend(rel, c)
    if rel == "the" and not c.modified:  # "the year" alone; "the end of the year" is fine
        return None
    if rel == "past":  # "(over) the past week" is a span of time
        return None
    step = {"last": -1, "this past": -1, "next": 1}.get(rel, 0)
    return _shift(step, unit, c)


_HANDLERS: dict[str, Callable[[re.Match[str], _Ctx], Value | None]] = {
    "iso": _iso, "numeric": _numeric, "month_day": _month_day, "month_year": _month_year,
    "month_rel": _month_rel, "holiday": _holiday, "season_rel": _season_rel,
    "season_of_year": _season_of_year, "decade": _decade, "plain_year": _plain_year,
    "weekday": _weekday_rule, "day_offset": _day_offset, "ago": _ago, "count": _count,
    "unit_rel": _unit_rel,
}  # fmt: skip
_RULES = tuple((re.compile(pattern, _I), _HANDLERS[name]) for name, pattern in R.RESOLVE_PATTERNS)

# ---------------------------------------------------------------- cleaning the expression

_LEAD = re.compile(rf"(?:{R.LEADING_RE})\s+", _I)
_MOD = re.compile(rf"(?:(?:{R.MODIFIER_RE})\s+|mid(?:-\s*|\s+))", _I)
_NOT_A_DATE = re.compile(rf"(?:{'|'.join(R.NOT_A_DATE_OPENERS)})\b", _I)
_TRAILING = re.compile(r"(?:['\u2019]s|['\u2019]|[\s,;:.!?)\]\"]+)+$")


def _strip(text: str) -> tuple[str, bool, tuple[str, ...]] | None:
    """Removes leading prepositions and period modifiers; None for a duration or repetition."""
    s = " ".join(text.replace("\u2013", "-").replace("\u2014", "-").split())
    s = _TRAILING.sub("", s.lstrip("([\"' "))
    modified, leads = False, []
    while s:
        if _NOT_A_DATE.match(s):
            return None
        if m := _LEAD.match(s):
            leads.append(" ".join(m.group().lower().split()))
        elif m := _MOD.match(s):
            modified = True
        else:
            break
        s = s[m.end() :]
    return s, modified, tuple(leads)


@functools.lru_cache(maxsize=16384)
def _resolve(text: str, anchor: dt.date | None, tense: str | None) -> Value | None:
    stripped = _strip(text)
    if stripped is None or not stripped[0]:
        return None
    core, modified, leads = stripped
    ctx = _Ctx(anchor, tense, modified, leads)
    for pattern, handler in _RULES:
        if m := pattern.fullmatch(core):
            try:
                return handler(m, ctx)
            except (OverflowError, ValueError):  # arithmetic beyond datetime's years 1..9999
                return None
    return _dateparser_fallback(core, anchor, tense)


# ---------------------------------------------------------------- dateparser fallback

_GATE = re.compile(rf"\b(?:{R.MONTH_RE}|{R.WEEKDAY_RE})\b", _I)
_MONTH_WORD = re.compile(rf"\b(?:{R.MONTH_RE})\b", _I)
_HAS_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_AMBIGUOUS_WORDS = frozenset({"may", "march", "mar", "august", "jan", "dec"})


@functools.lru_cache(maxsize=256)
def _parser(anchor: dt.date | None, prefer: str) -> DateDataParser:
    from dateparser.date import DateDataParser  # slow to import; most texts never need it

    settings: dict[str, object] = {"PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": False}
    if anchor is None:
        settings["REQUIRE_PARTS"] = ["year"]  # nothing to be relative to
        anchor = dt.date(2000, 1, 1)  # a fixed base, never today, so results are reproducible
    settings["RELATIVE_BASE"] = dt.datetime(anchor.year, anchor.month, anchor.day)
    return DateDataParser(languages=["en"], settings=settings)


def _dateparser_fallback(core: str, anchor: dt.date | None, tense: str | None) -> Value | None:
    # dateparser reads almost anything as a date ("1990s" as 1990 seconds ago, "12" as
    # December), so it only sees short texts that name a month or a weekday.
    gate = [g for g in _GATE.findall(core) if not (g.islower() and g in _AMBIGUOUS_WORDS)]
    if not gate or len(core) > 60 or (anchor is None and not _HAS_YEAR.search(core)):
        return None
    data = _parser(anchor, "future" if tense == "future" else "past").get_date_data(core)
    if data.date_obj is None:
        return None
    d = data.date_obj.date()
    if data.period == "year":
        return _year(d.year)
    if data.period == "month":
        return _month(d.year, d.month) if _MONTH_WORD.search(core) else None
    return _day(d)  # "day", "week" and "time" periods all name a day here


# ---------------------------------------------------------------- public API


def _as_anchor(anchor: str | dt.date | None) -> dt.date | None:
    if anchor is None or isinstance(anchor, dt.date):
        return anchor.date() if isinstance(anchor, dt.datetime) else anchor
    if not anchor.strip():
        return None
    try:
        return dt.date.fromisoformat(anchor.strip()[:10])
    except ValueError:
        raise ValueError(
            f"anchor {anchor!r} is not an ISO date; pass the publication date as YYYY-MM-DD, "
            "a datetime.date, or None when it is unknown"
        ) from None


def resolve_date(text: str, anchor: str | dt.date | None, *, tense: str | None = None) -> DateRef | None:
    """Resolves a date expression ("On October 4", "last week", "in 2007") against ``anchor``,
    the publication date, following the conventions in the module docstring.

    Returns a DateRef with value "YYYY-MM-DD", "YYYY-MM" or "YYYY" for precision day, month or
    year, and ``text`` as given; None when the text is not a date or cannot be resolved.
    Raises ValueError for an unknown tense or an anchor string that is not an ISO date.
    """
    if tense not in TENSES:
        raise ValueError(f"tense {tense!r} is not one of 'past', 'future' or None")
    resolved = _resolve(" ".join(text.split()), _as_anchor(anchor), tense)
    if resolved is None:
        return None
    return DateRef(value=resolved[0], precision=resolved[1], text=text)


# The finder is stricter than the resolver: see date_rules.FINDER_PATTERN.
_FINDER = re.compile(R.FINDER_PATTERN, _I | re.VERBOSE)
_BEFORE = re.compile(rf"(?:{'|'.join(R.NOT_A_DATE_OPENERS)})\s+$", _I)


def find_date_expressions(text: str) -> list[tuple[int, int]]:
    """Character spans of date expressions in a sentence, each with its leading preposition
    and modifier ("On October 4", "since October 7, 2001", "Early this year", "mid-2013")."""
    spans: list[tuple[int, int]] = []
    for m in _FINDER.finditer(text):
        lead_words = m["lead"].lower().split()
        tail = {" ".join(lead_words[-k:]) for k in (1, 2, 3)}  # "in", "sometime in", "as of"
        if m["byear"] and not m["mod"] and not tail & R.YEAR_LEADS:
            continue
        if (m["bmonth"] or m["bhol"]) and not (m["lead"] or m["mod"]):
            continue
        if m["theunit"] and not m["mod"].strip().lower().endswith("of"):
            continue
        if _BEFORE.search(text[max(0, m.start() - 10) : m.start()]):  # "every Monday"
            continue
        spans.append((m.start(), m.end()))
    return spans


# ---------------------------------------------------------------- python -m: a tiny benchmark

_BENCH = (
    "On October 4", "on Monday", "last week", "Early this year", "earlier this month", "in 2007",
    "since October 7, 2001", "on 4 October 2014", "yesterday", "two days ago", "in March",
    "late last year", "mid-2013", "in the 1990s", "Tuesday night", "December 28", "next year",
    "2014-10-04", "10/04/2014", "Sat 4 Oct", "three years", "recently", "for years", "every day",
)  # fmt: skip


def _benchmark(rounds: int = 50) -> None:
    anchors = [dt.date(2014, 10, 6) + dt.timedelta(days=k) for k in range(rounds)]
    for label, clear in (("uncached", True), ("cached", False)):
        _resolve.cache_clear()
        _parser.cache_clear()
        n, start = 0, time.perf_counter()
        for i in range(rounds):
            if clear:
                _resolve.cache_clear()
            for text in _BENCH:
                resolve_date(text, anchors[i] if clear else anchors[0], tense=TENSES[i % 3])
                n += 1
        rate = n / (time.perf_counter() - start)
        print(f"{label:9} {rate:10.0f} resolutions/s ({n} resolutions)")
    spans_n, start = 0, time.perf_counter()
    sentence = "On October 4, BBC reported that since October 7, 2001 and early this year troops moved."
    for _ in range(rounds * 20):
        spans_n += len(find_date_expressions(sentence))
    print(f"finder    {rounds * 20 / (time.perf_counter() - start):10.0f} sentences/s")


if __name__ == "__main__":
    _benchmark(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
