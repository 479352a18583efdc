"""Opening sources and reading them in bounded pieces.

Everything here reads a little at a time: a multi-gigabyte dump or a file with no
newlines must never be pulled into memory whole.
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ..errors import EmptyDocumentError, EncodingError, FormatError, ReaderError
from .articles import too_large_bytes
from .base import ReadOptions, Source
from .decoding import binary_reason, bom_encoding

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

GZIP_MAGIC = b"\x1f\x8b"

# What reading a stream raises when the data breaks off: for gzip, BadGzipFile (an OSError)
# for a bad header, EOFError for a truncated stream, zlib.error for corrupt data; OSError
# for a plain file the disk or network drive fails to deliver.
READ_ERRORS = (OSError, EOFError, zlib.error)

# Bytes per character at most (UTF-8 and UTF-16 both need up to 4): a document larger than
# this many bytes per allowed character is refused without being read.
BYTES_PER_CHAR = 4

_SKIP_CHUNK = 1 << 20


def source_name(source: Source | str) -> str:
    """The name errors and article origins use for a source."""
    if isinstance(source, (str, Path)):
        return str(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "<stream>"


@contextmanager
def open_source(source: Source | str, *, decompress: bool = True) -> Iterator[BinaryIO]:
    """A binary stream over the source, gunzipped when it is gzip data and `decompress` is set.

    Raises ReaderError when a path cannot be opened. A stream passed in is not closed.
    """
    origin = source_name(source)
    if isinstance(source, (str, Path)):
        try:
            raw: BinaryIO = open(source, "rb")  # noqa: SIM115 - closed below
        except OSError as e:
            raise ReaderError(origin, f"cannot be opened: {e.strerror or e}", _open_hint(e)) from e
        owned = True
    else:
        raw, owned = ensure_peekable(source), False
    try:
        if decompress and raw.peek(2)[:2] == GZIP_MAGIC:  # type: ignore[attr-defined]
            with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
                yield unzipped  # type: ignore[misc]
        else:
            yield raw
    finally:
        if owned:
            raw.close()


def _open_hint(e: OSError) -> str:
    if isinstance(e, FileNotFoundError):
        return "check the path"
    if isinstance(e, PermissionError):
        return "check the file's permissions"
    if isinstance(e, IsADirectoryError):
        return "pass the directory to read_paths, which reads the files in it"
    return "check that the file exists and is readable"


def ensure_peekable(stream: BinaryIO) -> BinaryIO:
    """The stream itself when it supports peek(), else a buffered wrapper that does."""
    if hasattr(stream, "peek"):
        return stream
    return prepend(b"", stream)


def prepend(head: bytes, stream: BinaryIO, name: str | None = None) -> BinaryIO:
    """A peekable stream that yields `head` and then the rest of `stream` (for sniffing stdin).

    Its name (for errors and origins) is `name`, else the stream's own.
    """
    return io.BufferedReader(_Chain(head, stream, name or source_name(stream)))


class _Chain(io.RawIOBase):
    def __init__(self, head: bytes, stream: BinaryIO, name: str) -> None:
        self._head = memoryview(head)
        self._stream = stream
        self.name = name  # BufferedReader.name reads it

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            n = min(len(view), len(self._head))
            view[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(view))
        view[: len(data)] = data
        return len(data)


def peek_text_head(stream: BinaryIO, origin: str, kind: str, fix: str) -> bytes | ReaderError:
    """The first bytes of a file of many text records (JSONL, CSV), or the error that it is
    not 8-bit text at all: UTF-16/32, or binary. Records are then read one by one."""
    try:
        head: bytes = stream.peek(4096)[:4096]  # type: ignore[attr-defined]
    except READ_ERRORS as e:
        return broken_stream(origin, e, "at its start", kept=False)
    bom = bom_encoding(head)
    reason = f"it is {bom[0]}" if bom and bom[0] != "utf-8" else binary_reason(head, any_nul=False)
    if reason:
        return EncodingError(
            origin, f"is not {kind}: {reason}", f"{fix}, or check that this is the file you meant"
        )
    return head


def sniff_head(stream: BinaryIO, size: int = 4096) -> bytes:
    """The first bytes of a peekable stream, gunzipped when it is gzip data; nothing is consumed."""
    head: bytes = stream.peek(size)[:size]  # type: ignore[attr-defined]
    if head.startswith(GZIP_MAGIC):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, size)
        except zlib.error:
            return b""
    return head


def file_size(stream: BinaryIO) -> int | None:
    """Total size of a regular file behind the stream; None for pipes and in-memory streams."""
    try:
        info = os.fstat(stream.fileno())
    except (OSError, AttributeError, ValueError):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def plain_size(stream: BinaryIO) -> int | None:
    """Bytes left in a regular, uncompressed file; None when that cannot be known cheaply."""
    if isinstance(stream, gzip.GzipFile):
        return None  # its fileno() is the compressed file's
    size = file_size(stream)
    return None if size is None else size - stream.tell()


@dataclass(frozen=True)
class Capped:
    """What read_capped got: the data, or how many bytes were seen when over the cap."""

    data: bytes | None  # None: over the cap
    size: int  # bytes read, or the file size when known
    exact: bool = True  # False: the source is larger than `size`, by an unknown amount


def read_capped(stream: BinaryIO, cap: int) -> Capped:
    """Read a whole document of at most `cap` bytes; refuse from the file size when possible."""
    size = plain_size(stream)
    if size is not None and size > cap:
        return Capped(None, size)
    data = stream.read(cap + 1)
    if len(data) > cap:
        return Capped(None, len(data), exact=False)
    return Capped(data, len(data))


@dataclass(frozen=True)
class Line:
    number: int  # 1-based physical line number
    data: bytes | None  # the line with its newline; None when it was longer than the cap
    size: int  # its length in bytes (for a skipped line: as far as it was counted)


def iter_lines(stream: BinaryIO, cap: int) -> Iterator[Line]:
    """Lines of at most `cap` bytes; a longer one is skipped in chunks and reported without data."""
    number = 0
    while True:
        data = stream.readline(cap + 1)
        if not data:
            return
        number += 1
        if len(data) <= cap or data.endswith(b"\n"):
            yield Line(number, data, len(data))
            continue
        size = len(data)
        del data  # the point is not to hold it
        while True:
            chunk = stream.readline(_SKIP_CHUNK)
            size += len(chunk)
            if not chunk or chunk.endswith(b"\n"):
                break
        yield Line(number, None, size)


def broken_stream(origin: str, exc: BaseException, where: str, kept: bool = True) -> ReaderError:
    """The error for data that breaks off part-way: truncated or corrupt gzip, or a failing disk."""
    done = "the records before it were read; " if kept else ""
    if isinstance(exc, OSError) and not isinstance(exc, gzip.BadGzipFile):
        return ReaderError(
            origin,
            f"could not be read {where} ({exc.strerror or exc})",
            f"{done}check the disk or drive it is on",
        )
    return FormatError(
        origin,
        f"the gzip data is truncated or corrupt {where} ({type(exc).__name__}: {exc})",
        f"{done}re-download or re-compress the file" + (" to get the rest" if kept else ""),
    )


def read_document(source: Source, options: ReadOptions) -> bytes:
    """All the bytes of a one-document file (text, HTML), gunzipped.

    Raises ReaderError when it cannot be opened or is too large (known from its size,
    before reading), EmptyDocumentError when it is empty, FormatError when its gzip breaks off.
    """
    origin = source_name(source)
    with open_source(source) as stream:
        try:
            got = read_capped(stream, options.max_chars * BYTES_PER_CHAR)
        except READ_ERRORS as e:
            raise broken_stream(origin, e, "before the end of the document", kept=False) from e
    if got.data is None:
        raise too_large_bytes(origin, options, got.size, got.exact)
    if not got.data.strip():
        raise EmptyDocumentError(origin, "is empty", "leave it out of the input")
    return got.data
