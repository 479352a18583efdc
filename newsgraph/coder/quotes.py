"""Direct quotes and their speakers."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PAIRS = [("\u201c", "\u201d"), ('"', '"'), ("\u00ab", "\u00bb")]
_MAX_QUOTE = 3000


@dataclass(frozen=True)
class Quote:
    start: int  # offsets of the quoted words, without the marks
    end: int

    def contains(self, a: int, b: int) -> bool:
        return self.start <= a and b <= self.end


def find_quotes(text: str) -> list[Quote]:
    """Spans between matching quotation marks. Straight quotes pair up in order; an
    unmatched mark (a quote running over paragraphs) ends at the paragraph."""
    quotes: list[Quote] = []
    for open_c, close_c in _PAIRS:
        # Straight quotes cannot span a paragraph (an unmatched one would swallow the rest).
        inside = re.escape(open_c) + ("\\n" if open_c == close_c else re.escape(close_c))
        pattern = re.compile(f"{re.escape(open_c)}([^{inside}]{{2,{_MAX_QUOTE}}}){re.escape(close_c)}")
        for m in pattern.finditer(text):
            quotes.append(Quote(m.start(1), m.end(1)))
    quotes.sort(key=lambda q: q.start)
    out: list[Quote] = []
    for q in quotes:
        if out and q.start < out[-1].end:
            continue
        out.append(q)
    return out


def quote_at(quotes: list[Quote], start: int, end: int) -> Quote | None:
    for q in quotes:
        if q.contains(start, end):
            return q
    return None
