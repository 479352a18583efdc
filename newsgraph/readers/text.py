"""Plain-text articles: the first non-empty line is the title, the rest is the text."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import ReaderError
from ..registry import registry
from .articles import make_article, too_large
from .base import ReadOptions, ReadResult, Source
from .cleaning import normalize_lines, strip_edges
from .decoding import decode_text
from .streams import read_document, source_name

# A first line longer than this is a paragraph, not a headline.
MAX_TITLE = 300


def split_title(text: str) -> tuple[str | None, str]:
    """(title, body): the first non-empty line is the title when it looks like one.

    A one-line document, or one whose first line is a whole paragraph, has no title:
    its text is all of it, so nothing is lost.
    """
    lines = strip_edges(normalize_lines(text))
    if len(lines) < 2 or len(lines[0].strip()) > MAX_TITLE:
        return None, "\n".join(lines)
    return lines[0].strip(), "\n".join(lines[1:])


class TextReader:
    name = "text.v1"
    suffixes = (".txt", ".text")

    def read(self, source: Source, options: ReadOptions) -> Iterator[ReadResult]:
        origin = source_name(source)
        try:
            document = decode_text(read_document(source, options), origin)
            if len(document) > options.max_chars:
                raise too_large(origin, options, len(document))
            title, body = split_title(document)
            yield make_article(body, origin, options, title=title)
        except ReaderError as e:
            yield e


registry.readers.register("text.v1")(TextReader)
