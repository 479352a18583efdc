"""Date expressions resolved against a publication date, and found in news sentences."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.records import DateRef
from newsgraph.resolve.dates import TENSES, find_date_expressions, resolve_date

MON = "2014-10-06"  # a Monday; the publication date of most cases below
WED = "2014-10-08"

CASES = [
    # (text, anchor, tense, expected value, expected precision)
    # absolute dates keep their own year, whatever the anchor
    ("since October 7, 2001", MON, None, "2001-10-07", "day"),
    ("on 4 October 2014", MON, None, "2014-10-04", "day"),
    ("October 4th, 2014", MON, "future", "2014-10-04", "day"),
    ("the 4th of October 2014", MON, None, "2014-10-04", "day"),
    ("Oct. 4, 2014", MON, None, "2014-10-04", "day"),
    ("2014-10-04", MON, None, "2014-10-04", "day"),
    ("2014-10", MON, None, "2014-10", "month"),
    ("10/04/2014", MON, None, "2014-10-04", "day"),  # slashes: US month/day/year
    ("25/12/2013", MON, None, "2013-12-25", "day"),  # ...unless the month would be 25
    ("4.10.2014", MON, None, "2014-10-04", "day"),  # dots: day.month.year
    ("in October 2014", MON, None, "2014-10", "month"),
    ("March of 2011", MON, None, "2011-03", "month"),
    ("in 2007", MON, None, "2007", "year"),
    ("by 2020", MON, "future", "2020", "year"),
    ("mid-2013", MON, None, "2013", "year"),
    ("in early 2012", MON, None, "2012", "year"),
    ("in the 1990s", MON, None, "1990", "year"),
    ("the early 2000s", MON, None, "2000", "year"),
    ("the '80s", MON, None, "1980", "year"),
    ("the summer of 2013", MON, None, "2013", "year"),
    ("New Year's Eve 2013", MON, None, "2013-12-31", "day"),
    # a day without a year: the year by tense (past: not after; future: not before; None: closest)
    ("On October 4", MON, None, "2014-10-04", "day"),
    ("On October 4", MON, "past", "2014-10-04", "day"),
    ("On October 4", MON, "future", "2015-10-04", "day"),
    ("December 28", "2015-01-03", "past", "2014-12-28", "day"),
    ("December 28", "2015-01-03", None, "2014-12-28", "day"),
    ("December 28", MON, "past", "2013-12-28", "day"),
    ("December 28", MON, None, "2014-12-28", "day"),
    ("January 2", "2014-12-30", "future", "2015-01-02", "day"),
    ("on 12 January", "2014-01-10", "past", "2013-01-12", "day"),
    ("Oct. 4", MON, None, "2014-10-04", "day"),
    ("October 4-5", MON, None, "2014-10-04", "day"),
    ("Saturday, October 4", MON, "future", "2014-10-04", "day"),  # the weekday fixes the year
    ("February 29", "2015-03-01", "past", "2012-02-29", "day"),
    ("on Christmas Day", MON, "future", "2014-12-25", "day"),
    # a month without a year
    ("in March", MON, "past", "2014-03", "month"),
    ("in March", MON, None, "2014-03", "month"),
    ("in March", MON, "future", "2015-03", "month"),
    ("in October", MON, "future", "2014-10", "month"),
    ("in December", MON, None, "2013-12", "month"),
    ("early March", MON, None, "2014-03", "month"),
    ("mid-March", MON, None, "2014-03", "month"),
    ("by the end of November", MON, "future", "2014-11", "month"),
    ("last March", "2014-03-20", None, "2013-03", "month"),
    ("next March", MON, None, "2015-03", "month"),
    ("March last year", MON, None, "2013-03", "month"),
    ("in May", MON, None, "2014-05", "month"),
    # weekdays: past strictly before, future strictly after, None on or before the anchor
    ("on Monday", MON, "past", "2014-09-29", "day"),
    ("on Monday", MON, None, "2014-10-06", "day"),
    ("on Monday", MON, "future", "2014-10-13", "day"),
    ("on Tuesday", MON, None, "2014-09-30", "day"),
    ("Tuesday night", MON, "past", "2014-09-30", "day"),
    ("on Friday", WED, "future", "2014-10-10", "day"),
    ("last Friday", WED, "future", "2014-10-03", "day"),
    ("next Monday", MON, None, "2014-10-13", "day"),
    ("late Sunday", WED, "past", "2014-10-05", "day"),
    # days relative to the anchor
    ("yesterday", MON, None, "2014-10-05", "day"),
    ("yesterday morning", MON, "past", "2014-10-05", "day"),
    ("last night", MON, None, "2014-10-05", "day"),
    ("today", MON, None, "2014-10-06", "day"),
    ("tomorrow", MON, "future", "2014-10-07", "day"),
    ("two days ago", MON, None, "2014-10-04", "day"),
    ("3 days ago", "2014-03-01", None, "2014-02-26", "day"),
    ("a week ago", MON, None, "2014-09-29", "day"),
    ("in two weeks", MON, "future", "2014-10-20", "day"),
    ("for Sunday", MON, "future", "2014-10-12", "day"),  # "the vote is set for Sunday"
    ("three months ago", "2014-01-15", None, "2013-10", "month"),
    ("two years ago", MON, None, "2012", "year"),
    # weeks (approximated at day precision), weekends (their Saturday), months, years
    ("last week", MON, None, "2014-09-29", "day"),
    ("this week", MON, None, "2014-10-06", "day"),
    ("earlier this week", WED, "past", "2014-10-08", "day"),
    ("next week", MON, "future", "2014-10-13", "day"),
    ("over the weekend", MON, "past", "2014-10-04", "day"),
    ("last weekend", "2014-10-05", None, "2014-09-27", "day"),
    ("this weekend", WED, "future", "2014-10-11", "day"),
    ("earlier this month", MON, None, "2014-10", "month"),
    ("later this month", MON, "future", "2014-10", "month"),
    ("last month", "2014-01-10", None, "2013-12", "month"),
    ("next month", "2014-12-10", "future", "2015-01", "month"),
    ("Early this year", MON, None, "2014", "year"),
    ("late last year", MON, None, "2013", "year"),
    ("by the end of the year", MON, "future", "2014", "year"),
    ("next year", MON, "future", "2015", "year"),
    ("last summer", MON, None, "2014", "year"),
    ("last winter", "2014-01-20", None, "2013", "year"),
    # forms left to dateparser
    ("Sat 4 Oct", MON, "past", "2014-10-04", "day"),
    ("4-Oct-2014 10:32 GMT", MON, None, "2014-10-04", "day"),
]


@pytest.mark.parametrize("text, anchor, tense, value, precision", CASES)
def test_resolves_against_the_publication_date(
    text: str, anchor: str, tense: str | None, value: str, precision: str
) -> None:
    ref = resolve_date(text, anchor, tense=tense)
    assert ref is not None, f"{text!r} should resolve"
    assert (ref.value, ref.precision) == (value, precision)


def test_keeps_the_text_as_given() -> None:
    assert resolve_date("On October 4", MON) == DateRef("2014-10-04", "day", text="On October 4")


@pytest.mark.parametrize(
    "text",
    [
        "12", "1.5", "2,000", "2,000 troops", "300", "five people", "5%", "40 percent",
        "may", "they may", "march", "they march", "Mr. August", "Oct",
        "recently", "for years", "for three days", "for a week", "for the past year",
        "every day", "every Monday", "each year",
        "three years", "two weeks", "in three years",  # a span, unless the tense is future
        "the past week", "over the past two months", "the year", "two days later",
        "the following day", "now", "", "   ", "the 20th century",
    ],
)  # fmt: skip
def test_not_a_date(text: str) -> None:
    assert resolve_date(text, MON) is None
    assert resolve_date(text, MON, tense="future") is None or text == "in three years"


def test_in_three_years_is_a_date_only_about_the_future() -> None:
    assert resolve_date("in three years", MON, tense="past") is None
    assert resolve_date("in three years", MON, tense="future") == DateRef(
        "2017", "year", text="in three years"
    )


@pytest.mark.parametrize(
    "text, value",
    [("since October 7, 2001", "2001-10-07"), ("in 2007", "2007"), ("the 1990s", "1990"),
     ("March 2011", "2011-03"), ("2014-10-04", "2014-10-04"), ("Saturday, 4 October 2014", "2014-10-04")],
)  # fmt: skip
def test_absolute_dates_resolve_without_an_anchor(text: str, value: str) -> None:
    ref = resolve_date(text, None)
    assert ref is not None and ref.value == value


@pytest.mark.parametrize(
    "text", ["On October 4", "on Monday", "last week", "yesterday", "in March", "two days ago", "Sat 4 Oct"]
)
def test_relative_dates_need_an_anchor(text: str) -> None:
    assert resolve_date(text, None) is None
    assert resolve_date(text, "") is None  # an empty published field means unknown


def test_accepts_date_datetime_and_timestamp_anchors() -> None:
    expected = DateRef("2014-10-05", "day", text="yesterday")
    assert resolve_date("yesterday", dt.date(2014, 10, 6)) == expected
    assert resolve_date("yesterday", dt.datetime(2014, 10, 6, 23, 59)) == expected
    assert resolve_date("yesterday", "2014-10-06T23:59:00Z") == expected


def test_rejects_a_malformed_anchor_and_an_unknown_tense() -> None:
    with pytest.raises(ValueError, match="ISO date"):
        resolve_date("yesterday", "06/10/2014")
    with pytest.raises(ValueError, match="'past', 'future' or None"):
        resolve_date("yesterday", MON, tense="present")


# ---------------------------------------------------------------- properties

dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2040, 12, 31))


@settings(max_examples=150, deadline=None)
@given(day=dates, anchor=dates, tense=st.sampled_from(["past", "future", None]))
def test_a_written_out_date_is_itself(day: dt.date, anchor: dt.date, tense: str | None) -> None:
    text = f"on {day:%B} {day.day}, {day.year}"
    assert resolve_date(text, anchor, tense=tense) == DateRef(day.isoformat(), "day", text=text)


@settings(max_examples=150, deadline=None)
@given(anchor=dates, weekday=st.sampled_from(["Monday", "Wednesday", "Sunday"]))
def test_weekdays_fall_in_the_week_the_tense_points_to(anchor: dt.date, weekday: str) -> None:
    for tense, lo, hi in (("past", -7, -1), ("future", 1, 7), (None, -6, 0)):
        ref = resolve_date(f"on {weekday}", anchor, tense=tense)
        assert ref is not None
        got = dt.date.fromisoformat(ref.value or "")
        assert f"{got:%A}" == weekday
        assert lo <= (got - anchor).days <= hi


@settings(max_examples=150, deadline=None)
@given(day=dates, anchor=dates)
def test_a_day_without_a_year_respects_the_tense(day: dt.date, anchor: dt.date) -> None:
    text = f"{day:%B} {day.day}"
    past = resolve_date(text, anchor, tense="past")
    future = resolve_date(text, anchor, tense="future")
    assert past is not None and future is not None
    assert past.value <= anchor.isoformat() <= future.value  # type: ignore[operator]
    assert past.value[5:] == future.value[5:] == day.isoformat()[5:]  # type: ignore[index]


# ---------------------------------------------------------------- finding expressions

SENTENCES = [
    ("On October 4, BBC reported that the leader addressed the group in a statement.", ["On October 4"]),
    ("Early this year, the group cut ties with its onetime associate.", ["Early this year"]),
    ("The alliance of militant groups was formed in 2007 to unify the factions.", ["in 2007"]),
    ("Foreign forces have been engaged in war since October 7, 2001, officials said.",
     ["since October 7, 2001"]),
    ("Rebels attacked a convoy on Monday and again on 4 October 2014.", ["on Monday", "on 4 October 2014"]),
    ("The minister resigned last week after protests that began earlier this month.",
     ["last week", "earlier this month"]),
    ("Police said two days ago that the suspects, arrested yesterday, had fled in March.",
     ["two days ago", "yesterday", "in March"]),
    ("Talks stalled late last year and resumed in mid-2013, as they had in the 1990s.",
     ["late last year", "in mid-2013", "in the 1990s"]),
    ("Gunmen opened fire on the bus Tuesday night, killing five people.", ["Tuesday night"]),
    ("The vote is set for Sunday, with results due by Christmas.", ["for Sunday", "by Christmas"]),
    ("Police said on Wednesday morning the attack took place last Friday night, not three weeks ago.",
     ["on Wednesday morning", "last Friday night", "three weeks ago"]),
    ("They met between December 16, 2014 and January 15, 2015, and again on the 4th of July 2010.",
     ["December 16, 2014", "January 15, 2015", "on the 4th of July 2010"]),
    ("Elections are due by the end of the year, after a vote in May 2015.",
     ["by the end of the year", "in May 2015"]),
    ("The ceasefire, agreed on Saturday, October 4, held over the weekend.",
     ["on Saturday, October 4", "over the weekend"]),
]  # fmt: skip


@pytest.mark.parametrize("sentence, expected", SENTENCES)
def test_finds_date_expressions_in_news_sentences(sentence: str, expected: list[str]) -> None:
    spans = find_date_expressions(sentence)
    assert [sentence[a:b] for a, b in spans] == expected
    for a, b in spans:  # everything the finder finds, the resolver resolves
        assert resolve_date(sentence[a:b], MON) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "They march on the capital while the army may intervene.",
        "More than 2,000 troops and five people were reported, a rise of 12 percent.",
        "Mr. August said the 1500 villagers were safe.",
        "May God protect them, the cleric told about 2000 people at 1500 GMT.",
        "Inflation rose to 2014% in the model, and prayers are held every Monday.",
        "The march drew 300 people for three years running.",
        "The March on Washington was cited in a 2014-15 budget; protesters will march in may.",
    ],
)
def test_finds_nothing_in_sentences_without_dates(sentence: str) -> None:
    assert find_date_expressions(sentence) == []


@settings(max_examples=150, deadline=None)
@given(month=st.integers(1, 12), anchor=dates, tense=st.sampled_from(["past", "future", None]))
def test_a_month_without_a_year_is_within_a_year_of_the_anchor(
    month: int, anchor: dt.date, tense: str | None
) -> None:
    name = dt.date(2000, month, 1).strftime("%B")
    ref = resolve_date(f"in {name}", anchor, tense=tense)
    assert ref is not None and ref.precision == "month"
    year, got_month = map(int, (ref.value or "").split("-"))
    assert got_month == month
    gap = (year * 12 + month) - (anchor.year * 12 + anchor.month)
    assert 0 <= gap < 12 if tense == "future" else -12 < gap <= 0


words = st.sampled_from(
    ["on", "in", "since", "early", "mid-", "the", "last", "next", "of", "ago", "days", "years", "May",
     "march", "October", "Oct.", "Monday", "4", "31", "2014", "0000", "99999", "1990s", "'", ",", "-",
     "/", "yesterday", "week", "weekend", "end", "summer", "Christmas", "a", "two", "for", "."]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(text=st.lists(words, max_size=6).map(" ".join), anchor=dates, tense=st.sampled_from(TENSES))
def test_never_raises_and_always_returns_a_well_formed_value(
    text: str, anchor: dt.date, tense: str | None
) -> None:
    ref = resolve_date(text, anchor, tense=tense)
    if ref is not None:
        fmt = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[ref.precision]
        dt.datetime.strptime(ref.value or "", fmt)
    for a, b in find_date_expressions(text):
        assert 0 <= a < b <= len(text)


@pytest.mark.parametrize("anchor", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
@pytest.mark.parametrize("text", ["yesterday", "tomorrow", "next winter", "last summer", "Christmas 0000"])
def test_dates_at_the_ends_of_the_calendar_do_not_raise(anchor: dt.date, text: str) -> None:
    ref = resolve_date(text, anchor, tense="future")
    assert ref is None or ref.value is not None
