"""Model-only events for sentences the rule coder found nothing in.

The sentence's main predicate (its root) gives the trigger; its subject the source; its object,
a prepositional object or the first other actor the target. The classifier types the dyad; the
event is kept when the classifier's probability reaches ``min_p``. Such events say
``plover_clf.v1(p=...)`` alone in ``rule`` and carry a low confidence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..coder.arguments import actor_heads, actor_span, direct_object, find_actor_within, is_actor_like, subjects
from ..coder.syntax import SentenceGraph
from ..records import ActorRef, AnnotatedArticle, Event, Span
from .features import Dyad

if TYPE_CHECKING:
    from .model import LearnedModel

_ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP"}


def _actor(g: SentenceGraph, head: int) -> ActorRef:
    lo, hi = actor_span(g, head)
    text, s, e = g.text(lo, hi)
    return ActorRef(text=text, start=s, end=e, head=g.tok(head).text)


def _root(g: SentenceGraph) -> int | None:
    roots = [k for k in range(g.lo, g.hi) if g.head(k) is None and g.tok(k).pos not in ("PUNCT", "SPACE")]
    for k in roots:
        if g.tok(k).pos in ("VERB", "AUX"):
            return k
    return roots[0] if roots else None


def _other_actors(g: SentenceGraph, skip: set[int]) -> list[int]:
    out = []
    for k in range(g.lo, g.hi):
        t = g.tok(k)
        if k in skip or t.pos not in ("PROPN", "NOUN"):
            continue
        h = g.head(k)
        if h is not None and g.tok(h).pos in ("PROPN",) and t.dep in ("compound", "flat"):
            continue  # part of a longer name
        if t.ent_type in _ACTOR_ENTS or g.mention_at(k, "actor") is not None:
            lo, hi = actor_span(g, k)
            if is_actor_like(g, lo, hi, k) and not any(lo <= s < hi for s in skip):
                out.append(k)
    return out


def dyad_of_sentence(g: SentenceGraph) -> tuple[int, int, int | None] | None:
    """(predicate, source head, target head) of a sentence, or None without a source."""
    v = _root(g)
    if v is None:
        return None
    srcs = actor_heads(g, subjects(g, v, stative=True))
    others = _other_actors(g, set())
    if not srcs:
        before = [k for k in others if k < v]
        if not before:
            return None
        srcs = [before[0]]
    s = srcs[0]
    s_lo, s_hi = actor_span(g, s)
    tgts: list[int] = []
    obj = direct_object(g, v)
    if obj is not None:
        tgts = actor_heads(g, [obj], climb=False) or find_actor_within(g, obj)
    if not tgts:
        for h in [v] + ([obj] if obj is not None else []) + g.kids(v, "xcomp"):
            for _, o in g.preps(h):
                tgts = actor_heads(g, [o], climb=False) or find_actor_within(g, o)
                if tgts:
                    break
            if tgts:
                break
    if not tgts:
        tgts = [k for k in others if not (s_lo <= k < s_hi)]
    t = next((k for k in tgts if not (s_lo <= k < s_hi)), None)
    return v, s, t


def _is_place(g: SentenceGraph, t: int) -> bool:
    return g.tok(t).ent_type in ("GPE", "LOC", "FAC") and g.mention_at(t, "actor") is None


def _same_dyad(e: Event, src: ActorRef, tgt: ActorRef | None) -> bool:
    def ov(a: ActorRef | None, b: ActorRef | None) -> bool:
        return a is not None and b is not None and a.start < b.end and b.start < a.end

    return ov(e.source, src) and (ov(e.target, tgt) or (tgt is None and e.target is None))


def propose_events(
    doc: AnnotatedArticle, model: LearnedModel, covered: set[int], min_p: float, existing: Sequence[Event] = ()
) -> list[Event]:
    """One event per sentence not in ``covered`` whose main dyad no ``existing`` event has."""
    from ..coder.context import date_candidates
    from ..coder.modality import factuality
    from .model import MODEL_NAME, _recode, code_for

    out: list[Event] = []
    for sent in doc.sentences:
        if sent.index in covered or not sent.parsed or sent.token_end <= sent.token_start:
            continue
        g = SentenceGraph(doc, sent)
        found = dyad_of_sentence(g)
        if found is None:
            continue
        v, s, t = found
        if t is not None and _is_place(g, t):
            t = None  # a town the rules took for the place of the event, not its target
        src = _actor(g, s)
        tgt = _actor(g, t) if t is not None else None
        vt = g.tok(v)
        if any(
            e.sentence.index == sent.index
            and (
                _same_dyad(e, src, tgt)
                or (_same_dyad(e, src, e.target) and e.trigger.start <= vt.start < e.trigger.end)
            )
            for e in existing
        ):
            continue  # the rules have this dyad, or this predicate with this source
        pred = model.predict_dyad(Dyad(doc, sent, (src.start, src.end), (tgt.start, tgt.end) if tgt else None, ()))
        if pred.p < min_p:
            continue
        trigger = Span(vt.text, vt.start, vt.end)
        fact = factuality(g, v)
        cue = None
        if fact.token >= 0:
            ct = g.tok(fact.token)
            cue = Span(ct.text, ct.start, ct.end)
        code = code_for(pred.label, doc, trigger)
        ev = Event(
            article=doc.article,
            sentence=sent,
            source=src,
            target=tgt,
            cameo=code,
            trigger=trigger,
            date_spans=tuple(date_candidates(g, v)),
            factuality=fact.value,
            factuality_cue=cue,
            confidence=round(0.4 * pred.p, 4),
            rule=f"{MODEL_NAME}(p={pred.p:.2f})",
        )
        out.append(_recode(ev, code, None))
    return out
