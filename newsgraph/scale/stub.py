"""A null annotator, ``null.v1``: no parse, so no sentences and no events. For measuring the
streaming path (reading, hashing, the worker pool, the store) on inputs far too large to parse on
a small machine (``newsgraph bench --synthetic-gb``), and for tests of that path.

    import newsgraph.scale.stub  # registers it
    Settings(annotator="null.v1")

Importing this module registers it; forked workers inherit the registration.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..records import AnnotatedArticle, Article
from ..registry import registry

NAME = "null.v1"


class NullAnnotator:
    name = NAME

    def __init__(self, **_settings: object) -> None:
        pass

    def annotate(self, article: Article) -> AnnotatedArticle:
        return AnnotatedArticle(article=article, sentences=(), tokens=(), annotator=NAME)

    def annotate_many(self, articles: Iterable[Article]) -> Iterator[AnnotatedArticle]:
        for a in articles:
            yield self.annotate(a)


# Registered directly: asking for the registry's names would import spaCy (the built-in
# annotators), which the main process of an ingest never needs.
registry.annotators.register(NAME)(NullAnnotator)
