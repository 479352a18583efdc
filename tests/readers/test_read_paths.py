from __future__ import annotations

import gzip
import io
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import catalogue
import pytest

from newsgraph.errors import ConfigError, ReaderError
from newsgraph.readers import Reader, ReadOptions, read_paths
from newsgraph.readers.base import Source
from newsgraph.records import Article
from newsgraph.registry import registry

DATA = Path(__file__).parents[1] / "data" / "readers"


def _read(*paths: str | Path, **options: Any) -> list[Article | ReaderError]:
    return list(read_paths([str(p) for p in paths], ReadOptions(**options)))


def _article(result: Article | ReaderError) -> Article:
    assert isinstance(result, Article), str(result)
    return result


def _story(n: int) -> str:
    return f"Headline {n}\n\nThe council met on day {n} and agreed a budget."


def test_builtin_readers_are_registered() -> None:
    names = registry.readers.names()
    for name in ("text.v1", "html.v1", "jsonl.v1", "csv.v1", "warc.v1"):
        assert name in names
        assert isinstance(registry.readers.make(name), Reader)


def test_directories_are_read_recursively_in_order_without_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".cache").mkdir()
    (tmp_path / "b" / "2.txt").write_text(_story(2), encoding="utf-8")
    (tmp_path / "b" / "1.txt").write_text(_story(1), encoding="utf-8")
    (tmp_path / "a.txt").write_text(_story(0), encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(_story(9), encoding="utf-8")
    (tmp_path / ".cache" / "x.txt").write_text(_story(9), encoding="utf-8")
    results = _read(tmp_path)
    assert [_article(r).title for r in results] == ["Headline 0", "Headline 1", "Headline 2"]
    assert len(results) == 3


def test_glob_patterns_and_a_missing_path_in_one_batch(tmp_path: Path) -> None:
    for n in (1, 2):
        (tmp_path / f"dump{n}.jsonl.gz").write_bytes(
            gzip.compress(json.dumps({"text": f"Story {n}."}).encode())
        )
    (tmp_path / "other.txt").write_text(_story(3), encoding="utf-8")
    results = _read(tmp_path / "missing.jsonl", str(tmp_path / "*.jsonl.gz"), tmp_path / "nothing-*.csv")
    missing, one, two, no_match = results
    assert (
        isinstance(missing, ReaderError)
        and "missing.jsonl" in str(missing)
        and "no such file" in str(missing)
    )
    assert [_article(one).text, _article(two).text] == ["Story 1.", "Story 2."]
    assert isinstance(no_match, ReaderError) and "no files match" in str(no_match)


def test_unknown_suffixes_are_sniffed(tmp_path: Path) -> None:
    (tmp_path / "a.dump").write_text(json.dumps({"text": "From JSON."}) + "\n", encoding="utf-8")
    (tmp_path / "b.page").write_bytes((DATA / "article.html").read_bytes())
    (tmp_path / "c.gz").write_bytes(gzip.compress(json.dumps({"text": "From gzipped JSON."}).encode()))
    (tmp_path / "d").write_text(_story(4), encoding="utf-8")
    (tmp_path / "e.bin").write_bytes(b"\x00\x01\x02\x03" * 100)
    a, b, c, d, e = _read(tmp_path)
    assert _article(a).text == "From JSON."
    assert _article(b).title == "Northern rebels agree to resume talks with government"
    assert _article(c).text == "From gzipped JSON."
    assert _article(d).title == "Headline 4"
    assert isinstance(e, ReaderError) and "e.bin" in str(e)


def test_a_warc_without_its_suffix_is_sniffed(tmp_path: Path) -> None:
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    note = b"Note\n\nThe bridge reopened on Friday after repairs that took two years."
    writer.write_record(
        writer.create_warc_record(
            "https://x.example/n",
            "resource",
            payload=io.BytesIO(note),
            length=len(note),
            warc_content_type="text/plain",
        )
    )
    (tmp_path / "crawl-0001").write_bytes(out.getvalue())
    (article,) = _read(tmp_path / "crawl-0001")
    assert isinstance(article, Article) and article.url == "https://x.example/n"


def test_format_forces_a_reader(tmp_path: Path) -> None:
    path = tmp_path / "looks-like.txt"
    path.write_text(json.dumps({"text": "Really JSON."}) + "\n", encoding="utf-8")
    (article,) = _read(path, format="jsonl")
    assert isinstance(article, Article) and article.text == "Really JSON."
    with pytest.raises(ConfigError, match="Available formats: .*jsonl"):
        _read(path, format="pdf")


def _stdin(monkeypatch: pytest.MonkeyPatch, stream: io.RawIOBase | io.BytesIO) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(stream)))  # type: ignore[arg-type]


def test_stdin_as_json_lines_or_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, io.BytesIO(b'{"text": "One."}\n{"text": "Two."}\n'))
    assert [_article(a).text for a in _read("-")] == ["One.", "Two."]
    _stdin(monkeypatch, io.BytesIO(b"{Braces} open this headline\n\nAnd then the story."))
    (article,) = _read("-")
    assert isinstance(article, Article) and article.title == "{Braces} open this headline"
    assert article.origin == "<stdin>"


class _EndlessDump(io.RawIOBase):
    """A stdin that never ends: only a streaming reader can give its first records."""

    def __init__(self) -> None:
        self._lines = (
            json.dumps({"id": n, "text": f"Record {n}."}).encode() + b"\n" for n in itertools.count()
        )
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        while len(self._pending) < len(buffer):
            self._pending += next(self._lines)
        n = len(buffer)
        buffer[:n], self._pending = self._pending[:n], self._pending[n:]
        return n


def test_reading_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, _EndlessDump())
    first = list(itertools.islice(read_paths(["-"]), 3))
    assert [_article(a).id for a in first] == ["0", "1", "2"]


class _ShoutingReader:
    """A third-party reader, as a plugin would register it."""

    name = "shout.v1"
    suffixes = (".shout", ".txt")

    def read(self, source: Source, options: ReadOptions) -> Iterator[Article | ReaderError]:
        text = Path(str(source)).read_text(encoding="utf-8").upper()
        yield Article(id="shout", text=text, origin=str(source))


class _BrokenReader:
    name = "broken.v1"
    suffixes = (".broken",)

    def read(self, source: Source, options: ReadOptions) -> Iterator[Article | ReaderError]:
        yield Article(id="ok", text="Before the bug.")
        raise RuntimeError("bug in the plugin")


@pytest.fixture
def plugins() -> Iterator[None]:
    registry.readers.register("shout.v1")(_ShoutingReader)
    registry.readers.register("broken.v1")(_BrokenReader)
    yield
    catalogue._remove(("newsgraph", "readers", "shout.v1"))
    catalogue._remove(("newsgraph", "readers", "broken.v1"))


def test_a_registered_third_party_reader_takes_its_suffixes(plugins: None, tmp_path: Path) -> None:
    (tmp_path / "a.shout").write_text("hello", encoding="utf-8")
    (tmp_path / "b.txt").write_text("also mine", encoding="utf-8")  # taken over from text.v1
    (tmp_path / "c.broken").write_text("x", encoding="utf-8")
    (tmp_path / "d.jsonl").write_text('{"text": "Still the built-in reader."}\n', encoding="utf-8")
    a, b, before, failed, d = _read(tmp_path)
    assert (_article(a).text, _article(b).text) == ("HELLO", "ALSO MINE")
    assert _article(before).text == "Before the bug."
    # A reader that raises costs its own file, with a message naming file and reader; the batch goes on.
    assert isinstance(failed, ReaderError) and "c.broken" in str(failed) and "broken.v1" in str(failed)
    assert isinstance(failed.__cause__, RuntimeError)
    assert _article(d).text == "Still the built-in reader."


def test_read_options_are_checked() -> None:
    with pytest.raises(ConfigError, match="txt"):
        ReadOptions(fields={"txt": "body"})
    with pytest.raises(ConfigError, match="max_chars"):
        ReadOptions(max_chars=0)
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        ReadOptions(published="sometime")
    assert ReadOptions(published="6 October 2014").published == "2014-10-06"


def test_a_single_path_string_is_one_path() -> None:
    (article,) = read_paths(str(DATA / "article.txt"))  # type: ignore[arg-type]
    assert isinstance(article, Article)
