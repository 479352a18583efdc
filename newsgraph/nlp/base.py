"""The annotator protocol: Article in, AnnotatedArticle out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from ..records import AnnotatedArticle, Article


class Annotator(Protocol):
    """Adds sentences, tokens, lemmas, POS, dependencies and entities to articles."""

    name: str

    def annotate(self, article: Article) -> AnnotatedArticle: ...

    def annotate_many(self, articles: Iterable[Article]) -> Iterator[AnnotatedArticle]: ...
