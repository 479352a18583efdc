"""Readers: files of news articles -> Articles, with a ReaderError for what cannot be read.

    from newsgraph.readers import read_paths, ReadOptions
    for result in read_paths(["dumps/", "page.html", "-"], ReadOptions(published="2014-10-06")):
        ...  # an Article, or a ReaderError naming the file and record

Importing this package registers the built-in readers (text.v1, html.v1, jsonl.v1,
csv.v1, warc.v1) in ``registry.readers``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import ReaderError
from ..records import Article
from . import csvfile, html, jsonl, text, warc  # noqa: F401  (import registers them)
from .base import Reader, ReadOptions, ReadResult, Source
from .choose import SNIFF_BYTES, ReaderTable, sniff_format
from .cleaning import boilerplate_patterns
from .paths import STDIN, expand_paths
from .streams import open_source, prepend, sniff_head

__all__ = ["ReadOptions", "ReadResult", "Reader", "read_paths"]

_DEFAULTS = ReadOptions()


def read_paths(paths: Iterable[str | Path], options: ReadOptions = _DEFAULTS) -> Iterator[ReadResult]:
    """Articles and ReaderErrors from files, directories, glob patterns and "-" (stdin), in order.

    Streams: one record at a time, whatever the size of the files. Never raises for a bad
    document or file; raises ConfigError for bad settings (an unknown format, a broken
    boilerplate list, a third-party reader that cannot be created) before reading anything.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]  # one path given bare: surely not its characters
    boilerplate_patterns()  # a broken pattern file is a setup error, not every document's
    table = ReaderTable.from_registry()
    forced = table.for_format(options.format) if options.format else None
    for item in expand_paths(paths):
        if isinstance(item, ReaderError):
            yield item
        elif item == STDIN:
            yield from _read_stdin(table, forced, options)
        else:
            yield from _read_file(Path(item), table, forced, options)


def _read_file(
    path: Path, table: ReaderTable, forced: Reader | None, options: ReadOptions
) -> Iterator[ReadResult]:
    reader = forced or table.for_filename(path.name)
    if reader is None:
        try:
            with open_source(path, decompress=False) as stream:
                reader = table.for_format(sniff_format(sniff_head(stream)))
        except ReaderError as e:
            yield e
            return
    yield from _guarded(reader, path, str(path), options)


def _read_stdin(table: ReaderTable, forced: Reader | None, options: ReadOptions) -> Iterator[ReadResult]:
    raw: BinaryIO = sys.stdin.buffer
    head = _first_line(raw)
    stream = prepend(head, raw, name="<stdin>")
    reader = forced or table.for_format(sniff_format(sniff_head(stream, SNIFF_BYTES), stdin=True))
    yield from _guarded(reader, stream, "<stdin>", options)


def _first_line(raw: BinaryIO) -> bytes:
    """Enough of a pipe to sniff: its first line, at most SNIFF_BYTES, without waiting for more
    (a producer may send one record at a time, and each should be read as it comes)."""
    read1 = getattr(raw, "read1", raw.read)
    head = b""
    while b"\n" not in head and len(head) < SNIFF_BYTES:
        chunk = read1(SNIFF_BYTES - len(head))
        if not chunk:
            break
        head += chunk
    return head


def _guarded(reader: Reader, source: Source, origin: str, options: ReadOptions) -> Iterator[ReadResult]:
    """The reader's results, with whatever it raises turned into a ReaderError for its file.

    Built-in readers yield their errors; this guard is for third-party readers and for the
    failure nobody foresaw, so that one file cannot end a batch.
    """
    name = getattr(reader, "name", type(reader).__name__)
    try:
        for result in reader.read(source, options):
            if isinstance(result, (Article, ReaderError)):
                yield result
            else:
                yield ReaderError(
                    origin,
                    f"reader {name} produced a {type(result).__name__}, not an Article or ReaderError",
                    "this is a bug in that reader",
                )
    except ReaderError as e:
        yield e
    except Exception as e:  # noqa: BLE001 - reported, with the cause attached, not swallowed
        error = ReaderError(
            origin,
            f"reader {name} failed: {type(e).__name__}: {e}",
            "this is a bug in the reader; please report it with this file",
        )
        error.__cause__ = e
        yield error
