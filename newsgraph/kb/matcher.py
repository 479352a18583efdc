"""Aho-Corasick matching of knowledge-base aliases in text.

Runs before (and beside) the statistical NER, because the small English model splits names
such as "Tehrik-e Taliban Pakistan" into pieces. Matches are leftmost-longest, on word
boundaries, in the folded text (see ``kb.text``), mapped back to exact original offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from .loader import KnowledgeBase, default_kb
from .model import AliasHit
from .text import fold_with_map


@dataclass(frozen=True)
class AliasMatch:
    start: int  # offsets into the original text
    end: int
    text: str
    hits: tuple[AliasHit, ...]


class AliasMatcher:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._auto = ahocorasick.Automaton()
        for key, hits in kb.aliases.items():
            self._auto.add_word(key, (key, tuple(hits)))
        if len(self._auto):
            self._auto.make_automaton()

    def find(self, text: str) -> list[AliasMatch]:
        if not len(self._auto) or not text:
            return []
        # In normally cased text a proper name written in lower case is a word ("turkey
        # dinner", "china cabinet"); in all-lower-case text (some corpora) case says nothing.
        letters = [c for c in text[:20000] if c.isalpha()]
        cased = bool(letters) and sum(c.isupper() for c in letters) > 0.01 * len(letters)
        folded, idx = fold_with_map(text)
        candidates: list[tuple[int, int, tuple[AliasHit, ...]]] = []
        n = len(folded)
        for end_i, (key, hits) in self._auto.iter(folded):
            start_i = end_i - len(key) + 1
            if start_i > 0 and _is_word(folded[start_i - 1]) and _is_word(key[0]):
                continue
            if end_i + 1 < n and _is_word(folded[end_i + 1]) and _is_word(key[-1]):
                continue
            o_start, o_end = idx[start_i], idx[end_i] + 1
            surface = text[o_start:o_end]
            kept = tuple(h for h in hits if not h.case_sensitive or _same_case(surface, h, self.kb))
            if cased and surface[:1].islower():
                kept = tuple(h for h in kept if h.kind != "actor" or not _proper(h, self.kb))
            after = text[o_end : o_end + 24]
            before = text[max(0, o_start - 6) : o_start]
            if _BACKER.match(after) or _FEATURE.match(after) or _PREFIXED.search(before):
                # "Iranian-backed militias" are not Iran; "the Niger River" is not Niger.
                kept = tuple(h for h in kept if h.kind != "actor")
            if kept:
                candidates.append((o_start, o_end, kept))
        # Leftmost-longest, non-overlapping.
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        out: list[AliasMatch] = []
        last_end = -1
        for s, e, hits in candidates:
            if s < last_end:
                continue
            out.append(AliasMatch(s, e, text[s:e], hits))
            last_end = e
        return out


_BACKER = re.compile(
    r"[-\u2010\u2011]\s?(?:backed|funded|sponsored|supported|trained|armed|allied|aligned|linked|inspired|affiliated|friendly)\b"
)
_FEATURE = re.compile(
    r"\s+(?:River|Sea|Lake|Ocean|Mountains?|Valley|Basin|Delta|Strait|Gulf|Desert|Peninsula|Canal|Bay|Square|Street|Avenue|Airport|University|Stadium|Hotel)\b"
)


# "post-Isis Syria", "anti-IS coalition", "pro-Iran militias": the name modifies something else.
_PREFIXED = re.compile(r"(?:^|\W)(?:post|anti|pro|non|ex|pre)[-\u2010\u2011]$", re.I)


def _proper(hit: AliasHit, kb: KnowledgeBase) -> bool:
    """Is the actor's name a proper name (capitalised in the knowledge base)?"""
    actor = kb.get(hit.key)
    return actor is not None and actor.name[:1].isupper()


def _is_word(c: str) -> bool:
    return c.isalnum()


def _same_case(surface: str, hit: AliasHit, kb: KnowledgeBase) -> bool:
    """Case-sensitive aliases must appear exactly as written in the knowledge base."""
    actor = kb.get(hit.key) if hit.kind == "actor" else None
    if actor is None:
        return surface.isupper()
    forms = (actor.name, *actor.aliases, *actor.ambiguous_aliases, *actor.metonyms)
    return any(surface == f for f in forms)


@lru_cache(maxsize=1)
def default_matcher() -> AliasMatcher:
    return AliasMatcher(default_kb())
