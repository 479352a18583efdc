"""newsgraph: news articles to political event data and a time-aware actor-relation graph.

    from newsgraph import Pipeline, Article
    result = Pipeline().process(Article(id="a1", text="...", published="2014-10-06"))
"""

from __future__ import annotations

from .config import Settings
from .errors import (
    ConfigError,
    EmptyDocumentError,
    EncodingError,
    FormatError,
    GoldFormatError,
    KnowledgeBaseError,
    ModelError,
    NewsgraphError,
    ReaderError,
    StoreError,
)
from .extract import extract
from .pipeline import Pipeline, run
from .records import (
    ActorRef,
    Affiliation,
    AnnotatedArticle,
    Article,
    ArticleResult,
    Attribution,
    DateRef,
    Event,
    PlaceRef,
    Sentence,
    Span,
    Token,
)
from .registry import registry

__version__ = "0.1.0"

__all__ = [
    "ActorRef",
    "Affiliation",
    "AnnotatedArticle",
    "Article",
    "ArticleResult",
    "Attribution",
    "ConfigError",
    "DateRef",
    "EmptyDocumentError",
    "EncodingError",
    "Event",
    "FormatError",
    "GoldFormatError",
    "KnowledgeBaseError",
    "ModelError",
    "NewsgraphError",
    "Pipeline",
    "PlaceRef",
    "ReaderError",
    "Sentence",
    "Settings",
    "Span",
    "StoreError",
    "Token",
    "__version__",
    "extract",
    "registry",
    "run",
]
