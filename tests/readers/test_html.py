from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from newsgraph.errors import EmptyDocumentError, EncodingError, ReaderError
from newsgraph.readers import ReadOptions, read_paths
from newsgraph.readers.html import extract_html
from newsgraph.records import Article

DATA = Path(__file__).parents[1] / "data" / "readers"
FIFTY_MB = 50 * 1024 * 1024  # well over the default limit of 2,000,000 characters in any format


def _read(*paths: str | Path, **options: Any) -> list[Article | ReaderError]:
    return list(read_paths([str(p) for p in paths], ReadOptions(**options)))


PAGE = DATA / "article.html"


def test_a_news_page_gives_its_story_without_the_page_around_it() -> None:
    (article,) = _read(PAGE)
    assert isinstance(article, Article)
    assert article.title == "Northern rebels agree to resume talks with government"
    assert article.published == "2023-03-14"
    assert article.publisher == "The Lakeside Tribune"
    assert article.url == "https://lakeside-tribune.example/world/2023/03/14/rebels-resume-talks"
    text = article.text
    # The story, first paragraph to last, with its quote intact.
    assert text.startswith("Rebel commanders in the northern hills said on Monday")
    assert "“We have always kept the door open,” he said." in text
    assert text.endswith("The rebels denied the charge.")
    # Navigation, sharing, ads, related links, comments and footer are not.
    for boilerplate in (
        "Subscribe",
        "Sport",  # nav
        "Share this article",
        "Facebook",  # share buttons
        "Advertisement",
        "Related articles",
        "Peace talks collapse after village shelling",
        "lakewatcher",
        "Finally some good news",
        "nothing changed at all",
        "commenting",  # comments
        "Follow us",
        "newsletter",
        "All rights reserved",  # footer
    ):
        assert boilerplate not in text, boilerplate
    # The headline is the title, not the first line of the text.
    assert not text.startswith(article.title)


def test_the_page_date_wins_over_the_default_date() -> None:
    (article,) = _read(PAGE, published="1999-01-01")
    assert isinstance(article, Article) and article.published == "2023-03-14"


def test_a_page_without_a_date_takes_the_default(tmp_path: Path) -> None:
    page = tmp_path / "undated.html"
    html = PAGE.read_text(encoding="utf-8")
    for date in ("2023-03-14", "14 March 2023", "2023/03/14/"):  # meta, <time>, URL
        html = html.replace(date, "")
    page.write_text(html, encoding="utf-8")
    (article,) = _read(page, published="2023-03-15")
    assert isinstance(article, Article) and article.published == "2023-03-15"


def test_a_page_without_a_body_is_an_empty_document_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a_empty_body.html").write_text(
        "<html><head><title>Latest news</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "b_story.html").write_bytes(PAGE.read_bytes())
    empty, story = _read(tmp_path)
    assert isinstance(empty, EmptyDocumentError)
    assert "a_empty_body.html" in str(empty) and "no article text" in str(empty)
    assert isinstance(story, Article)


def test_declared_charset_is_used(tmp_path: Path) -> None:
    html = PAGE.read_text(encoding="utf-8").replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    html = html.replace("Daniel Mwangi", "Daniél Mwangi")
    page = tmp_path / "cp1252.html"
    page.write_bytes(html.encode("cp1252"))
    (article,) = _read(page)
    assert isinstance(article, Article) and "Daniél Mwangi" in article.text


def test_binary_data_named_html_is_an_encoding_error(tmp_path: Path) -> None:
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    (error,) = _read(tmp_path / "image.html")
    assert isinstance(error, EncodingError) and "image.html" in str(error)


def test_a_50_mb_page_is_refused_quickly(tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    with big.open("wb") as f:
        f.write(b"<html><body><p>")
        f.truncate(FIFTY_MB)
    start = time.perf_counter()
    (error,) = _read(big)
    assert time.perf_counter() - start < 0.5
    assert isinstance(error, ReaderError) and "over the limit" in str(error) and "big.html" in str(error)


def test_extract_html_returns_none_without_a_body() -> None:
    assert extract_html("<html><body></body></html>") is None
    page = extract_html(PAGE.read_text(encoding="utf-8"))
    assert page is not None and page.publisher == "The Lakeside Tribune"
