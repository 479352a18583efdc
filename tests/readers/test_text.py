from __future__ import annotations

import codecs
import gzip
import os
import time
from pathlib import Path
from typing import Any

from newsgraph.errors import EmptyDocumentError, EncodingError, ReaderError
from newsgraph.readers import ReadOptions, read_paths
from newsgraph.readers.articles import article_id
from newsgraph.records import Article

DATA = Path(__file__).parents[1] / "data" / "readers"
FIFTY_MB = 50 * 1024 * 1024  # well over the default limit of 2,000,000 characters in any format


def _read(*paths: str | Path, **options: Any) -> list[Article | ReaderError]:
    return list(read_paths([str(p) for p in paths], ReadOptions(**options)))


def _article(result: Article | ReaderError) -> Article:
    assert isinstance(result, Article), str(result)
    return result


STORY = "Rebels took the town of Maro on Sunday.\n\nThe army said it would retake it within days."


def _one(path: Path, **options: object) -> Article | ReaderError:
    results = _read(path, **options)
    assert len(results) == 1, results
    return results[0]


def test_title_text_and_boilerplate_of_a_real_article() -> None:
    article = _one(DATA / "article.txt", published="2021-03-02")
    assert isinstance(article, Article)
    assert article.title == "Port workers strike over unpaid wages"
    # The repeated title, the CRLFs and the sharing/comment/copyright lines at the end are gone...
    assert article.text.startswith("Dock workers at the southern port of Keralo walked off the job")
    assert article.text.endswith("the strike would go on until the money arrived.")
    assert "\r" not in article.text
    for gone in ("Share this article", "Follow us", "commenting", "All rights reserved"):
        assert gone not in article.text
    # ...but a boilerplate-looking line in the middle of the story stays.
    assert "\n\nAdvertisement\n\n" in article.text
    assert article.published == "2021-03-02"  # the default date fills in for a text file
    assert article.id == article_id(article.text)
    assert article.origin == str(DATA / "article.txt")


def test_same_text_gives_the_same_id_whatever_the_newlines(tmp_path: Path) -> None:
    unix = tmp_path / "unix.txt"
    windows = tmp_path / "windows.txt"
    unix.write_text("Title\n\n" + STORY + "\n", encoding="utf-8")
    windows.write_bytes(("Title\r\n\r\n" + STORY.replace("\n", "\r\n")).encode("utf-8"))
    a, b = _read(unix, windows)
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.text == b.text == STORY
    assert a.id == b.id


def test_byte_order_marks_are_honoured(tmp_path: Path) -> None:
    text = "Заголовок\n\nСтатья о переговорах в Женеве."
    (tmp_path / "utf8.txt").write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))  # with its BOM
    results = _read(tmp_path)
    found = [(r.title, r.text) for r in results if isinstance(r, Article)]
    assert found == [("Заголовок", "Статья о переговорах в Женеве.")] * 2


def test_latin1_bytes_are_read_as_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café talks\n\nThe minister met délégués in the café – “quietly”.".encode("cp1252"))
    article = _one(path)
    assert isinstance(article, Article)
    assert article.title == "Café talks"
    assert article.text == "The minister met délégués in the café – “quietly”."


def test_bad_encodings_and_binary_files_are_named_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a_utf16_without_bom.txt").write_bytes("Title\n\nSome text here.".encode("utf-16-le"))
    (tmp_path / "b_png.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "c_random.txt").write_bytes(os.urandom(2048) + b"\x00")
    (tmp_path / "d_good.txt").write_text("Title\n\n" + STORY, encoding="utf-8")
    results = _read(tmp_path)
    assert [type(r) for r in results] == [EncodingError, EncodingError, EncodingError, Article]
    utf16, png, random_bytes = results[:3]
    assert "a_utf16_without_bom.txt" in str(utf16) and "UTF-16" in str(utf16)
    assert "b_png.txt" in str(png) and "binary" in str(png)
    assert "c_random.txt" in str(random_bytes)
    assert "UTF-8" in str(png)  # says what to do


def test_empty_and_boilerplate_only_files_are_empty_documents(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text("\n\n   \n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Share this article\nAdvertisement\nRead more\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text("Title\n\n" + STORY, encoding="utf-8")
    results = _read(tmp_path)
    assert [type(r) for r in results] == [EmptyDocumentError] * 3 + [Article]
    assert all(str(tmp_path) in str(r) for r in results if isinstance(r, ReaderError))


def test_a_single_line_or_a_paragraph_first_is_text_not_a_title(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The army shelled the village on Monday.", encoding="utf-8")
    long_first = "x " * 200 + "end.\nSecond paragraph."
    (tmp_path / "b.txt").write_text(long_first, encoding="utf-8")
    one, two = _read(tmp_path)
    assert isinstance(one, Article) and one.title is None
    assert one.text == "The army shelled the village on Monday."
    assert isinstance(two, Article) and two.title is None and two.text.endswith("Second paragraph.")


def test_gzipped_text_is_read_and_a_truncated_one_is_reported(tmp_path: Path) -> None:
    data = gzip.compress(("Title\n\n" + STORY * 200).encode("utf-8"))
    (tmp_path / "a.txt.gz").write_bytes(data)
    (tmp_path / "b.txt.gz").write_bytes(data[: len(data) // 2])
    good, bad = _read(tmp_path)
    assert isinstance(good, Article) and good.title == "Title"
    assert isinstance(bad, ReaderError) and "b.txt.gz" in str(bad) and "truncated" in str(bad)


def test_a_50_mb_document_is_refused_quickly_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(FIFTY_MB)  # sparse: no need to write 50 MB to prove we do not read them
    (tmp_path / "small.txt").write_text("Title\n\n" + STORY, encoding="utf-8")
    start = time.perf_counter()
    results = _read(tmp_path)
    assert time.perf_counter() - start < 0.5
    refused, small = results
    assert isinstance(refused, ReaderError) and isinstance(small, Article)
    message = str(refused)
    assert "big.txt" in message and str(FIFTY_MB) in message
    assert "over the limit of 2000000" in message and "max_chars" in message


def test_the_limit_counts_characters_not_bytes(tmp_path: Path) -> None:
    path = tmp_path / "arabic.txt"
    path.write_text("عنوان\n\n" + "ب" * 150, encoding="utf-8")  # 157 characters, 314 bytes
    assert isinstance(_one(path, max_chars=200), Article)
    refused = _one(path, max_chars=100)
    assert isinstance(refused, ReaderError)
    assert "document is 157 characters, over the limit of 100" in str(refused)
