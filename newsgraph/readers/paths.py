"""Command-line style inputs -> the files to read, in a stable order.

A directory stands for the files under it (recursively, sorted, hidden ones left out),
a quoted glob pattern for the files it matches, "-" for standard input.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import ReaderError

STDIN = "-"
_GLOB_CHARS = frozenset("*?[")


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | str | ReaderError]:
    """Each input as files to read (Path), STDIN, or a ReaderError for one that names nothing."""
    for item in paths:
        text = str(item)
        if text == STDIN and not isinstance(item, Path):
            yield STDIN
            continue
        path = Path(os.path.expanduser(text))
        if path.is_dir():
            yield from _walk(path)
        elif path.exists() or path.is_symlink():
            yield path  # a file, a FIFO, a broken link: reading it tells what is wrong
        elif _GLOB_CHARS & set(text):
            yield from _glob(text)
        else:
            yield ReaderError(
                text,
                "no such file or directory",
                "check the path; quote glob patterns like 'dumps/*.jsonl.gz'",
            )


def _walk(directory: Path) -> Iterator[Path | ReaderError]:
    # Materialise and sort one directory's listing: deterministic order across file systems.
    files: list[Path] = []
    unreadable: list[OSError] = []
    for root, dirs, names in os.walk(directory, onerror=unreadable.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # prune hidden directories
        files.extend(Path(root, n) for n in names if not n.startswith("."))
    files.sort(key=lambda p: p.relative_to(directory).parts)
    for e in unreadable:
        yield ReaderError(
            str(e.filename or directory), f"cannot be listed: {e.strerror or e}", "check its permissions"
        )
    if not files and not unreadable:
        yield ReaderError(str(directory), "is a directory with no (non-hidden) files in it", "check the path")
    yield from files


def _glob(pattern: str) -> Iterator[Path | ReaderError]:
    matches = sorted(glob.glob(os.path.expanduser(pattern), recursive=True))
    if not matches:
        yield ReaderError(
            pattern, "no files match this pattern", "check the pattern and the directory it names"
        )
        return
    for match in matches:
        path = Path(match)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path
