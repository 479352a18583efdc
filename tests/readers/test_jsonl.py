from __future__ import annotations

import gzip
import json
import time
from pathlib import Path
from typing import Any

from newsgraph.errors import EmptyDocumentError, EncodingError, FormatError, ReaderError
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


def _lines(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_records_become_articles_and_a_malformed_line_is_reported_in_place() -> None:
    results = _read(DATA / "articles.jsonl", published="2022-01-01")
    assert [type(r) for r in results] == [Article, Article, FormatError, Article]
    first, second, bad, fourth = results
    assert isinstance(first, Article) and isinstance(second, Article) and isinstance(fourth, Article)
    assert first.id == "101"  # the record's id, as a string
    assert first.title == "Border talks resume"
    assert first.published == "2022-05-06"  # from an ISO datetime
    assert first.url == "https://example.org/border-talks" and first.publisher == "Example Wire"
    assert first.origin == f"{DATA / 'articles.jsonl'}#line 1"
    assert second.published == "2022-05-07"  # from "May 7, 2022"
    assert fourth.id == article_id(fourth.text)  # no id: a content id
    assert fourth.published == "2022-01-01"  # "not a date" is no failure: the default fills in
    assert f"{DATA / 'articles.jsonl'}#line 3" in str(bad) and "not valid JSON" in str(bad)


def test_fields_map_our_keys_to_the_dump_s_own(tmp_path: Path) -> None:
    path = tmp_path / "dump.ndjson"
    path.write_text(
        _lines({"uid": 7, "headline": "H", "body": "Body text.", "date": "2015-02-03"}), encoding="utf-8"
    )
    (article,) = _read(path, fields={"id": "uid", "title": "headline", "text": "body", "published": "date"})
    assert isinstance(article, Article)
    assert (article.id, article.title, article.text, article.published) == (
        "7",
        "H",
        "Body text.",
        "2015-02-03",
    )


def test_a_missing_text_key_says_how_to_map_it(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(_lines({"headline": "H", "body": "The body of the story."}), encoding="utf-8")
    (error,) = _read(path)
    assert isinstance(error, FormatError)
    assert "#line 1" in str(error) and "'text'" in str(error) and "fields={'text': 'body'}" in str(error)


def test_every_kind_of_bad_line_is_named_and_the_rest_still_comes(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        _lines(
            {"text": "First."},
            "[1, 2]",  # not an object
            "",  # blank lines are skipped silently
            {"text": ""},  # empty text
            {"text": {"nested": True}},  # text of the wrong type
        ).encode()
        + b'{"text": "caf\xe9"}\n'  # latin-1 bytes
        + _lines({"text": ["Para one.", "Para two."]}, {"text": "Last."}).encode()
    )
    results = _read(path)
    kinds = [type(r) for r in results]
    assert kinds == [Article, FormatError, EmptyDocumentError, FormatError, EncodingError, Article, Article]
    failed = [r.origin for r in results if isinstance(r, ReaderError)]
    assert failed == [f"{path}#line {n}" for n in (2, 4, 5, 6)]
    assert "UTF-8" in str(results[4])
    assert _article(results[5]).text == "Para one.\n\nPara two."


def test_gzipped_dumps_stream_and_a_truncated_one_fails_after_the_good_records(tmp_path: Path) -> None:
    data = gzip.compress(_lines(*({"id": i, "text": f"Record number {i}."} for i in range(3000))).encode())
    (tmp_path / "a.jsonl.gz").write_bytes(data)
    (tmp_path / "b.jsonl.gz").write_bytes(data[: len(data) // 2])
    results = _read(tmp_path)
    good = [r for r in results if isinstance(r, Article) and str(r.origin).startswith(str(tmp_path / "a"))]
    assert len(good) == 3000
    cut = results[3000:]
    assert all(isinstance(r, Article) for r in cut[:-1]) and len(cut) > 100
    assert [_article(a).id for a in cut[:-1]] == [str(i) for i in range(len(cut) - 1)]
    assert isinstance(cut[-1], FormatError)
    assert (
        "b.jsonl.gz" in str(cut[-1])
        and "truncated" in str(cut[-1])
        and f"after line {len(cut) - 1}" in str(cut[-1])
    )


def test_a_json_array_file_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(
        json.dumps([{"id": "x1", "text": "One."}, 3, {"id": "x2", "text": "Two."}], indent=2),
        encoding="utf-8",
    )
    results = _read(path)
    assert [type(r) for r in results] == [Article, FormatError, Article]
    assert [r.origin for r in results] == [f"{path}#item {n}" for n in (1, 2, 3)]


def test_a_pretty_printed_object_and_a_truncated_array(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        json.dumps({"title": "T", "text": "Pretty."}, indent=2), encoding="utf-8"
    )
    (tmp_path / "b.json").write_text('[{"text": "Kept."}, {"text": "Cut', encoding="utf-8")
    results = _read(tmp_path)
    assert [type(r) for r in results] == [Article, Article, FormatError]
    assert _article(results[0]).text == "Pretty." and _article(results[1]).text == "Kept."
    assert "b.json#item 2" in str(results[2]) and "truncated" in str(results[2])


def test_empty_and_binary_files(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_bytes(b"")
    (tmp_path / "b.jsonl").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x00\x00\x00")
    (tmp_path / "c.jsonl").write_text(_lines({"text": "Fine."}), encoding="utf-8")
    results = _read(tmp_path)
    assert [type(r) for r in results] == [EmptyDocumentError, EncodingError, Article]
    assert "a.jsonl" in str(results[0]) and "b.jsonl" in str(results[1])


def test_a_50_mb_line_is_refused_and_the_next_line_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("wb") as f:
        f.write(b'{"text": "')
        chunk = b"x" * (1 << 20)
        for _ in range(FIFTY_MB // len(chunk)):
            f.write(chunk)
        f.write(b'"}\n' + json.dumps({"text": "After the big one."}).encode() + b"\n")
    start = time.perf_counter()
    refused, after = _read(path)
    assert time.perf_counter() - start < 0.8
    assert isinstance(refused, ReaderError) and f"{path}#line 1" in str(refused)
    assert "over the limit of 2000000 characters" in str(refused)
    assert isinstance(after, Article) and after.origin == f"{path}#line 2"


def test_text_over_the_limit_is_refused_by_its_length(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(_lines({"text": "y" * 101}, {"text": "y" * 100}), encoding="utf-8")
    refused, kept = _read(path, max_chars=100)
    assert isinstance(refused, ReaderError) and "document is 101 characters, over the limit of 100" in str(
        refused
    )
    assert isinstance(kept, Article)
