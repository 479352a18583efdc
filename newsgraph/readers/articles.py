"""Building Articles from what a reader found, with the checks every reader applies."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from ..errors import EmptyDocumentError, FormatError, ReaderError
from ..records import Article
from .base import FIELD_KEYS, ReadOptions
from .cleaning import clean_text, clean_title
from .pubdates import normalize_date

_LIMIT_HINT = "(setting max_chars / --max-chars); split it or raise the limit"


def article_id(text: str) -> str:
    """Content id: the same cleaned text always gets the same id."""
    return "a" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def too_large(origin: str, options: ReadOptions, chars: int, exact: bool = True) -> ReaderError:
    size = f"{chars} characters" if exact else f"more than {chars} characters"
    return ReaderError(origin, f"document is {size}, over the limit of {options.max_chars} {_LIMIT_HINT}")


def too_large_bytes(origin: str, options: ReadOptions, nbytes: int, exact: bool = True) -> ReaderError:
    """For documents refused from their size in bytes, before decoding or parsing them."""
    size = f"{nbytes} bytes" if exact else f"more than {nbytes - 1} bytes"
    return ReaderError(
        origin, f"document is {size}, over the limit of {options.max_chars} characters {_LIMIT_HINT}"
    )


def make_article(
    text: str,
    origin: str,
    options: ReadOptions,
    *,
    title: str | None = None,
    id: Any = None,  # noqa: A002 - the record's own name for it
    published: Any = None,
    url: str | None = None,
    publisher: str | None = None,
) -> Article:
    """A cleaned Article. Raises ReaderError when it is too long, EmptyDocumentError when empty."""
    if len(text) > options.max_chars:
        raise too_large(origin, options, len(text))
    title = clean_title(title)
    text = clean_text(text, title)
    if not text:
        raise EmptyDocumentError(
            origin,
            "has no text" + (f" (only the title {title!r})" if title else ""),
            "leave it out of the input, or check that the right key/column holds the text",
        )
    given_id = _scalar(id)
    return Article(
        id=given_id or article_id(text),
        text=text,
        title=title,
        url=_scalar(url),
        published=normalize_date(published) or options.published,
        publisher=clean_title(_scalar(publisher)),
        origin=origin,
    )


def article_from_record(record: Mapping[str, Any], origin: str, options: ReadOptions) -> Article:
    """An Article from one JSON object or CSV row, through the options' key mapping."""
    keys = {key: options.fields.get(key, key) for key in FIELD_KEYS}
    text_key = keys["text"]
    if text_key not in record:
        key = _guess_text_key(record)
        present = ", ".join(sorted(map(str, record))[:20]) or "none"
        raise FormatError(
            origin,
            f"has no {text_key!r} key (its keys: {present})",
            f"name the key that holds the text: fields={{'text': '{key}'}} (--field text={key})",
        )
    text = _text_value(record[text_key], origin, text_key)
    return make_article(
        text,
        origin,
        options,
        title=_scalar(record.get(keys["title"])),
        id=record.get(keys["id"]),
        published=record.get(keys["published"]),
        url=record.get(keys["url"]),
        publisher=record.get(keys["publisher"]),
    )


def _text_value(value: Any, origin: str, key: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    # Some dumps store paragraphs as a list of strings.
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)
    raise FormatError(
        origin,
        f"its {key!r} value is a {type(value).__name__}, not a string",
        "the text must be a string (or a list of paragraph strings)",
    )


def _scalar(value: Any) -> str | None:
    """A metadata value as a string; None for missing, empty, or structured values."""
    if value is None or isinstance(value, (bool, dict, list)):
        return None
    value = str(value).strip()
    return value or None


def _guess_text_key(record: Mapping[str, Any]) -> str:
    # The longest string value is almost always the body: a useful example in the hint.
    strings = [(len(v), str(k)) for k, v in record.items() if isinstance(v, str)]
    return max(strings)[1] if strings else "body"
