"""Inputs as units of work: files, standard input, or byte ranges of big JSON Lines files, each
read record by record with the byte position reached, for progress and resumption.

``plan(paths, options)`` expands paths, directories, globs and "-" (as ``read_paths`` does) into
Units with their sizes, and with ``split_bytes`` cuts large uncompressed JSON Lines files into
ranges that start at a line (one Dask task each). ``read_unit(unit, options)`` yields exactly the
Articles and ReaderErrors that ``read_paths`` gives for the same file, in the same order and with
the same origins ("file#line N" counts from the start of the file, not of the range).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from ..errors import EmptyDocumentError, ReaderError
from ..readers import ReadOptions
from ..readers.paths import STDIN, expand_paths
from ..records import Article

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

ReadResult = Article | ReaderError

_SPLITTABLE = (".jsonl", ".ndjson")
_SCAN = 1 << 20
_LINE = re.compile(r"#line (\d+)$")


@dataclass(frozen=True)
class Unit:
    """A file to read, or the byte range [start, end) of one (whole lines of a JSON Lines file).

    ``path`` is the name origins use; ``size`` and ``mtime_ns`` tell whether the file changed
    since a journal entry was written. Standard input is ``Unit("-")`` with size 0 (unknown)."""

    path: str
    size: int = 0
    mtime_ns: int = 0
    start: int = 0
    end: int | None = None  # None: to the end of the file
    first_line: int = 1  # the number of the range's first line in the file

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN

    @property
    def is_part(self) -> bool:
        return self.end is not None

    @property
    def length(self) -> int:
        """Bytes of this unit (0 for standard input: unknown)."""
        return (self.size if self.end is None else self.end) - self.start

    def label(self) -> str:
        return f"{self.path}[{self.start}:{self.end}]" if self.is_part else self.path

    def key(self) -> str:
        """A stable identity for the journal: the real path and the range."""
        ident = [os.path.realpath(self.path), self.start, self.end]
        return hashlib.sha1(json.dumps(ident).encode("utf-8")).hexdigest()


def options_fingerprint(options: ReadOptions) -> str:
    """What else decides which articles come out of a file (another --field mapping or default
    date reads other articles out of the same bytes)."""
    parts = [sorted(options.fields.items()), options.max_chars, options.format, options.published]
    return hashlib.sha1(json.dumps(parts).encode("utf-8")).hexdigest()[:16]


def plan(
    paths: Iterable[str | Path], options: ReadOptions | None = None, split_bytes: int | None = None
) -> list[Unit | ReaderError]:
    """The units to read, in input order; a ReaderError for an input that names nothing.

    ``split_bytes``: cut uncompressed JSON Lines files larger than this into ranges of about
    this many bytes, each starting at a line (the file is scanned once, for line breaks)."""
    options = options or ReadOptions()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out: list[Unit | ReaderError] = []
    for item in expand_paths(paths):
        if isinstance(item, ReaderError):
            out.append(item)
        elif item == STDIN:
            out.append(Unit(STDIN))
        else:
            out.extend(_file_units(Path(item), options, split_bytes))
    return out


def _file_units(path: Path, options: ReadOptions, split_bytes: int | None) -> list[Unit]:
    try:
        st = path.stat()
        size, mtime = st.st_size, st.st_mtime_ns
    except OSError:
        return [Unit(str(path))]  # reading it reports what is wrong
    unit = Unit(str(path), size, mtime)
    if split_bytes is None or size <= split_bytes or not _splittable(path, options):
        return [unit]
    return list(split_jsonl(unit, split_bytes))


def _splittable(path: Path, options: ReadOptions) -> bool:
    if options.format not in (None, "jsonl", "jsonl.v1"):
        return False
    if not path.name.lower().endswith(_SPLITTABLE):
        return False
    try:
        with open(path, "rb") as f:
            head = f.read(2)
    except OSError:
        return False
    return head != b"\x1f\x8b"  # gzip cannot be entered in the middle


def split_jsonl(unit: Unit, split_bytes: int) -> Iterator[Unit]:
    """Ranges of at least ``split_bytes`` (the last one may be shorter) that start right after a
    line break, with the number of the first line of each: one pass over the file, counting
    line breaks at disk speed."""
    start, first_line = 0, 1
    pos, lines = 0, 0  # bytes scanned; line breaks in them
    target = split_bytes
    with open(unit.path, "rb") as f:
        while block := f.read(_SCAN):
            base = 0
            while (lo := max(target - pos - 1, base)) < len(block):
                k = block.find(b"\n", lo)
                if k < 0:
                    break
                cut = pos + k + 1
                if cut < unit.size:
                    yield dataclasses.replace(unit, start=start, end=cut, first_line=first_line)
                    start, first_line = cut, lines + block.count(b"\n", 0, k + 1) + 1
                target, base = cut + split_bytes, k + 1
            lines += block.count(b"\n")
            pos += len(block)
    yield dataclasses.replace(unit, start=start, end=unit.size, first_line=first_line)


# -- reading -----------------------------------------------------------------------------------
def read_unit(unit: Unit, options: ReadOptions | None = None) -> Iterator[tuple[ReadResult, int]]:
    """(Article or ReaderError, bytes of the unit read so far) for each record, in order. The
    position is where the reader stands after the record (of the compressed file for gzip)."""
    from ..readers import read_paths

    options = options or ReadOptions()
    if unit.is_stdin:
        for item in read_paths([STDIN], options):
            yield item, 0
        return
    if unit.is_part:
        yield from _read_range(unit, options)
        return
    reader = _reader_for(Path(unit.path), options)
    if isinstance(reader, ReaderError):
        yield reader, unit.length
        return
    try:
        raw = open(unit.path, "rb")  # noqa: SIM115 - closed below
    except OSError:
        # The reader reports it, with the message read_paths gives.
        for item in read_paths([unit.path], options):
            yield item, unit.length
        return
    with raw:
        for item in _guarded(reader, raw, unit.path, options):
            yield item, _tell(raw, unit.length)


def _reader_for(path: Path, options: ReadOptions) -> Any:
    """The reader read_paths would choose for this file (forced, by suffix, else by content)."""
    from ..readers.choose import sniff_format
    from ..readers.streams import open_source, sniff_head

    table = _table()
    if options.format:
        return table.for_format(options.format)
    reader = table.for_filename(path.name)
    if reader is not None:
        return reader
    try:
        with open_source(path, decompress=False) as stream:
            return table.for_format(sniff_format(sniff_head(stream)))
    except ReaderError as e:
        return e


_TABLE: Any = None


def _table() -> Any:
    global _TABLE
    if _TABLE is None:
        from ..readers.choose import ReaderTable
        from ..readers.cleaning import boilerplate_patterns

        boilerplate_patterns()  # a broken pattern file is a setup error, raised here once
        _TABLE = ReaderTable.from_registry()
    return _TABLE


def _guarded(reader: Any, source: BinaryIO, origin: str, options: ReadOptions) -> Iterator[ReadResult]:
    from .. import readers

    return readers._guarded(reader, source, origin, options)  # noqa: SLF001 - the same guard as read_paths


def _tell(raw: BinaryIO, fallback: int) -> int:
    try:
        return raw.tell()
    except (OSError, ValueError):
        return fallback


def _read_range(unit: Unit, options: ReadOptions) -> Iterator[tuple[ReadResult, int]]:
    reader = _table().for_format(options.format or "jsonl")
    try:
        raw = open(unit.path, "rb")  # noqa: SIM115 - closed below
    except OSError as e:
        yield ReaderError(unit.path, f"cannot be opened: {e.strerror or e}", "check the path"), unit.length
        return
    with raw:
        raw.seek(unit.start)
        stream = io.BufferedReader(_Range(raw, unit.length, unit.path))
        offset = unit.first_line - 1
        for item in _guarded(reader, stream, unit.path, options):
            if isinstance(item, EmptyDocumentError) and item.origin == unit.path:
                continue  # a range of blank lines; the file as a whole is not empty
            yield _shift(item, offset), raw.tell() - unit.start


def _shift(item: ReadResult, lines: int) -> ReadResult:
    """The record's origin counted from the start of the file."""
    if not lines:
        return item
    origin = item.origin or ""
    m = _LINE.search(origin)
    if m is None:
        return item
    new = f"{origin[: m.start()]}#line {int(m.group(1)) + lines}"
    if isinstance(item, Article):
        return dataclasses.replace(item, origin=new)
    err = type(item)(new, item.problem, item.hint)
    err.__cause__ = item.__cause__
    return err


class _Range(io.RawIOBase):
    """At most ``length`` bytes of a file, from where it stands; named after the file."""

    def __init__(self, raw: BinaryIO, length: int, name: str) -> None:
        self._raw = raw
        self._left = length
        self.name = name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        n = min(len(view), self._left)
        if n <= 0:
            return 0
        data = self._raw.read(n)
        view[: len(data)] = data
        self._left -= len(data)
        return len(data)
