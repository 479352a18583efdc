"""newsgraph: news articles to political event data and a time-aware actor-relation graph."""

from __future__ import annotations

__version__ = "0.1.0"
