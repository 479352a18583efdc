from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

from newsgraph.errors import EmptyDocumentError, EncodingError, FormatError, ReaderError
from newsgraph.readers import ReadOptions, read_paths
from newsgraph.records import Article

DATA = Path(__file__).parents[1] / "data" / "readers"
FIFTY_MB = 50 * 1024 * 1024  # well over the default limit of 2,000,000 characters in any format


def _read(*paths: str | Path, **options: Any) -> list[Article | ReaderError]:
    return list(read_paths([str(p) for p in paths], ReadOptions(**options)))


def test_rows_become_articles_and_a_malformed_row_is_reported_in_place() -> None:
    results = _read(DATA / "articles.csv")
    assert [type(r) for r in results] == [Article, Article, FormatError, Article]
    first, second, bad, last = results
    assert isinstance(first, Article) and isinstance(second, Article) and isinstance(last, Article)
    assert (first.id, first.title, first.published) == ("201", "Drought aid approved", "2020-08-12")
    assert first.text.startswith("Parliament approved an emergency drought aid package on Wednesday,")
    assert first.origin == f"{DATA / 'articles.csv'}#row 2"  # the header is row 1, as in a spreadsheet
    assert second.published == "2020-08-13"  # from 13/08/2020
    assert last.published is None  # an empty cell is no date
    assert f"{DATA / 'articles.csv'}#row 4" in str(bad)
    assert "6 fields but the header has 4" in str(bad) and "double quotes" in str(bad)


def test_tsv_with_a_column_mapping(tmp_path: Path) -> None:
    path = tmp_path / "export.tsv"
    path.write_text("headline\tbody\tday\nH1\tFirst body, with a comma.\t2019-01-02\n", encoding="utf-8")
    (article,) = _read(path, fields={"title": "headline", "text": "body", "published": "day"})
    assert isinstance(article, Article)
    assert (article.title, article.text, article.published) == (
        "H1",
        "First body, with a comma.",
        "2019-01-02",
    )


def test_semicolons_multiline_fields_and_windows_1252_rows(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(
        b'title;text\r\nOne;"Line one\r\nline two"\r\n'
        + "Two;Le ministre a rencontré les délégués\r\n".encode("cp1252")
    )
    one, two = _read(path)
    assert isinstance(one, Article) and one.text == "Line one\nline two"
    assert isinstance(two, Article) and two.text == "Le ministre a rencontré les délégués"
    assert two.origin == f"{path}#row 3"


def test_a_nul_byte_in_a_row_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "damaged.csv"
    path.write_bytes(b"text\nGood one.\nBad\x00one.\nGood two.\n")
    results = _read(path)
    assert [type(r) for r in results] == [Article, FormatError, Article]
    assert f"{path}#row 3" in str(results[1]) and "NUL" in str(results[1])


def test_files_that_are_not_usable_tables(tmp_path: Path) -> None:
    (tmp_path / "a_empty.csv").write_bytes(b"")
    (tmp_path / "b_header_only.csv").write_text("id,text\n", encoding="utf-8")
    (tmp_path / "c_no_text_column.csv").write_text("id,body\n1,Some text.\n", encoding="utf-8")
    (tmp_path / "d_png.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00")
    (tmp_path / "e_good.csv").write_text("text\nStill read.\n", encoding="utf-8")
    results = _read(tmp_path)
    assert [type(r) for r in results] == [
        EmptyDocumentError,
        EmptyDocumentError,
        FormatError,
        EncodingError,
        Article,
    ]
    assert "c_no_text_column.csv" in str(results[2]) and "fields={'text'" in str(results[2])


def test_long_fields_are_allowed_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    body = "word " * 60_000  # 300,000 characters: over csv's default field limit of 131,072
    path.write_text(f'text\n"{body}"\n', encoding="utf-8")
    (article,) = _read(path)
    assert isinstance(article, Article) and len(article.text) == len(body.strip())
    assert csv.field_size_limit() > 300_000


def test_a_row_over_the_limit_is_refused_and_the_next_read(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as f:
        f.write(b'id,text\n1,"')
        chunk = b"z" * (1 << 20)
        for _ in range(FIFTY_MB // len(chunk)):
            f.write(chunk)
        f.write(b'"\n2,After the big one.\n')
    start = time.perf_counter()
    results = _read(path)
    assert time.perf_counter() - start < 0.8
    assert isinstance(results[0], ReaderError) and f"{path}#row 2" in str(results[0])
    assert "over the limit of 2000000 characters" in str(results[0])
    assert isinstance(results[-1], Article) and results[-1].id == "2"
