"""JSON values of a .json file one at a time, without loading the file.

Handles a top-level array (`[{...}, {...}]`) and a sequence of values separated by
whitespace (one object pretty-printed over many lines, or several in a row). Each value
comes with where it is: "item N" of an array (1-based), or the "line N" it starts on.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

_CHUNK = 1 << 16
_WS = " \t\r\n"
_decoder = json.JSONDecoder()


@dataclass(frozen=True)
class JsonProblem:
    """A part of the file that is not JSON. `fatal`: nothing after it can be read."""

    message: str
    fatal: bool
    too_long: int | None = None  # set when the value passed max_bytes: the characters buffered


class _Text:
    """Incrementally decoded UTF-8 text with a moving start, counting lines as it drops them."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.buf = ""
        self.pos = 0
        self.eof = False
        self._dropped_lines = 0

    def more(self, size: int = _CHUNK) -> bool:
        """Append up to `size` more bytes' worth of text; False at the end of the stream."""
        if self.eof:
            return False
        data = self._stream.read(size)
        self.eof = not data
        # Drop what has been consumed so the buffer holds one value at most.
        self._dropped_lines += self.buf.count("\n", 0, self.pos)
        self.buf = self.buf[self.pos :] + self._decoder.decode(data, final=self.eof)
        self.pos = 0
        return bool(data)

    def skip_ws(self) -> str:
        """The next non-whitespace character ("" at the end), without consuming it."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WS:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def line(self) -> int:
        return self.line_at(self.pos)

    def line_at(self, pos: int) -> int:
        return self._dropped_lines + self.buf.count("\n", 0, pos) + 1

    def skip_line(self) -> None:
        while True:
            nl = self.buf.find("\n", self.pos)
            if nl >= 0:
                self.pos = nl + 1
                return
            self.pos = len(self.buf)
            if not self.more():
                return


def iter_json_values(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[str, Any]]:
    """(where, value) for each value, or (where, JsonProblem) for what cannot be parsed.

    A value longer than `max_bytes` is reported as fatal instead of being buffered.
    Raises UnicodeDecodeError for bytes that are not UTF-8 (the caller names the file).
    """
    text = _Text(stream)
    in_array = text.skip_ws() == "["
    if in_array:
        text.pos += 1
    expect_value = True
    items = 0
    while True:
        char = text.skip_ws()
        if not char:
            if in_array:
                yield (
                    f"line {text.line()}",
                    JsonProblem("the array is not closed with ']' (truncated file?)", True),
                )
            return
        if in_array and char == "]":
            text.pos += 1
            if text.skip_ws():
                yield f"line {text.line()}", JsonProblem("has more data after the array's closing ']'", True)
            return
        if in_array and not expect_value:
            if char != ",":
                yield (
                    f"line {text.line()}",
                    JsonProblem(f"expected ',' or ']' between array items, found {char!r}", True),
                )
                return
            text.pos += 1
            expect_value = True
            continue
        items += 1
        where = f"item {items}" if in_array else f"line {text.line()}"
        value = _next_value(text, max_bytes)
        if isinstance(value, JsonProblem):
            yield where, value
            if value.fatal or in_array:  # inside an array there is no safe place to resume
                return
            text.skip_line()  # a sequence resumes at the next line
            continue
        yield where, value
        expect_value = False if in_array else True


def _next_value(text: _Text, max_bytes: int) -> Any:
    """Parse the value at text.pos, reading more while it may be incomplete."""
    size = _CHUNK
    while True:
        try:
            value, end = _decoder.raw_decode(text.buf, text.pos)
            # A number or literal that ends with the buffer may go on in the next chunk.
            complete = end < len(text.buf) or text.eof
        except json.JSONDecodeError as e:
            cut = _may_continue(e, len(text.buf))
            if text.eof and cut:
                return JsonProblem("the file ends in the middle of this value (truncated?)", True)
            if not cut:
                return JsonProblem(f"is not valid JSON: {e.msg} (line {text.line_at(e.pos)})", False)
            complete = False
        except (RecursionError, ValueError) as e:  # nested too deep; an integer too long
            return JsonProblem(f"is not valid JSON: {e}", False)
        if complete:
            text.pos = end
            return value
        if len(text.buf) - text.pos > max_bytes:
            return JsonProblem("a value is too long", True, too_long=len(text.buf) - text.pos)
        text.more(size)
        size *= 2  # re-parsing from the value's start: grow fast to keep it linear


def _may_continue(e: json.JSONDecodeError, buffered: int) -> bool:
    """Whether the error may only mean the buffer ends mid-value (more text could fix it)."""
    # An error a few characters from the end can be a cut literal ("tru") or escape ("\\u12").
    return e.pos >= buffered - 8 or e.msg.startswith("Unterminated string")
