"""Features of the learned layer.

Two inputs are described:

- a **dyad**: one sentence, a source span and a target span (either may be missing) and the
  rule coder's candidate events in that sentence. Features: the words of the sentence, the
  words between the two actors, the dependency path from the source's head to the target's head
  (its lowest common ancestor and the verbs governing each actor), negation and modality
  markers, what the rule coder says (PLOVER type, CAMEO root and which rule fired, for the
  event between the two actors, events sharing one of them, any event in the sentence), what
  the rule coder's pattern lexicon says about the predicate words, and static embeddings (the
  whole sentence, the sentence without the actors, the path, the predicates);
- a **snippet** (CASE 2021): its lemmas, verbs, nouns and entity labels, which keyword rules of
  the label scheme fire (and with which keyword), the label the rules alone give, the rule
  coder's events, and static embeddings (snippet, triggers, sentences, first sentence, verbs,
  nouns).

Sparse features are strings (``group:value``); the dense part is a float vector. Both are
computed the same way at training and at run time (this module is the only place).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ..coder.syntax import SentenceGraph
from ..records import AnnotatedArticle, Event, Sentence
from .embed import StaticEmbedder

# PLOVER names of the 2021 table that the PLV vocabulary merges.
PLV_NAMES = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
_STOP = frozenset(
    """a an the of to in on at for by with from and or but as that this these those which who whom
    whose be is are was were been being has have had do does did it its it's their there they them
    he she his her him we our us i you your my me , . ; : ' " ` - -- ( ) [ ] 's ’s “ ” ‘ ’""".split()
)
_NEG = frozenset({"not", "n't", "never", "no", "without", "nor", "neither"})
_MODAL = frozenset({"will", "would", "could", "should", "may", "might", "can", "shall", "must"})


def plv_label(e: Event) -> str:
    """An event's type in PLV's vocabulary (YIELD for CONCEDE/RETREAT, REQUEST for appeals)."""
    if e.plover:
        return PLV_NAMES.get(e.plover, e.plover)
    if e.cameo_root == "02":
        return "REQUEST"
    if e.cameo_root == "01":
        return "STATEMENT"
    return "NONE"


def _rule_tags(e: Event) -> list[str]:
    """'rules_coder.v1/verb:pledge#0+intent' -> ['verb:pledge', 'verb:pledge#0', '+intent']."""
    rule = e.rule.split(" + ")[0]
    body = rule.split("/", 1)[1] if "/" in rule else rule
    parts = body.split("+")
    out = [parts[0], parts[0].split("#")[0]]
    out += ["+" + p for p in parts[1:]]
    return out


@dataclass
class Dyad:
    """One sentence, a source and a target (character spans into the article), candidates."""

    doc: AnnotatedArticle
    sentence: Sentence
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    candidates: Sequence[Event] = field(default_factory=tuple)


def sentence_of(doc: AnnotatedArticle, start: int) -> Sentence | None:
    for s in doc.sentences:
        if s.start <= start < s.end + 1:
            return s
    return doc.sentences[-1] if doc.sentences else None


def _tokens_in(g: SentenceGraph, span: tuple[int, int] | None) -> list[int]:
    if span is None:
        return []
    s, e = span
    return [k for k in range(g.lo, g.hi) if g.tok(k).start < e and g.tok(k).end > s]


def _span_head(g: SentenceGraph, toks: list[int]) -> int | None:
    """The token of the span whose head lies outside it (the highest one)."""
    if not toks:
        return None
    inside = set(toks)
    best, best_depth = toks[0], 1_000
    for k in toks:
        depth = sum(1 for _ in g.ancestors(k))
        h = g.head(k)
        if (h is None or h not in inside) and depth < best_depth:
            best, best_depth = k, depth
    return best


def _path(g: SentenceGraph, a: int, b: int) -> tuple[list[int], int | None]:
    """Tokens on the dependency path strictly between a and b, and their lowest common ancestor."""
    up_a = [a, *g.ancestors(a)]
    up_b = [b, *g.ancestors(b)]
    set_b = {k: i for i, k in enumerate(up_b)}
    for i, k in enumerate(up_a):
        if k in set_b:
            j = set_b[k]
            path = up_a[1:i] + ([k] if k not in (a, b) else []) + list(reversed(up_b[1:j]))
            return path, k
    return [], None


def _governor(g: SentenceGraph, k: int) -> int | None:
    for a in g.ancestors(k):
        if g.tok(a).pos in ("VERB", "AUX") or g.tok(a).pos == "NOUN" and g.tok(a).dep in ("ROOT",):
            return a
    return None


def _lemma(g: SentenceGraph, k: int) -> str:
    return g.lemma(k)


def _content(g: SentenceGraph, k: int) -> bool:
    t = g.tok(k)
    return (
        t.pos not in ("PUNCT", "SPACE", "DET", "CCONJ", "SCONJ", "NUM", "SYM", "PRON") and t.lemma.lower() not in _STOP
    )


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[str, ...]]:
    """Lemma -> the PLV-vocabulary types of its rule-coder patterns (verbs and nouns)."""
    from ..coder.ontology import plover_of, root_of
    from ..coder.patterns import default_patterns

    pats = default_patterns()
    out: dict[str, tuple[str, ...]] = {}
    for table, kind in ((pats.verbs, "v"), (pats.nouns, "n")):
        for lemma, plist in table.items():
            types: list[str] = []
            for p in plist:
                try:
                    pl = plover_of(p.code)
                    root = root_of(p.code)
                except ValueError:
                    continue
                lab = (
                    PLV_NAMES.get(pl, pl)
                    if pl
                    else ("REQUEST" if root == "02" else "STATEMENT" if root == "01" else "NONE")
                )
                types.append(lab)
            if types:
                out[f"{kind}:{lemma}"] = tuple(dict.fromkeys(types))
    return out


def _lex(g: SentenceGraph, k: int) -> tuple[str, ...]:
    t = g.tok(k)
    kind = "v" if t.pos in ("VERB", "AUX") else "n" if t.pos == "NOUN" else ""
    if not kind:
        return ()
    return _lexicon().get(f"{kind}:{t.lemma.lower()}", ())


def _markers(g: SentenceGraph, k: int) -> list[str]:
    out = []
    for c in g.kids(k):
        lem = g.lemma(c)
        if g.tok(c).dep == "neg" or lem in _NEG:
            out.append("neg")
        if lem in _MODAL and g.tok(c).dep in ("aux", "auxpass"):
            out.append("modal:" + lem)
    if g.is_passive(k):
        out.append("passive")
    for c in g.kids(k, "xcomp", "ccomp"):
        out.append("comp:" + g.lemma(c))
    return out


def dyad_features(d: Dyad, emb: StaticEmbedder | None) -> tuple[list[str], np.ndarray]:
    g = SentenceGraph(d.doc, d.sentence)
    feats: list[str] = []
    src_toks = _tokens_in(g, d.source)
    tgt_toks = _tokens_in(g, d.target)
    in_args = set(src_toks) | set(tgt_toks)
    sh, th = _span_head(g, src_toks), _span_head(g, tgt_toks)
    feats.append("has_src" if sh is not None else "no_src")
    feats.append("has_tgt" if th is not None else "no_tgt")

    # Words of the sentence outside the two actors, and what the pattern lexicon says of its verbs.
    lemmas = [(k, _lemma(g, k)) for k in range(g.lo, g.hi) if k not in in_args and _content(g, k)]
    for _, lem in lemmas:
        feats.append("w:" + lem)
    for k in range(g.lo, g.hi):
        if k not in in_args and g.tok(k).pos in ("VERB",):
            for lab in _lex(g, k):
                feats.append("lexs:" + lab)

    # Between the two actors (linear order).
    if sh is not None and th is not None:
        a_end = max(src_toks) + 1 if min(src_toks) < min(tgt_toks) else max(tgt_toks) + 1
        b_start = min(tgt_toks) if min(src_toks) < min(tgt_toks) else min(src_toks)
        feats.append("order:st" if min(src_toks) < min(tgt_toks) else "order:ts")
        for k in range(a_end, b_start):
            if _content(g, k):
                feats.append("b:" + _lemma(g, k))
    # Dependency path and predicates.
    pred_toks: list[int] = []
    path: list[int] = []
    if sh is not None and th is not None:
        path, lca = _path(g, sh, th)
        path = [k for k in path if k not in in_args]
        for k in path:
            if _content(g, k):
                feats.append("p:" + _lemma(g, k))
        feats.append("pd:" + "_".join(g.tok(k).dep for k in path[:4]))
        feats.append("sdep:" + g.tok(sh).dep)
        feats.append("tdep:" + g.tok(th).dep)
        if lca is not None and lca not in in_args:
            feats.append("lca:" + _lemma(g, lca))
            pred_toks.append(lca)
    if sh is not None:
        gv = _governor(g, sh)
        if gv is not None:
            feats.append("sv:" + _lemma(g, gv))
            pred_toks.append(gv)
            for c in g.kids(gv, "xcomp", "dobj"):
                if c not in in_args:
                    feats.append("svc:" + _lemma(g, c))
                    pred_toks.append(c)
        feats.append("sdep:" + g.tok(sh).dep)
    if th is not None:
        gv = _governor(g, th)
        if gv is not None:
            feats.append("tv:" + _lemma(g, gv))
            pred_toks.append(gv)
        feats.append("tdep:" + g.tok(th).dep)
    if sh is None and th is None:
        root = next((k for k in range(g.lo, g.hi) if g.head(k) is None), None)
        if root is not None:
            pred_toks.append(root)
            feats.append("root:" + _lemma(g, root))
    pred_toks = list(dict.fromkeys(pred_toks))
    for k in pred_toks:
        for lab in _lex(g, k):
            feats.append("lexp:" + lab)
        for m in _markers(g, k):
            feats.append("m:" + m)

    # What the rule coder found.
    def overlaps(a: object, span: tuple[int, int] | None) -> bool:
        return a is not None and span is not None and a.start < span[1] and a.end > span[0]  # type: ignore[attr-defined]

    cands = [e for e in d.candidates if e.sentence.index == d.sentence.index]
    groups: dict[str, list[Event]] = {"rd": [], "rs": [], "rt": [], "ra": []}
    for e in cands:
        so, to = overlaps(e.source, d.source), overlaps(e.target, d.target)
        if so and (to or (d.target is None and e.target is None)):
            groups["rd"].append(e)
        elif so:
            groups["rs"].append(e)
        elif to:
            groups["rt"].append(e)
        groups["ra"].append(e)
    for key, evs in groups.items():
        if not evs:
            feats.append(key + ":none")
            continue
        best = max(evs, key=lambda e: e.confidence)
        feats.append(f"{key}:{plv_label(best)}")
        feats.append(f"{key}r:{best.cameo_root}")
        if key in ("rd", "rs"):
            for tag in _rule_tags(best):
                feats.append(f"{key}x:{tag}")
            feats.append(f"{key}c:{best.cameo[:3]}")
            feats.append(f"{key}f:{best.factuality}")
        for e in evs:
            feats.append(f"{key}any:{plv_label(e)}")

    if emb is None:
        return feats, np.zeros(0, dtype=np.float32)
    words = [g.tok(k).text for k in range(g.lo, g.hi)]
    v_sent = emb.mean(emb.ids_of_words(words))
    outside = [g.tok(k).text for k in range(g.lo, g.hi) if k not in in_args]
    v_out = emb.mean(emb.ids_of_words(outside))
    v_path = emb.mean(emb.ids_of_words([g.tok(k).text for k in path]))
    v_pred = emb.mean(emb.ids_of_words([g.tok(k).text for k in pred_toks]))
    return feats, np.concatenate([v_sent, v_out, v_path, v_pred]).astype(np.float32)


def dyad_dense_dim(emb: StaticEmbedder | None) -> int:
    return 0 if emb is None else 4 * emb.dim


# -- snippets (CASE 2021) -------------------------------------------------------------------
def snippet_features(
    doc: AnnotatedArticle,
    events: Sequence[Event],
    scheme_hits: Iterable[str],
    scheme_label: str,
    emb: StaticEmbedder | None,
) -> tuple[list[str], np.ndarray]:
    text = doc.article.text
    toks = doc.tokens
    lemmas = [
        t.lemma.lower()
        for t in toks
        if t.pos not in ("PUNCT", "SPACE", "DET", "NUM", "SYM") and t.lemma.lower() not in _STOP
    ]
    feats = ["l:" + x for x in lemmas]
    feats += ["v:" + t.lemma.lower() for t in toks if t.pos == "VERB"]
    feats += ["n:" + t.lemma.lower() for t in toks if t.pos == "NOUN"]
    feats += ["e:" + e.label for e in doc.entities]
    feats += ["kw:" + h for h in scheme_hits]
    feats.append("rule:" + scheme_label)
    for e in events:
        feats.append("ev:" + e.cameo_root)
        feats.append("evc:" + e.cameo[:3])
        feats.append("evp:" + plv_label(e))
        feats.append("evt:" + e.trigger.text.lower())
    if not events:
        feats.append("ev:none")
    if emb is None:
        return feats, np.zeros(0, dtype=np.float32)
    v = emb.encode(text)
    trig = emb.mean(emb.ids_of_words([e.trigger.text for e in events]))
    sents = [emb.encode(s.text) for s in doc.sentences] or [v]
    verbs = emb.mean(emb.ids_of_words([t.text for t in toks if t.pos == "VERB"]))
    nouns = emb.mean(emb.ids_of_words([t.text for t in toks if t.pos == "NOUN"]))
    return feats, np.concatenate([v, trig, np.mean(sents, axis=0), sents[0], verbs, nouns]).astype(np.float32)


def snippet_dense_dim(emb: StaticEmbedder | None) -> int:
    return 0 if emb is None else 6 * emb.dim
