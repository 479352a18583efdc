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


_TITLES = frozenset({"mr", "mrs", "ms", "dr", "president", "general", "gen", "prime", "minister", "king", "queen",
                     "prince", "sheikh", "mullah", "maulana", "imam", "commander", "chief", "colonel", "col",
                     "sen", "senator", "rep", "governor", "gov", "judge", "justice", "secretary", "emir", "sultan",
                     "ayatollah", "lt", "major", "maj", "captain", "capt", "sgt", "field", "marshal", "admiral"})


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """Is the match flanked by a capitalised word (not a title) or followed by a number?"""
    before = text[max(0, start - 30) : start].rstrip()
    prev = before.split()[-1] if before.split() else ""
    after = text[end : end + 30].lstrip()
    nxt = after.split()[0] if after.split() else ""
    prev_word = prev.strip(".,;:'\"“”()").lower()
    if prev and prev[:1].isupper() and prev_word not in _TITLES and not before.endswith((".", "!", "?", ":", "“", '"')):
        return True
    return bool(nxt[:1].isupper() or nxt[:1].isdigit()) and not text[end : end + 1] in (",", ".")


def _single_word_person(actor: object, surface: str) -> bool:
    return getattr(actor, "type", None) == "person" and len(surface.split()) == 1


def _word_like(surface: str) -> bool:
    """An ordinary capitalised word ("Congress", "Commission"), not an acronym ("RSF", "JeM")."""
    return all(sum(c.isupper() for c in w) <= 1 for w in surface.split())


def _supported(actor: object, story: set[str]) -> bool:
    country = getattr(actor, "country", None)
    return country is None or country in story


class MentionAnnotator:
    name = "kb_mentions.v1"

    def __init__(self, matcher: AliasMatcher | None = None) -> None:
        self.matcher = matcher or default_matcher()

    def __call__(self, doc: AnnotatedArticle) -> AnnotatedArticle:
        tokens = doc.tokens
        starts = [t.start for t in tokens]
        text = doc.article.text
        found = self.matcher.find(text)
        kb = self.matcher.kb
        # Countries the article names plainly: the support an ambiguous alias needs.
        story = {
            h.key for m in found for h in m.hits if h.kind == "actor" and h.how in ("name", "alias", "demonym")
            and (a := kb.get(h.key)) is not None and a.type == "country"
        }
        mentions: list[Mention] = []
        for m in found:
            ts, te = token_span(tokens, starts, m.start, m.end) if tokens else (0, 0)
            hits = m.hits
            if tokens and any(h.how == "ambiguous" for h in hits):
                if all(tokens[k].pos in _VERBAL for k in range(ts, te)):
                    hits = tuple(h for h in hits if h.how != "ambiguous")
            # "Congress" is India's party only in a story about India.
            if _word_like(m.text):
                hits = tuple(h for h in hits if h.how != "ambiguous" or _supported(kb.get(h.key), story))
            if _inside_longer_name(text, m.start, m.end):
                # "Gregorio Sanchez" is not Pedro Sanchez; "May 31" is not Theresa May.
                hits = tuple(h for h in hits if not _single_word_person(kb.get(h.key) if h.kind == "actor" else None, m.text))
            if not hits:
                continue
            for kind in ("actor", "agent", "role"):
                keys = tuple(dict.fromkeys(h.key for h in hits if h.kind == kind))
                if keys:
                    mentions.append(Mention(m.text, m.start, m.end, ts, te, kind, keys))
        return dataclasses.replace(doc, mentions=tuple(mentions))
