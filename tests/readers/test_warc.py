from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.errors import EmptyDocumentError, EncodingError, FormatError, ReaderError
from newsgraph.readers import ReadOptions, read_paths
from newsgraph.records import Article

DATA = Path(__file__).parents[1] / "data" / "readers"


def _read(*paths: str | Path, **options: Any) -> list[Article | ReaderError]:
    return list(read_paths([str(p) for p in paths], ReadOptions(**options)))


PAGE = (DATA / "article.html").read_bytes()
UNDATED_PAGE = b"""<html><head><title>Flood waters recede</title></head><body><article>
<h1>Flood waters recede</h1>
<p>Flood waters began to recede across the delta on Thursday, and families started to return to villages
that had been cut off for a week, local officials said.</p>
</article></body></html>"""
CAPTURED = "2024-05-02T10:11:12Z"


def _archive(gzip: bool) -> bytes:
    """An archive of: a request, an HTML page, an image, a 404 page, a text resource,
    an "HTML" page of binary junk, an undated page."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)

    def response(uri: str, content_type: str, body: bytes, status: str = "200 OK") -> None:
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http,
            warc_headers_dict={"WARC-Date": CAPTURED},
        )
        writer.write_record(record)

    request = b"GET /world/rebels HTTP/1.1\r\nHost: lakeside-tribune.example\r\n\r\n"
    writer.write_record(
        writer.create_warc_record(
            "https://lakeside-tribune.example/world/rebels",
            "request",
            payload=io.BytesIO(request),
            length=len(request),
        )
    )
    response("https://lakeside-tribune.example/world/rebels", "text/html; charset=utf-8", PAGE)
    response("https://lakeside-tribune.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    response(
        "https://lakeside-tribune.example/missing",
        "text/html",
        b"<html><body>Not found</body></html>",
        "404 Not Found",
    )
    note = b"Field note\n\nThe convoy reached the camp at dawn with food for three days."
    writer.write_record(
        writer.create_warc_record(
            "https://notes.example/convoy.txt",
            "resource",
            payload=io.BytesIO(note),
            length=len(note),
            warc_content_type="text/plain",
            warc_headers_dict={"WARC-Date": CAPTURED},
        )
    )
    response("https://delta-news.example/junk", "text/html", b"\x00\x01\x02\x03\xff" * 50)
    response("https://delta-news.example/floods", "text/html", UNDATED_PAGE)
    return out.getvalue()


def _check_articles(results: list, path: Path) -> None:
    assert [type(r) for r in results] == [Article, Article, EncodingError, Article], results
    page, note, junk, undated = results
    # A bad record is named by its place in the file and its URI; the records after it are read.
    assert f"{path}#offset " in str(junk) and "https://delta-news.example/junk" in str(junk)
    assert page.title == "Northern rebels agree to resume talks with government"
    assert page.url == "https://lakeside-tribune.example/world/rebels"  # the URI it was fetched from
    assert page.published == "2023-03-14"  # the page's own date beats the capture date
    assert page.publisher == "The Lakeside Tribune"
    assert "lakewatcher" not in page.text and page.text.endswith("The rebels denied the charge.")
    assert page.origin.startswith(f"{path}#offset ")
    assert note.title == "Field note" and note.text.startswith("The convoy reached the camp")
    assert note.url == "https://notes.example/convoy.txt"
    assert undated.published == "2024-05-02"  # no date in the page: the capture date
    offsets = [int(r.origin.rsplit(" ", 1)[1]) for r in (page, note, undated)]
    assert offsets == sorted(offsets) and offsets[0] > 0  # the request record came first


def test_pages_and_text_resources_are_read_and_other_records_skipped(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(_archive(gzip=False))
    _check_articles(_read(path), path)


def test_gzipped_archives_are_read_with_offsets_into_the_file(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    data = _archive(gzip=True)
    path.write_bytes(data)
    results = _read(path)
    _check_articles(results, path)
    # Each offset is where the record's gzip member starts, so it can be read on its own.
    offset = int(str(results[0].origin).rsplit(" ", 1)[1])
    assert data[offset : offset + 2] == b"\x1f\x8b"


def test_a_truncated_archive_yields_what_was_good_then_an_error(tmp_path: Path) -> None:
    data = _archive(gzip=True)
    (tmp_path / "a_cut.warc.gz").write_bytes(data[: len(data) - 200])  # into the last record
    (tmp_path / "b_whole.warc.gz").write_bytes(data)
    results = _read(tmp_path)
    cut = [r for r in results if str(tmp_path / "a_cut") in (r.origin or "")]
    assert [type(r) for r in cut] == [Article, Article, EncodingError, FormatError]
    assert "truncated" in str(cut[-1]) and "offset" in str(cut[-1])
    assert sum(isinstance(r, Article) for r in results) == 2 + 3  # the next archive is read whole


def test_a_record_cut_short_in_an_uncompressed_archive(tmp_path: Path) -> None:
    data = _archive(gzip=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) - 150])
    results = _read(path)
    assert [type(r) for r in results] == [Article, Article, EncodingError, FormatError]
    assert "bytes of it are missing" in str(results[-1])


def test_files_that_are_not_archives(tmp_path: Path) -> None:
    (tmp_path / "a_empty.warc").write_bytes(b"")
    (tmp_path / "b_text.warc").write_text("This is a note, not an archive.\n", encoding="utf-8")
    results = _read(tmp_path)
    assert [type(r) for r in results] == [EmptyDocumentError, FormatError]
    assert "b_text.warc" in str(results[1]) and "not a WARC archive" in str(results[1])
