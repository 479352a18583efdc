"""Web archives (.warc, .warc.gz): the HTML pages and text documents in them.

Read are `response` records whose HTTP content type is HTML (status 2xx) and `resource`
records of text/html or text/plain. Requests, metadata, revisits, images and the like
are skipped without a word: an archive is mostly such records.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import EmptyDocumentError, FormatError, ReaderError
from ..records import Article
from ..registry import registry
from .articles import make_article, too_large_bytes
from .base import ReadOptions, ReadResult, Source
from .decoding import decode_html, decode_text
from .html import page_article
from .pubdates import normalize_date
from .streams import BYTES_PER_CHAR, READ_ERRORS, file_size, open_source, sniff_head, source_name
from .text import split_title

_HTML_TYPES = {"text/html", "application/xhtml+xml"}

# What a damaged archive raises while being iterated: warcio's own error for a bad record
# header, gzip/zlib errors for a damaged member, ValueError for a bad length.
_ARCHIVE_ERRORS = (ArchiveLoadFailed, ValueError, *READ_ERRORS)


class WarcReader:
    name = "warc.v1"
    suffixes = (".warc", ".warc.gz", ".arc", ".arc.gz")

    def read(self, source: Source, options: ReadOptions) -> Iterator[ReadResult]:
        origin = source_name(source)
        try:  # only opening raises; problems inside the archive are yielded where they occur
            # warcio reads gzip itself, member by member, so offsets stay those of the file.
            with open_source(source, decompress=False) as stream:
                yield from _read_archive(stream, origin, options)
        except ReaderError as e:
            yield e


def _read_archive(stream: BinaryIO, origin: str, options: ReadOptions) -> Iterator[ReadResult]:
    if not stream.peek(1):  # type: ignore[attr-defined]
        yield EmptyDocumentError(origin, "is empty", "leave it out of the input")
        return
    head = sniff_head(stream)
    if not head.startswith((b"WARC/", b"filedesc://")):
        shown = repr(head[:40].decode("utf-8", errors="replace")) if head else "gzip data that does not unzip"
        yield FormatError(
            origin,
            f"is not a WARC archive: it starts with {shown}, not 'WARC/'",
            "name its real format with ReadOptions.format (--input-format), or rename it",
        )
        return
    size = file_size(stream)
    records = ArchiveIterator(stream)
    offset, end = 0, 0
    while True:
        try:
            record = next(records)
            offset = records.offset  # where the iterator stands when it hands out a record: its start
        except StopIteration:
            break
        except _ARCHIVE_ERRORS as e:
            yield _broken(origin, f"after offset {end}", e)
            return
        result: ReadResult | None = None
        try:
            try:
                document = _document(record)
                if document is not None:
                    result = _record_article(record, document, f"{origin}#offset {offset}", options)
            except ReaderError as e:
                result = e
            end = offset + records.get_record_length()  # reads the rest of the record
        except _ARCHIVE_ERRORS as e:
            yield _broken(origin, f"in the record at offset {offset}", e)
            return
        missing = getattr(record.raw_stream, "limit", 0)  # bytes its header promised that never came
        if missing > 0:  # a cut-off page would be coded as if whole: report the break instead
            yield _broken(origin, f"in the record at offset {offset}", f"{missing} bytes of it are missing")
            return
        if result is not None:
            yield result
    # warcio ends quietly at a record header that breaks off: tell it from a clean end.
    if size is not None and size - end > 4:
        yield _broken(origin, f"after offset {end}", f"{size - end} bytes at the end are not a whole record")


def _broken(origin: str, where: str, cause: Exception | str) -> FormatError:
    if isinstance(cause, Exception):  # warcio's messages run over several lines
        cause = f"{type(cause).__name__}: {' '.join(str(cause).split())[:200]}"
    return FormatError(
        origin,
        f"the archive is truncated or damaged {where} ({cause})",
        "the records before it were read; re-download the archive, or check it with 'warcio check'",
    )


@dataclass(frozen=True)
class _Document:
    kind: str  # "html" or "text"
    charset: str | None  # declared in the Content-Type header
    uri: str | None
    date: str | None  # WARC-Date: when it was captured


def _document(record: Any) -> _Document | None:
    """What to read from the record, or None for records that hold no article."""
    headers = record.rec_headers
    if record.rec_type == "response":
        http = record.http_headers
        if http is None or not _ok_status(http.get_statuscode()):
            return None  # error pages and redirects are not articles
        content_type = http.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = headers.get_header("Content-Type") or ""
    else:
        return None
    mime, charset = _parse_content_type(content_type)
    if mime in _HTML_TYPES:
        kind = "html"
    elif mime == "text/plain" and record.rec_type == "resource":
        kind = "text"
    else:
        return None
    return _Document(kind, charset, headers.get_header("WARC-Target-URI"), headers.get_header("WARC-Date"))


def _record_article(record: Any, document: _Document, where: str, options: ReadOptions) -> Article:
    # Errors name the URI too; the article's origin is the record's place in the file.
    label = f"{where} ({document.uri})" if document.uri else where
    cap = options.max_chars * BYTES_PER_CHAR
    length = _int(record.rec_headers.get_header("Content-Length"))
    if length is not None and length > cap:  # refused from the header, payload unread
        raise too_large_bytes(label, options, length)
    data = record.content_stream().read(cap + 1)
    if len(data) > cap:
        raise too_large_bytes(label, options, len(data), exact=False)
    if not data.strip():
        raise EmptyDocumentError(label, "is a record with an empty body", "nothing to do; it is skipped")
    # Publication date from the page; failing that, the capture date is the best bound we have.
    capture_date = normalize_date(document.date)
    if document.kind == "html":
        html = decode_html(data, label, document.charset)
        article = page_article(html, label, options, url=document.uri, fallback_date=capture_date)
    else:
        title, body = split_title(decode_text(data, label, document.charset))
        article = make_article(body, label, options, title=title, url=document.uri, published=capture_date)
    return replace(article, origin=where)


def _ok_status(status: str | None) -> bool:
    return bool(status) and status.startswith("2")  # type: ignore[union-attr]


def _parse_content_type(value: str) -> tuple[str, str | None]:
    mime, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'")
    return mime.strip().lower(), charset


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


registry.readers.register("warc.v1")(WarcReader)
