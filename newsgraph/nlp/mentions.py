"""Knowledge-base mentions: alias matches mapped onto tokens.

Added to the annotated article beside the statistical entities; the coder uses them to decide
what is an actor, the resolver to decide which one.
"""

from __future__ import annotations

import bisect
import dataclasses

from ..kb.matcher import AliasMatcher, default_matcher
from ..records import AnnotatedArticle, Mention, Token

# An ambiguous alias ("IS") must not be a verb or auxiliary in the parse.
_VERBAL = {"AUX", "VERB"}


def token_span(tokens: tuple[Token, ...], starts: list[int], start: int, end: int) -> tuple[int, int]:
    """Token range [i, j) covering characters [start, end)."""
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    j = bisect.bisect_left(starts, end)
    return i, max(j, i + 1)


class MentionAnnotator:
    name = "kb_mentions.v1"

    def __init__(self, matcher: AliasMatcher | None = None) -> None:
        self.matcher = matcher or default_matcher()

    def __call__(self, doc: AnnotatedArticle) -> AnnotatedArticle:
        tokens = doc.tokens
        starts = [t.start for t in tokens]
        mentions: list[Mention] = []
        for m in self.matcher.find(doc.article.text):
            ts, te = token_span(tokens, starts, m.start, m.end) if tokens else (0, 0)
            hits = m.hits
            if tokens and any(h.how == "ambiguous" for h in hits):
                if all(tokens[k].pos in _VERBAL for k in range(ts, te)):
                    hits = tuple(h for h in hits if h.how != "ambiguous")
            if not hits:
                continue
            for kind in ("actor", "agent", "role"):
                keys = tuple(dict.fromkeys(h.key for h in hits if h.kind == kind))
                if keys:
                    mentions.append(Mention(m.text, m.start, m.end, ts, te, kind, keys))
        return dataclasses.replace(doc, mentions=tuple(mentions))
