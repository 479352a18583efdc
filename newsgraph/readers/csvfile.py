"""CSV and TSV files with a header row: one article per row, columns named like JSONL keys.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first article row 2.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import EmptyDocumentError, FormatError, ReaderError
from ..registry import registry
from .articles import article_from_record, too_large, too_large_bytes
from .base import FIELD_KEYS, ReadOptions, ReadResult, Source
from .streams import READ_ERRORS, Line, broken_stream, iter_lines, open_source, peek_text_head, source_name

# A physical line longer than this many bytes per allowed character is refused unread
# (quoting doubles quote characters, and UTF-8 takes up to 4 bytes each).
BYTES_PER_CHAR = 8
_DELIMITERS = ",;\t|"


class CsvReader:
    name = "csv.v1"
    suffixes = (".csv", ".tsv", ".tab", ".csv.gz", ".tsv.gz")

    def read(self, source: Source, options: ReadOptions) -> Iterator[ReadResult]:
        origin = source_name(source)
        try:  # only opening raises; problems inside the file are yielded where they occur
            with open_source(source) as stream:
                yield from _read_stream(stream, origin, options)
        except ReaderError as e:
            yield e


class _LineTooLong(Exception):
    def __init__(self, line: Line) -> None:
        self.line = line


class _DecodedLines:
    """Physical lines as text for csv.reader, decoded one by one so a stray Windows-1252
    line does not spoil the file. A line over the cap raises _LineTooLong from __next__;
    csv.reader passes it on and can be called again afterwards."""

    def __init__(self, stream: BinaryIO, cap: int) -> None:
        self._lines = iter_lines(stream, cap)
        self.number = 0  # physical line last read

    def __iter__(self) -> _DecodedLines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.number = line.number
        if line.data is None:
            raise _LineTooLong(line)
        data = line.data.removeprefix(b"\xef\xbb\xbf") if line.number == 1 else line.data
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            # Spreadsheets export Windows-1252; its five undefined bytes become U+FFFD.
            return data.decode("cp1252", errors="replace")


def _read_stream(stream: BinaryIO, origin: str, options: ReadOptions) -> Iterator[ReadResult]:
    head = peek_text_head(stream, origin, "a UTF-8 or Windows-1252 CSV file", "save it as CSV (UTF-8)")
    if isinstance(head, ReaderError):
        yield head
        return
    _allow_fields_of(options.max_chars)
    lines = _DecodedLines(stream, options.max_chars * BYTES_PER_CHAR)
    delimiter = _delimiter(head, origin)
    rows = csv.reader(lines, delimiter=delimiter)
    row = 1
    try:
        header = _header(rows, origin, options)
        if isinstance(header, ReaderError):
            yield header
            return
        seen = 0
        while True:
            row += 1
            where = f"{origin}#row {row}"
            try:
                values = next(rows)
            except StopIteration:
                break
            except _LineTooLong as e:
                seen += 1
                yield too_large_bytes(where, options, e.line.size)
                continue
            except csv.Error as e:
                seen += 1
                yield _csv_error(e, where, lines.number, options)
                continue
            if not values or not any(v.strip() for v in values):
                row -= 1  # a blank line is no row, as in a spreadsheet import
                continue
            seen += 1
            yield _row_record(header, values, where, lines.number, delimiter, options)
    except READ_ERRORS as e:
        yield broken_stream(origin, e, f"after row {row - 1}")
        return
    if not seen:
        yield EmptyDocumentError(origin, "has a header row but no rows", "leave it out of the input")


def _header(rows: Iterator[list[str]], origin: str, options: ReadOptions) -> list[str] | ReaderError:
    try:
        header = next(rows)
    except StopIteration:
        return EmptyDocumentError(origin, "is empty", "leave it out of the input")
    except (_LineTooLong, csv.Error) as e:
        return FormatError(origin, f"has no readable header row ({e})", "the first row must name the columns")
    header = [name.strip() for name in header]
    text_column = options.fields.get("text", "text")
    if text_column not in header:
        known = [k for k in FIELD_KEYS if k in header]
        return FormatError(
            origin,
            f"has no {text_column!r} column (its columns: {', '.join(header) or 'none'})",
            "the first row must name the columns; name the text column with "
            "fields={'text': '<column>'} (--field text=<column>)"
            + (f" (found only {', '.join(known)})" if known else ""),
        )
    return header


def _row_record(
    header: list[str], values: list[str], where: str, line: int, delimiter: str, options: ReadOptions
) -> ReadResult:
    if len(values) != len(header):
        shown = "tab" if delimiter == "\t" else repr(delimiter)
        return FormatError(
            where,
            f"has {len(values)} fields but the header has {len(header)} (ends at line {line})",
            f"fields that contain the delimiter {shown}, a quote or a newline must be in double quotes",
        )
    if any("\x00" in v for v in values):
        return FormatError(
            where,
            f"contains a NUL byte (ends at line {line})",
            "the file is damaged or not text there; fix or remove the row",
        )
    try:
        return article_from_record(dict(zip(header, values, strict=True)), where, options)
    except ReaderError as e:
        return e


def _csv_error(e: csv.Error, where: str, line: int, options: ReadOptions) -> ReaderError:
    if "field larger than field limit" in str(e):
        return too_large(where, options, options.max_chars, exact=False)
    return FormatError(where, f"is not valid CSV: {e} (line {line})", "fix or remove the row")


def _delimiter(head: bytes, origin: str) -> str:
    """The delimiter of the header line: the most frequent candidate, the suffix's on a tie."""
    first_line = head.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    default = "\t" if origin.lower().removesuffix(".gz").endswith((".tsv", ".tab")) else ","
    candidates = [default] + [d for d in _DELIMITERS if d != default]
    return max(candidates, key=first_line.count)  # max keeps the first of equals: the default


def _allow_fields_of(max_chars: int) -> None:
    # csv's default field limit (131072) is smaller than many articles. The limit is
    # process-wide, so only ever raise it; longer fields are refused as too large.
    wanted = min(max_chars + 1, sys.maxsize, 2**31 - 1)
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)


registry.readers.register("csv.v1")(CsvReader)
