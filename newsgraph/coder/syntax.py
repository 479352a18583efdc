"""Navigation over the dependency parse held in our Token records."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from ..records import AnnotatedArticle, Mention, Sentence, Token

SUBJ = {"nsubj", "csubj"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
OBJ = {"dobj", "obj"}
CLAUSAL = {"ccomp", "xcomp", "advcl", "acl", "relcl", "pcomp", "conj", "parataxis"}


class SentenceGraph:
    """Children lists and helpers for one sentence of an annotated article."""

    def __init__(self, doc: AnnotatedArticle, sentence: Sentence) -> None:
        self.doc = doc
        self.sentence = sentence
        self.tokens = doc.tokens
        self.lo, self.hi = sentence.token_start, sentence.token_end
        self.children: dict[int, list[int]] = {i: [] for i in range(self.lo, self.hi)}
        for i in range(self.lo, self.hi):
            h = self.tokens[i].head
            if h != i and self.lo <= h < self.hi:
                self.children[h].append(i)

    # -- basic access -----------------------------------------------------------------------
    def tok(self, i: int) -> Token:
        return self.tokens[i]

    def head(self, i: int) -> int | None:
        h = self.tokens[i].head
        return None if h == i or not (self.lo <= h < self.hi) else h

    def kids(self, i: int, *deps: str) -> list[int]:
        if not deps:
            return self.children.get(i, [])
        return [c for c in self.children.get(i, []) if self.tokens[c].dep in deps]

    def kid(self, i: int, *deps: str) -> int | None:
        k = self.kids(i, *deps)
        return k[0] if k else None

    def lemma(self, i: int) -> str:
        return self.tokens[i].lemma.lower()

    def subtree(self, i: int) -> Iterator[int]:
        yield i
        for c in self.children.get(i, []):
            yield from self.subtree(c)

    def ancestors(self, i: int) -> Iterator[int]:
        seen = {i}
        h = self.head(i)
        while h is not None and h not in seen:
            yield h
            seen.add(h)
            h = self.head(h)

    def is_passive(self, v: int) -> bool:
        """A passive clause, or a past participle modifying a noun ("the journalist captured
        by Islamic State", "forces backed by Moscow")."""
        if self.is_participle_modifier(v):
            return True
        return bool(self.kids(v, "auxpass", "nsubjpass", "csubjpass"))

    def is_participle_modifier(self, v: int) -> bool:
        t = self.tokens[v]
        return t.dep == "acl" and t.tag == "VBN"

    def conjuncts(self, i: int) -> list[int]:
        """The token and the tokens coordinated with it ("Syria and Iraq")."""
        out = [i]
        stack = list(self.kids(i, "conj"))
        while stack:
            c = stack.pop(0)
            out.append(c)
            stack.extend(self.kids(c, "conj"))
        return out

    def preps(self, i: int, lemmas: set[str] | frozenset[str] | None = None) -> list[tuple[int, int]]:
        """(prep, object) pairs under token i; multiword preps like "according to" included."""
        out = []
        for p in self.kids(i, "prep", "agent", "dative"):
            plem = self.tokens[p].text.lower()
            objs = self.kids(p, "pobj", "pcomp")
            if not objs:
                # "according to X": the object hangs under the second word.
                for q in self.kids(p, "prep"):
                    objs = self.kids(q, "pobj")
                    if objs:
                        plem = plem + " " + self.tokens[q].text.lower()
                        break
            if self.tokens[p].dep == "dative" and self.tokens[p].pos in ("NOUN", "PROPN", "PRON"):
                out.append((p, p)) if lemmas is None or "dative" in lemmas else None
                continue
            if lemmas is not None and plem not in lemmas:
                continue
            for o in objs:
                out.append((p, o))
        return out

    @cached_property
    def mentions(self) -> list[Mention]:
        return [m for m in self.doc.mentions if self.lo <= m.token_start < self.hi]

    def mentions_in(self, lo: int, hi: int) -> list[Mention]:
        return [m for m in self.mentions if m.token_start >= lo and m.token_end <= hi]

    def mention_at(self, i: int, kind: str | None = None) -> Mention | None:
        for m in self.mentions:
            if m.token_start <= i < m.token_end and (kind is None or m.kind == kind):
                return m
        return None

    def text(self, lo: int, hi: int) -> tuple[str, int, int]:
        """Text and character offsets of tokens [lo, hi)."""
        s, e = self.tokens[lo].start, self.tokens[hi - 1].end
        return self.doc.article.text[s:e], s, e
