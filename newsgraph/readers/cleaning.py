"""Text clean-up shared by all readers: newlines, control characters, boilerplate at the edges.

Every reader cleans the same way, so the same article text gets the same id whatever
format it arrived in. Boilerplate patterns are data: newsgraph/data/boilerplate.txt.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..errors import ConfigError

# Only short lines can be boilerplate; a long line at the end is the article's last paragraph.
MAX_BOILERPLATE_LINE = 200

_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Control characters and stray byte-order marks carry no text and upset downstream tools.
_JUNK = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f\ufeff]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    """The compiled patterns of newsgraph/data/boilerplate.txt (format described in its header)."""
    source = resources.files("newsgraph") / "data" / "boilerplate.txt"
    patterns = []
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            patterns.append(re.compile(line, re.IGNORECASE))
        except re.error as e:
            raise ConfigError(
                f"{source} line {number}: {line!r} is not a valid regular expression ({e}); "
                "fix or remove that line."
            ) from e
    return tuple(patterns)


def is_boilerplate(line: str) -> bool:
    line = line.strip()
    if not line:
        return True  # blank lines at the edges go with the boilerplate around them
    if len(line) > MAX_BOILERPLATE_LINE:
        return False
    return any(p.fullmatch(line) for p in boilerplate_patterns())


def strip_edges(lines: list[str]) -> list[str]:
    """The lines without boilerplate (and blank) lines at the start and at the end."""
    start, end = 0, len(lines)
    while start < end and is_boilerplate(lines[start]):
        start += 1
    while end > start and is_boilerplate(lines[end - 1]):
        end -= 1
    return lines[start:end]


def normalize_lines(text: str) -> list[str]:
    """The text's lines, with any newline convention, without control characters or trailing blanks."""
    text = _JUNK.sub("", _NEWLINES.sub("\n", text))
    return [line.rstrip() for line in text.split("\n")]


def clean_title(title: str | None) -> str | None:
    if title is None:
        return None
    title = _SPACES.sub(" ", _JUNK.sub("", title)).strip()
    return title or None


def clean_text(text: str, title: str | None = None) -> str:
    """Article text as all stages see it (offsets point into this string).

    Newlines normalised, control characters dropped, boilerplate removed at the edges,
    a first line that repeats the title dropped, runs of blank lines collapsed to one.
    """
    lines = strip_edges(normalize_lines(text))
    if title and lines and _same(lines[0], title):
        lines = strip_edges(lines[1:])
    kept: list[str] = []
    for line in lines:
        if line.strip() or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip()


def _same(a: str, b: str) -> bool:
    return _SPACES.sub(" ", a).strip().casefold() == _SPACES.sub(" ", b).strip().casefold()
