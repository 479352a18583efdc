"""extract(): files in, coded and resolved events out (what `newsgraph extract` runs)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .config import Settings
from .pipeline import run
from .records import ArticleResult


def extract(
    paths: Iterable[str | Path],
    options: object | None = None,
    *,
    workers: int = 1,
    geocode: bool = True,
    settings: Settings | None = None,
) -> Iterator[ArticleResult]:
    """Read ``paths`` (files, directories, globs, "-") and yield one ArticleResult per document,
    in order: its events, or the error that stopped it."""
    from .readers import ReadOptions, read_paths

    opts = options if isinstance(options, ReadOptions) else ReadOptions()
    settings = settings or Settings.from_env(geocode=geocode, max_chars=opts.max_chars)
    yield from run(read_paths(paths, opts), settings, workers=workers)
