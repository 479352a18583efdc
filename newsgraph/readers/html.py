"""Saved web pages: the article body and its metadata, without navigation, comments and ads."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import trafilatura

from ..errors import EmptyDocumentError, FormatError, ReaderError
from ..records import Article
from ..registry import registry
from .articles import make_article, too_large
from .base import ReadOptions, ReadResult, Source
from .decoding import decode_html
from .streams import read_document, source_name

# Dates from the page's markup (meta tags, <time>, the URL), not guessed from the prose:
# a date in the text is more often an event's than the article's.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True)
class ExtractedPage:
    text: str
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    url: str | None = None


def extract_html(html: str, url: str | None = None) -> ExtractedPage | None:
    """The article body and metadata of a page, or None when it has no extractable body.

    Precision over recall: a missed paragraph costs less than coding a comment or a menu.
    Trafilatura's own extractor goes first; its fallbacks (readability, jusText) rescue pages
    it misses, but on a page with no article they return whatever text there is ("Home"),
    so what they find is kept only when it reads like prose.
    """
    doc = _extract(html, url, fast=True)
    if doc is None:
        doc = _extract(html, url, fast=False)
        if doc is not None and not _has_prose(doc.text):
            doc = None
    if doc is None:
        return None
    return ExtractedPage(
        text=doc.text, title=doc.title, published=doc.date, publisher=doc.sitename, url=doc.url
    )


def _extract(html: str, url: str | None, fast: bool) -> Any:
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        fast=fast,
        include_comments=False,
        favor_precision=True,
        with_metadata=True,
        date_extraction_params=_DATE_PARAMS,
    )
    return doc if doc is not None and (doc.text or "").strip() else None  # type: ignore[union-attr]


def _has_prose(text: str) -> bool:
    # One sentence-sized line: eight words, or forty characters in scripts written without spaces.
    return any(
        len(line.split()) >= 8 or (len(line.strip()) >= 40 and " " not in line.strip())
        for line in text.splitlines()
    )


def page_article(
    html: str, origin: str, options: ReadOptions, *, url: str | None = None, fallback_date: str | None = None
) -> Article:
    """An Article from a decoded page; raises EmptyDocumentError when it has no body."""
    if len(html) > options.max_chars:
        raise too_large(origin, options, len(html))
    try:
        page = extract_html(html, url)
    except Exception as e:  # lxml and trafilatura can fail on markup nobody foresaw: this page's problem
        raise FormatError(
            origin,
            f"is HTML that could not be parsed ({type(e).__name__}: {e})",
            "check that it is a web page",
        ) from e
    if page is None:
        raise EmptyDocumentError(
            origin,
            "is an HTML page with no article text to extract",
            "it may be an index page, a paywall or a page built by JavaScript; "
            "if the text is in the file, read it with format 'text'",
        )
    return make_article(
        page.text,
        origin,
        options,
        title=page.title,
        published=page.published or fallback_date,
        url=url or page.url,
        publisher=page.publisher,
    )


class HtmlReader:
    name = "html.v1"
    suffixes = (".html", ".htm", ".xhtml", ".shtml")

    def read(self, source: Source, options: ReadOptions) -> Iterator[ReadResult]:
        origin = source_name(source)
        try:
            yield page_article(decode_html(read_document(source, options), origin), origin, options)
        except ReaderError as e:
            yield e


registry.readers.register("html.v1")(HtmlReader)
