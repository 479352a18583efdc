"""Faster stand-ins for the pipeline's attribute ruler and rule lemmatizer, with the same output.

The small English pipeline spends about a quarter of its time in two rule components: the
attribute ruler (tag -> POS and morphology, via spaCy's Matcher) and the rule lemmatizer. Both
are deterministic functions of a token's local context, which repeats a lot in news text. These
components memoise that function: the attribute ruler's patterns are evaluated in Python once per
distinct context (the token's lower form, tag, dependency, whitespace, and its neighbours' forms
for the few two-token patterns), and the lemmatizer's result once per (form, POS, morphology).
A test checks token-for-token equality with the original components on real text.
"""

from __future__ import annotations

import re
from typing import Any

_UNSET = object()


def _value_ok(spec: Any, value: Any) -> bool:
    if isinstance(spec, dict):
        if "IN" in spec and value not in spec["IN"]:
            return False
        if "NOT_IN" in spec and value in spec["NOT_IN"]:
            return False
        if "REGEX" in spec and not (isinstance(value, str) and re.search(spec["REGEX"], value)):
            return False
        return True
    return bool(spec == value)


def _token_ok(tok_spec: dict[str, Any], feats: dict[str, Any]) -> bool:
    for key, spec in tok_spec.items():
        value = feats.get(key, _UNSET)
        if value is _UNSET or not _value_ok(spec, value):
            return False
    return True


def _feats(token: Any) -> dict[str, Any]:
    return {"LOWER": token.lower_, "TAG": token.tag_, "DEP": token.dep_, "IS_SPACE": token.is_space}


class FastAttributeRuler:
    """Same annotations as spaCy's AttributeRuler for the patterns it was built from."""

    def __init__(self, ruler: Any) -> None:
        self.rules: list[tuple[int, list[dict[str, Any]], int, dict[str, Any]]] = []
        for order, p in enumerate(ruler.patterns):
            for pattern in p["patterns"]:
                self.rules.append((order, pattern, int(p.get("index", 0)), dict(p["attrs"])))
        # Words that take part in multi-token patterns: their neighbours matter.
        self.context_words: set[str] = set()
        for _, pattern, _, _ in self.rules:
            if len(pattern) > 1:
                for tok in pattern:
                    lower = tok.get("LOWER")
                    if isinstance(lower, str):
                        self.context_words.add(lower)
                    elif isinstance(lower, dict):
                        self.context_words.update(lower.get("IN", []))
        self.multi = any(len(p) > 1 for _, p, _, _ in self.rules)
        self.cache: dict[tuple[Any, ...], list[tuple[str, Any]]] = {}

    def _attrs_for(self, feats: list[dict[str, Any]], i: int) -> list[tuple[str, Any]]:
        """The attribute writes for token i, in the order the ruler applies them (later wins)."""
        writes: list[tuple[int, dict[str, Any]]] = []
        n = len(feats)
        me = feats[i]
        for order, pattern, index, attrs in self.rules:
            length = len(pattern)
            # The token is at position `index` of a match starting at i - index.
            idx = index if index >= 0 else length + index
            start = i - idx
            if start < 0 or start + length > n or not _token_ok(pattern[idx], me):
                continue
            if all(_token_ok(pattern[k], feats[start + k]) for k in range(length) if k != idx):
                writes.append((order, attrs))
        writes.sort(key=lambda w: w[0])
        return [(k, v) for _, attrs in writes for k, v in attrs.items()]

    def _key(self, doc: Any, i: int) -> tuple[Any, ...]:
        t = doc[i]
        key: tuple[Any, ...] = (t.lower_, t.tag_, t.dep_, t.is_space)
        if self.multi:
            prev = doc[i - 1] if i > 0 else None
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            ctx = (
                prev.lower_
                if prev is not None and (prev.lower_ in self.context_words or prev.dep_ == "expl")
                else None,
                prev.dep_ == "expl" if prev is not None else None,
                nxt.lower_
                if nxt is not None and nxt.lower_ in self.context_words | {"n't", "nt", "na", "ta", "'s", "on", "all"}
                else None,
            )
            if t.lower_ in self.context_words or ctx != (None, False, None):
                key = (*key, ctx, nxt.tag_ if nxt is not None else None)
        return key

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens import MorphAnalysis  # noqa: F401 - ensures the vocab's morphology is ready

        feats: list[dict[str, Any]] | None = None
        for i, token in enumerate(doc):
            key = self._key(doc, i)
            writes = self.cache.get(key)
            if writes is None:
                if feats is None:
                    feats = [_feats(t) for t in doc]  # the ruler reads the values before any write
                writes = self._attrs_for(feats, i)
                self.cache[key] = writes
            for attr, value in writes:
                if attr == "POS":
                    token.pos_ = value
                elif attr == "MORPH":
                    token.set_morph(value)
                elif attr == "LEMMA":
                    token.lemma_ = value
                elif attr == "TAG":
                    token.tag_ = value
                elif attr == "DEP":
                    token.dep_ = value
        return doc


class FastLemmatizer:
    """Same lemmas as spaCy's rule lemmatizer, memoised on (form, POS, morphology)."""

    def __init__(self, lemmatizer: Any) -> None:
        self.inner = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Any) -> Any:
        cache = self.cache
        overwrite = getattr(self.inner, "overwrite", False)
        for token in doc:
            if not overwrite and token.lemma != 0:
                continue
            key = (token.orth, token.pos, token.morph.key)
            lemma = cache.get(key)
            if lemma is None:
                lemma = doc.vocab.strings.add(self.inner.rule_lemmatize(token)[0])
                cache[key] = lemma
            token.lemma = lemma
        return doc
