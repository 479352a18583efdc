"""Text normalisation shared by alias indexing and matching.

Matching runs on a normalised copy of the text (lower case, no accents, one kind of apostrophe
and dash, hyphens as spaces) with a map back to the original offsets, so "Tehrik-e Taliban",
"tehrik e taliban" and "Tehrik‐e Taliban" all hit the same alias and the evidence offsets stay
exact.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_APOSTROPHES = "\u2019\u2018\u02bc\u02bb`\u00b4\u2032"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"


@lru_cache(maxsize=65536)
def _fold_char(c: str) -> str:
    if c in _APOSTROPHES:
        return "'"
    if c in _DASHES or c == "_":
        return " "
    if c.isspace():
        return " "
    low = c.lower()
    if len(low) != 1:
        low = c
    if ord(low) > 127:
        base = unicodedata.normalize("NFKD", low)
        base = "".join(ch for ch in base if not unicodedata.combining(ch))
        if len(base) == 1:
            return base
    return low


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Return (folded text, index map): folded[i] came from text[index[i]].

    Runs of spaces collapse to one, so the map is needed to find original offsets.
    """
    out: list[str] = []
    idx: list[int] = []
    prev_space = True
    for i, c in enumerate(text):
        f = _fold_char(c)
        if f == " ":
            if prev_space:
                continue
            prev_space = True
        else:
            prev_space = False
        out.append(f)
        idx.append(i)
    return "".join(out), idx


def fold(text: str) -> str:
    """Normalised form used as the key of an alias."""
    return fold_with_map(text)[0].strip()
