"""What every reader shares: the options it is given, what it yields, and its protocol.

A reader turns one source (a path or a binary stream) into Articles. Problems with a
document or a file are *yielded* as ReaderErrors, never raised, so one bad record does
not stop a batch of millions.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol, runtime_checkable

from ..errors import ConfigError, ReaderError
from ..records import Article
from .pubdates import normalize_date

ReadResult = Article | ReaderError

# A reader reads a file by path, or a binary stream (stdin, an HTTP body, a BytesIO).
Source = Path | BinaryIO

# The record keys that `ReadOptions.fields` may map to a file's own keys or columns.
FIELD_KEYS = ("id", "title", "text", "published", "url", "publisher")


@dataclass(frozen=True)
class ReadOptions:
    """Settings shared by all readers.

    published: default publication date for documents that give none (normalised to YYYY-MM-DD).
    fields:    our key -> the file's key/column, for JSONL and CSV, e.g. {"text": "body"}.
    max_chars: documents longer than this are refused with a ReaderError.
    format:    force a reader ("jsonl", "csv", "html", "text", "warc" or a registered name).
    """

    published: str | None = None
    fields: Mapping[str, str] = field(default_factory=dict)
    max_chars: int = 2_000_000
    format: str | None = None

    def __post_init__(self) -> None:
        unknown = sorted(set(self.fields) - set(FIELD_KEYS))
        if unknown:
            raise ConfigError(
                f"Unknown key(s) in fields: {', '.join(unknown)}. "
                f"Map one of {', '.join(FIELD_KEYS)} to your file's key, e.g. fields={{'text': 'body'}}."
            )
        bad_values = sorted(k for k, v in self.fields.items() if not isinstance(v, str) or not v)
        if bad_values:
            raise ConfigError(
                f"fields must map each key to a non-empty key or column name; "
                f"{', '.join(bad_values)} is not. Example: fields={{'text': 'body'}}."
            )
        if not isinstance(self.max_chars, int) or self.max_chars <= 0:
            raise ConfigError(f"max_chars must be a positive number of characters, not {self.max_chars!r}.")
        if self.published is not None:
            iso = normalize_date(self.published)
            if iso is None:
                raise ConfigError(
                    f"The default publication date {self.published!r} is not a date I can read; "
                    "give it as YYYY-MM-DD."
                )
            # Frozen dataclass: store the normalised form once so readers can use it as is.
            object.__setattr__(self, "published", iso)


@runtime_checkable
class Reader(Protocol):
    """Reads one source; yields Articles and, for what cannot be read, ReaderErrors."""

    name: str  # registry name, e.g. "jsonl.v1"
    suffixes: tuple[str, ...]  # lower-case file-name endings it reads, e.g. (".jsonl", ".jsonl.gz")

    def read(self, source: Source, options: ReadOptions) -> Iterator[ReadResult]: ...
