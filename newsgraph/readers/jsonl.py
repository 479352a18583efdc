"""JSON Lines dumps: one article object per line, optionally gzipped; also .json arrays.

Read line by line (a bad line is reported and skipped; the next one is read), so a
dump of any size streams through in constant memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..errors import EmptyDocumentError, EncodingError, FormatError, ReaderError
from ..registry import registry
from .articles import article_from_record, too_large_bytes
from .base import ReadOptions, ReadResult, Source
from .json_stream import JsonProblem, iter_json_values
from .streams import READ_ERRORS, broken_stream, iter_lines, open_source, peek_text_head, source_name

# JSON escapes make a line longer than its text: "\u00e9" is 6 bytes for 1 character,
# an escaped astral character 12. A line longer than this per allowed character is refused unread.
BYTES_PER_CHAR = 12
_SLACK = 1 << 16  # room for the other keys of a record whose text is at the limit

_ONE_OBJECT = 'each line must hold one JSON object, like {"text": "..."}; fix or remove the line'
_ARRAY_ITEM = 'each item must be one JSON object, like {"text": "..."}; fix or remove it'


class JsonlReader:
    name = "jsonl.v1"
    suffixes = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".json", ".json.gz")

    def read(self, source: Source, options: ReadOptions) -> Iterator[ReadResult]:
        origin = source_name(source)
        try:  # only opening raises; problems inside the file are yielded where they occur
            with open_source(source) as stream:
                yield from _read_stream(stream, origin, options)
        except ReaderError as e:
            yield e


def _read_stream(stream: BinaryIO, origin: str, options: ReadOptions) -> Iterator[ReadResult]:
    max_bytes = options.max_chars * BYTES_PER_CHAR + _SLACK
    head = peek_text_head(stream, origin, "UTF-8 JSON", "JSON Lines files are UTF-8 text; re-encode it")
    if isinstance(head, ReaderError):
        yield head
        return
    if _whole_json(origin, head):
        yield from _read_values(stream, origin, options, max_bytes)
    else:
        yield from _read_lines(stream, origin, options, max_bytes)


def _whole_json(origin: str, head: bytes) -> bool:
    """Whether to parse the file as JSON values (an array, or pretty-printed objects) not lines."""
    name = origin.lower().removesuffix(".gz")
    if name.endswith((".jsonl", ".ndjson")):
        return False  # a line that is an array is a bad record there, not the file's structure
    if head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"["):
        return True
    return name.endswith(".json") and not _is_line_oriented(head)


def _is_line_oriented(head: bytes) -> bool:
    # "{...}\n{" at the start: JSON Lines saved as .json. A pretty-printed object is not.
    first_line = head.lstrip().split(b"\n", 1)[0].strip()
    return first_line.endswith(b"}") and len(first_line) > 1


def _read_lines(stream: BinaryIO, origin: str, options: ReadOptions, max_bytes: int) -> Iterator[ReadResult]:
    seen = 0  # non-blank lines, to tell an empty file from one of blank lines
    last = 0
    try:
        for line in iter_lines(stream, max_bytes):
            last = line.number
            where = f"{origin}#line {line.number}"
            if line.data is None:
                seen += 1
                yield too_large_bytes(where, options, line.size)
                continue
            data = line.data.strip()
            if line.number == 1:
                data = data.removeprefix(b"\xef\xbb\xbf")
            if not data:
                continue
            seen += 1
            yield _line_record(data, where, options)
    except READ_ERRORS as e:
        yield broken_stream(origin, e, f"after line {last}")
        return
    if not seen:
        yield EmptyDocumentError(
            origin, "is empty" if not last else "has only blank lines", "leave it out of the input"
        )


def _line_record(data: bytes, where: str, options: ReadOptions) -> ReadResult:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return EncodingError(
            where,
            f"is not UTF-8 (byte 0x{data[e.start]:02x} at column {e.start + 1})",
            "JSON Lines must be UTF-8; re-encode the file, e.g. iconv -f cp1252 -t utf-8",
        )
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        return FormatError(where, f"is not valid JSON: {e.msg} at column {e.colno}", _ONE_OBJECT)
    except (RecursionError, ValueError) as e:  # nested too deep; an integer too long
        return FormatError(where, f"is not valid JSON: {e}", _ONE_OBJECT)
    return _value_record(value, where, options)


def _value_record(value: Any, where: str, options: ReadOptions, hint: str = _ONE_OBJECT) -> ReadResult:
    if not isinstance(value, dict):
        return FormatError(where, f"holds a JSON {_json_type(value)}, not an object", hint)
    try:
        return article_from_record(value, where, options)
    except ReaderError as e:
        return e


def _read_values(stream: BinaryIO, origin: str, options: ReadOptions, max_bytes: int) -> Iterator[ReadResult]:
    seen = 0
    where = origin
    try:
        for place, value in iter_json_values(stream, max_bytes):
            seen += 1
            where = f"{origin}#{place}"
            if isinstance(value, JsonProblem) and value.too_long:
                yield too_large_bytes(where, options, value.too_long, exact=False)
            elif isinstance(value, JsonProblem):
                hint = "the records before it were read" if value.fatal else "fix or remove that value"
                yield FormatError(where, value.message, hint)
            else:
                yield _value_record(value, where, options, _ARRAY_ITEM)
    except READ_ERRORS as e:
        yield broken_stream(origin, e, f"after {where}")
        return
    except UnicodeDecodeError as e:
        yield EncodingError(
            where,
            f"is followed by bytes that are not UTF-8 ({e.reason})",
            "JSON must be UTF-8; re-encode the file, e.g. iconv -f cp1252 -t utf-8",
        )
        return
    if not seen:
        yield EmptyDocumentError(origin, "holds no JSON values", "leave it out of the input")


def _json_type(value: Any) -> str:
    names = {
        list: "array",
        str: "string",
        bool: "boolean",
        int: "number",
        float: "number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


registry.readers.register("jsonl.v1")(JsonlReader)
