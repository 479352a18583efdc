"""Factuality and attribution of an event, read off the clauses that embed its trigger.

Factuality walks up from the trigger through clausal and noun-phrase embeddings ("have been
known to fight", "accused Pakistan of harbouring", "little evidence of an agreement") and takes
the closest cue. Attribution walks to the root and collects who says so ("BBC reported",
"according to the NTC", "Afghanistan has accused"), outermost first, innermost last.
"""

from __future__ import annotations

from dataclasses import dataclass

from .arguments import subjects
from .cues import cues
from .syntax import SentenceGraph

# Embeddings through which an outer clause's modality reaches the event.
_CLAUSE_UP = {"ccomp", "xcomp", "pcomp", "conj", "advcl", "parataxis", "prep", "pobj", "advmod"}


@dataclass(frozen=True)
class Cue:
    value: str
    token: int


def _clause_cue(g: SentenceGraph, node: int, is_trigger: bool) -> Cue | None:
    """Cues carried by a clause head itself: negation (of the verb or of its arguments),
    conditions, habitual adverbs, modals, claim and hedge adverbs and adjectives."""
    c = cues()
    kids = g.kids(node)
    for k in kids:
        t = g.tok(k)
        lem = t.lemma.lower()
        if t.dep == "neg" or (t.dep == "det" and lem == "no" and is_trigger):
            return Cue("negated", k)
        # "No one was killed", "none of its staff were injured", "Neither side has fired".
        if (
            t.dep in ("nsubj", "nsubjpass", "dobj")
            and (
                lem in c.negative_pronouns or any(g.lemma(d) in ("no", "neither") for d in g.kids(k, "det", "preconj"))
            )
            and g.lemma(k) not in c.evidence_nouns
        ):
            return Cue("negated", k)
    for k in kids:
        t = g.tok(k)
        # The consequence of a condition: "If the aggression continues, we will target ...".
        if t.dep == "advcl":
            mark = next((m for m in g.kids(k, "mark") if g.lemma(m) in c.hypothetical_marks), None)
            if mark is not None:
                return Cue("hypothetical", mark)
    for k in kids:
        t = g.tok(k)
        lem = t.lemma.lower()
        if t.dep == "mark" and lem in c.hypothetical_marks and g.tok(node).dep == "advcl":
            return Cue("hypothetical", k)
        if t.dep == "mark" and lem == "whether":
            return Cue("hedged", k)  # "It is unclear whether X attacked"
        # Habitual adverbs win over modals: "would often raid".
        if t.dep in ("advmod", "npadvmod") and (lem in c.habitual_adverbs or _every(g, k)):
            return Cue("habitual", k)
        if t.dep == "prep" and any(_every(g, o) for o in g.kids(k, "pobj")):
            return Cue("habitual", k)
    for k in kids:
        t = g.tok(k)
        lem = t.lemma.lower()
        if t.dep == "aux":
            if lem in c.future_modals:
                return Cue("future", k)
            if lem == "would" and _reported(g, node):
                return Cue("future", k)  # "said X would hold talks": future in the past
            if lem in c.hedge_modals:
                return Cue("hedged", k)
        if t.dep in ("advmod", "npadvmod"):
            if lem in c.claim_adverbs:
                return Cue("claimed", k)
            if lem in c.hedge_adverbs:
                return Cue("hedged", k)
        if t.dep == "amod" and is_trigger:  # on an event noun: "an alleged plot", "a suspected strike"
            if lem in c.claim_adjectives:
                return Cue("claimed", k)
            if lem in c.hedge_adjectives:
                return Cue("hedged", k)
            if lem in c.future_adjectives:
                return Cue("future", k)
    return None


def _imperative(g: SentenceGraph, v: int) -> bool:
    """A bare-verb main clause with no subject: "Stop Turkey from helping ...", "Forget rivalries"."""
    t = g.tok(v)
    return t.dep == "ROOT" and t.tag == "VB" and not g.kids(v, "nsubj", "nsubjpass", "aux", "expl")


def _governing_verb(g: SentenceGraph, noun: int) -> int | None:
    t = g.tok(noun)
    if t.pos != "NOUN":
        return None
    h = g.head(noun)
    if h is not None and t.dep == "pobj" and g.tok(h).dep == "prep":
        h = g.head(h)
    if h is None or t.dep not in ("dobj", "pobj", "nsubjpass") or g.tok(h).pos not in ("VERB", "AUX"):
        return None
    return None if g.lemma(h) in cues().reporting_verbs else h


def _every(g: SentenceGraph, k: int) -> bool:
    """ "every Friday", "each winter"."""
    return any(g.lemma(d) in ("every", "each") for d in g.kids(k, "det"))


def _reported(g: SentenceGraph, node: int) -> bool:
    h = g.head(node)
    return g.tok(node).dep == "ccomp" and h is not None and g.lemma(h) in cues().reporting_verbs


def _embedding_cue(g: SentenceGraph, head: int, via: str) -> Cue | None:
    """Cues of the word that embeds the event: "hope to", "known to", "accused ... of",
    "claimed that", "little evidence of"."""
    c = cues()
    lem = g.lemma(head)
    t = g.tok(head)
    if t.pos == "ADJ" and via in ("xcomp", "ccomp"):
        # "unable to breach", "likely to have", "due to meet", "unclear whether"
        if lem in c.negation_adjectives:
            return Cue("negated", head)
        if lem in c.future_adjectives:
            return Cue("future", head)
        if lem in c.hedge_adjectives:
            return Cue("hedged", head)
    if t.pos in ("VERB", "AUX"):
        if via == "ccomp" and lem in c.reporting_verbs and g.kids(head, "neg"):
            return Cue("hedged", head)  # "could not confirm that X", "did not say whether"
        if via == "ccomp" and lem in c.reporting_verbs:
            for s in g.kids(head, "nsubj", "nsubjpass"):
                if any(g.lemma(a) in c.hedge_source_adjectives for a in g.kids(s, "amod")):
                    return Cue("hedged", s)  # "Unconfirmed reports said ..."
        if via in ("xcomp", "ccomp") and lem in c.directive_verbs:
            # "urged the government not to revoke ...", "demanded that police arrest ...": what is
            # asked for has not happened; the request itself is the event.
            return Cue("directive", head)
        if via in ("xcomp", "ccomp", "pcomp"):
            if lem in c.claim_verbs:
                return Cue("claimed", head)
            if lem in c.negation_verbs and via != "pcomp" or lem == "deny":
                return Cue("negated", head)
            if via == "xcomp" and lem in c.habitual_verbs:
                return Cue("habitual", head)
            if lem in c.hedge_verbs:
                return Cue("hedged", head)
            if via == "xcomp" and lem in c.future_verbs:
                return Cue("future", head)
            if via == "xcomp" and lem in ("be",) and not g.kids(head, "neg"):
                return Cue("future", head)  # "is to meet", "are to be deployed"
    elif t.pos in ("NOUN", "PROPN") and via == "prep":
        if lem in c.evidence_nouns and any(g.lemma(k) in c.scarcity_words for k in g.kids(head, "amod", "det", "neg")):
            return Cue("hedged", head)
        if lem in c.claim_nouns:
            return Cue("claimed", head)
        if lem in c.future_nouns:
            return Cue("future", head)
        if lem in c.hedge_nouns:
            return Cue("hedged", head)
    return None


def _scarce_evidence(g: SentenceGraph, clause: int) -> Cue | None:
    c = cues()
    for k in g.kids(clause, "attr", "nsubj", "dobj", "nsubjpass"):
        if g.lemma(k) in c.evidence_nouns and any(
            g.lemma(m) in c.scarcity_words for m in g.kids(k, "amod", "det", "neg")
        ):
            return Cue("hedged", k)
    return None


def factuality(g: SentenceGraph, trigger: int, extra: tuple[int, ...] = ()) -> Cue:
    """The factuality of the event whose trigger is ``trigger`` (``extra``: other trigger
    tokens such as a light verb, whose own cues count as the trigger's).

    Besides the contract's values this can return "directive": the event is only asked for
    (the complement of urge/demand/call on, or an imperative), and is not an event at all."""
    for t in (trigger, *extra):
        cue = _clause_cue(g, t, True)
        if cue:
            return cue
    top = extra[-1] if extra else trigger
    if _imperative(g, top):
        return Cue("directive", top)
    holder = _governing_verb(g, trigger) if not extra else None
    if holder is not None:
        # An event noun that is the object of a modal verb: "could lead to renewed fighting".
        cue = _clause_cue(g, holder, False)
        if cue is not None and cue.value in ("hedged", "future", "negated", "hypothetical"):
            return cue
    node = extra[-1] if extra else trigger
    for _ in range(12):
        h = g.head(node)
        dep = g.tok(node).dep
        if h is None or dep not in _CLAUSE_UP:
            break
        via = dep
        if dep in ("pobj", "pcomp") and g.tok(h).dep in ("prep", "agent"):
            # Skip the preposition: "accused Pakistan of harbouring", "evidence of an agreement".
            hh = g.head(h)
            if hh is None:
                break
            via, h = ("pcomp" if dep == "pcomp" else "prep"), hh
        cue = _embedding_cue(g, h, via)
        if cue:
            return cue
        if via in ("prep", "advmod") and g.tok(h).pos in ("VERB", "AUX"):
            cue = _scarce_evidence(g, h)  # "There has been little evidence so far of X"
            if cue:
                return cue
        if g.tok(h).pos in ("VERB", "AUX") and via in ("conj", "xcomp", "advcl"):
            cue = _clause_cue(g, h, False)
            if cue and (cue.value != "negated" or via in ("conj", "xcomp")):
                return cue
        node = h
    return Cue("asserted", -1)


def attribution_heads(g: SentenceGraph, trigger: int) -> list[tuple[int, int]]:
    """(speaker head token, cue token) pairs, outermost first."""
    c = cues()
    found: list[tuple[int, int]] = []
    node = trigger
    seen = {trigger}
    path = [trigger, *g.ancestors(trigger)]
    for idx, node in enumerate(path):
        for p, o in g.preps(node, frozenset({"according to"})):
            if o not in seen:
                found.append((o, p))
                seen.add(o)
        if idx == 0:
            continue
        child = path[idx - 1]
        via = g.tok(child).dep
        if via in ("ccomp", "xcomp", "pcomp", "parataxis", "advcl", "conj") or (
            via == "prep" and g.lemma(node) in c.claim_verbs
        ):
            if g.lemma(node) in c.reporting_verbs and g.tok(node).pos in ("VERB", "AUX"):
                if via == "conj":
                    continue
                for s in subjects(g, node)[:1]:
                    if s not in seen:
                        found.append((s, node))
                        seen.add(s)
        # "X bombed a market, the Observatory reported": the reporting clause hangs below.
        for k in g.kids(node, "parataxis", "ccomp", "advcl"):
            if k in path or g.tok(k).pos != "VERB" or g.lemma(k) not in c.reporting_verbs:
                continue
            if k > node and not g.kids(k, "ccomp", "dobj"):
                for s in g.kids(k, "nsubj"):
                    if s not in seen:
                        found.append((s, k))
                        seen.add(s)
    found.reverse()
    return found
