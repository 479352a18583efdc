from __future__ import annotations

import pytest

from newsgraph.readers.cleaning import boilerplate_patterns, clean_text, is_boilerplate

STORY = "The army said on Monday it had retaken the town.\n\nResidents began to return on Tuesday."


@pytest.mark.parametrize(
    "line",
    [
        "Please let us know if you're having issues with commenting.",
        "Share this article",
        "Share on Facebook",
        "Facebook Twitter Email",
        "Follow us on Twitter and Facebook",
        "Sign up for our newsletter",
        "Copyright © 2023 The Lakeside Tribune. All rights reserved.",
        "(c) 2021 Example Media",
        "Click here to subscribe",
        "Read more: Peace talks collapse",
        "Related articles",
        "Advertisement",
        "View 12 comments",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The rebels denied the charge.",
        "Advertising revenue fell by a third, the company said.",
        "More than 40 people were killed in the attack.",
        "Copyright lawyers for the broadcaster declined to comment.",
        "Twitter said it had suspended the accounts.",
        "Share prices fell sharply after the announcement.",
        "Follow-up talks are due next week.",
    ],
)
def test_last_sentences_of_articles_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_only_the_edges_are_stripped() -> None:
    text = (
        "Advertisement\n\n" + STORY + "\n\nRead more\n\n" + STORY + "\n\nShare this article\nAdvertisement\n"
    )
    cleaned = clean_text(text)
    assert cleaned == STORY + "\n\nRead more\n\n" + STORY


def test_long_lines_are_never_boilerplate() -> None:
    line = "Read more " + "about the war " * 30
    assert clean_text(STORY + "\n" + line) == STORY + "\n" + line.rstrip()


def test_a_repeated_title_and_blank_runs_are_dropped() -> None:
    text = "  Rebels retake town \n\n\n\n" + STORY.replace("\n\n", "\n\n\n\n\n") + "  \n"
    assert clean_text(text, title="Rebels retake town") == STORY


def test_control_characters_and_newline_conventions() -> None:
    assert clean_text("One\r\nTwo\rThree\u2028Four\x00\x07") == "One\nTwo\nThree\nFour"


def test_the_pattern_file_loads() -> None:
    assert len(boilerplate_patterns()) > 20
