"""Shared helpers for the reader tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import ReaderError
from newsgraph.readers import ReadOptions, read_paths
from newsgraph.records import Article

DATA = Path(__file__).parent.parent / "data" / "readers"

# Big enough to be well over the default limit of 2,000,000 characters in every format.
FIFTY_MB = 50 * 1024 * 1024


def read_all(*paths: str | Path, **options: object) -> list[Article | ReaderError]:
    return list(read_paths([str(p) for p in paths], ReadOptions(**options)))  # type: ignore[arg-type]


def as_article(result: Article | ReaderError) -> Article:
    """The result, which must be an Article (a failed read shows its message)."""
    assert isinstance(result, Article), str(result)
    return result


def articles(results: list[Article | ReaderError]) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


def errors(results: list[Article | ReaderError]) -> list[ReaderError]:
    return [r for r in results if isinstance(r, ReaderError)]


@pytest.fixture
def data_dir() -> Path:
    return DATA
