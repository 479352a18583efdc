"""The rule coder: CAMEO events from the dependency parse and the pattern data.

For every verb or event noun with patterns (data/cameo/verbs.yaml, nouns.yaml) it finds the
first pattern the parse satisfies, takes the actors from the parse (voice, coordination,
control, appositions, light verbs, possessors), and labels the event with its factuality,
attribution chain, candidate date and place phrases and the quote it sits in. Resolution of
actors, dates and places to knowledge happens later, in ``newsgraph.resolve``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import ActorRef, AnnotatedArticle, Attribution, Event, Span
from ..registry import registry
from .arguments import (
    actor_heads,
    actor_span,
    at_the_hands_of,
    direct_object,
    find_actor_within,
    is_actor_like,
    subjects,
)
from .context import date_candidates, place_candidates
from .cues import cues
from .modality import attribution_heads, factuality
from .ontology import goldstein_of, plover_of, quad_of, root_of
from .patterns import Pattern, PatternSet, default_patterns
from .quotes import Quote, find_quotes, quote_at
from .syntax import SentenceGraph

_NOUN_SOURCE_PREPS = frozenset({"by", "from"})
_STATEMENT_CODE = "010"
_PARTICLE_ADVERBS = frozenset({"down", "back", "out", "off", "up", "over", "away"})
_TARGET_PREPS = frozenset({"against", "on", "with", "to", "at", "toward", "towards", "into"})
# Event types two coordinated subjects do to each other ("X and Y signed a deal", "... clashed").
_MUTUAL_ROOTS = frozenset({"03", "04", "05", "06"})
# Event kinds worth recording with an unknown perpetrator (coercion, assault, fighting, mass violence).
_UNKNOWN_AGENT_ROOTS = frozenset({"17", "18", "19", "20"})
_MUTUAL_VERBS = frozenset({"clash", "fight", "battle", "skirmish", "meet", "talk", "negotiate", "agree", "sign"})
# An announced intention to do what a code does is its own CAMEO code (roots 03 and 13).
_INTENTS = (
    ("061", "0311"),
    ("062", "0312"),
    ("063", "0313"),
    ("064", "0314"),
    ("06", "031"),
    ("071", "0331"),
    ("072", "0332"),
    ("073", "0333"),
    ("074", "0334"),
    ("07", "033"),
    ("081", "0351"),
    ("082", "0352"),
    ("084", "0353"),
    ("085", "0354"),
    ("086", "0355"),
    ("087", "0356"),
    ("08", "035"),
    ("04", "036"),
    ("057", "037"),
    ("05", "032"),
    ("161", "1313"),
    ("162", "1311"),
    ("163", "1312"),
    ("16", "131"),
    ("17", "137"),
    ("191", "1381"),
    ("192", "1382"),
    ("18", "1383"),
    ("19", "1384"),
    ("20", "1385"),
)
# Refusing what a cooperative code does is a CAMEO rejection (root 12): code -> rejection code.
_REFUSALS = (
    ("0841", "1243"),
    ("084", "1243"),
    ("085", "1244"),
    ("086", "1245"),
    ("087", "1246"),
    ("081", "1241"),
    ("082", "1242"),
    ("083", "123"),
    ("036", "125"),
    ("037", "127"),
    ("04", "125"),
    ("057", "127"),
    ("03", "120"),
    ("05", "120"),
    ("06", "121"),
    ("07", "121"),
    ("08", "124"),
)


@dataclass
class _Match:
    pattern: Pattern
    trigger: list[int]  # trigger tokens (verb, particle, object noun, ...)
    sources: list[int]
    targets: list[int]
    anchor: int = 0  # the token whose clause decides factuality/date


@dataclass
class _Speaker:
    head: int
    verb: int
    graph: SentenceGraph


class RuleCoder:
    name = "rules_coder.v1"

    def __init__(self, patterns: PatternSet | None = None) -> None:
        self.patterns = patterns or default_patterns()

    # -- article ----------------------------------------------------------------------------
    def code(self, doc: AnnotatedArticle) -> list[Event]:
        quotes = find_quotes(doc.article.text)
        graphs = [SentenceGraph(doc, s) for s in doc.sentences if s.parsed and s.token_end > s.token_start]
        speakers = self._quote_speakers(graphs, quotes)
        events: list[Event] = []
        for g in graphs:
            events.extend(self._code_sentence(g, quotes, speakers))
        events.extend(self._statements(speakers, events))
        return events

    # -- one sentence -----------------------------------------------------------------------
    def _code_sentence(self, g: SentenceGraph, quotes: list[Quote], speakers: dict[Quote, _Speaker]) -> list[Event]:
        matches: list[_Match] = []
        consumed: set[int] = set()
        verbs, nouns, light = self.patterns.verbs, self.patterns.nouns, self.patterns.light_verbs
        for i in range(g.lo, g.hi):
            t = g.tok(i)
            if t.pos != "VERB":
                continue
            lem = t.lemma.lower()
            obj = direct_object(g, i)
            m = self._match_verb(g, i, verbs.get(lem, ()), require_obj=True)
            if m is None and lem in light and obj is not None and g.lemma(obj) in nouns:
                continue  # the object noun carries the event ("launched an attack")
            if m is None:
                m = self._match_verb(g, i, verbs.get(lem, ()), require_obj=False)
            if m is None and not (lem in light and obj is not None):
                m = self._fallback_verb(g, i, verbs.get(lem, ()))
            if m is not None:
                consumed.update(m.trigger)
                matches.append(m)
        for i in range(g.lo, g.hi):
            t = g.tok(i)
            if t.pos not in ("NOUN",) or i in consumed:
                continue
            pats = nouns.get(t.lemma.lower())
            if pats:
                m = self._match_noun(g, i, pats)
                if m is not None:
                    # "cessation of hostilities": the inner noun is part of this trigger.
                    consumed.update(m.trigger)
                    matches.append(m)
        out: list[Event] = []
        for m in matches:
            out.extend(self._events(g, m, quotes, speakers))
        return out

    def _match_verb(self, g: SentenceGraph, v: int, pats: tuple[Pattern, ...], require_obj: bool) -> _Match | None:
        obj = direct_object(g, v)
        # spaCy sometimes tags the particle as an adverb ("stepped down", "pushed back").
        prts = {g.lemma(k): k for k in g.kids(v, "prt")}
        for k in g.kids(v, "advmod"):
            if g.lemma(k) in _PARTICLE_ADVERBS and k == v + 1:
                prts.setdefault(g.lemma(k), k)
        for p in pats:
            if bool(p.obj) != require_obj:
                continue
            if p.prt and p.prt not in prts:
                continue
            if p.xcomp and not g.kids(v, "xcomp"):
                continue
            if p.obj and (obj is None or g.lemma(obj) not in p.obj):
                continue
            if p.compound and (obj is None or not {g.lemma(k) for k in g.kids(obj, "compound", "amod")} & p.compound):
                continue
            if p.of and (obj is None or not any(g.lemma(o) in p.of for _, o in g.preps(obj, frozenset({"of"})))):
                continue
            trigger = [v] + ([prts[p.prt]] if p.prt else []) + ([obj] if p.obj and obj is not None else [])
            targets: list[int] = []
            if p.target == "prep":
                hosts = [obj] if (p.obj and obj is not None) else []
                hosts += [v] + ([obj] if (obj is not None and not p.obj) else [])
                for h in hosts:
                    for _, o in g.preps(h, p.prep):
                        targets.extend(g.conjuncts(o))
                    if targets:
                        break
                if not targets and not p.obj:
                    continue
            elif p.target == "obj":
                if obj is not None:
                    targets = g.conjuncts(obj)
                else:
                    dative = g.kid(v, "dative")
                    targets = g.conjuncts(dative) if dative is not None else []
            elif p.target == "none" and obj is not None:
                targets = find_actor_within(g, obj)
            if not targets and p.target != "none" and p.code != _STATEMENT_CODE:
                targets = self._complement_targets(g, v)
            if p.code == _STATEMENT_CODE and not [t for t in targets if not _is_press(g, t)]:
                continue  # "X said", "told reporters": reporting, kept as attribution
            srcs = subjects(g, v, stative=p.target != "obj")
            return _Match(p, trigger, srcs, targets, anchor=v)
        return None

    def _complement_targets(self, g: SentenceGraph, v: int) -> list[int]:
        """ "threatened to launch an operation against the YPG": the target sits in the
        complement clause (its object, or a preposition on it or on its object)."""
        for x in g.kids(v, "xcomp"):
            o = direct_object(g, x)
            for h in [x] + ([o] if o is not None else []):
                for _, t in g.preps(h, _TARGET_PREPS):
                    return g.conjuncts(t)
            if o is not None:
                lo, hi = actor_span(g, o)
                if is_actor_like(g, lo, hi, o):
                    return g.conjuncts(o)
        return []

    def _fallback_verb(self, g: SentenceGraph, v: int, pats: tuple[Pattern, ...]) -> _Match | None:
        """A verb whose patterns all ask for particular objects ("returned the bodies to"), used
        with another object ("returned a Bible to its owners"): code it with the parent code the
        patterns share, target as the patterns say, lower confidence."""
        if not pats or not all(p.obj for p in pats):
            return None
        if len({p.code[:2] for p in pats}) > 1:
            return None  # the patterns disagree on what the verb does: no safe guess
        parents = [p.code[:3] for p in pats]
        code = max(sorted(set(parents)), key=parents.count)  # ties: the smallest code, every run
        obj = direct_object(g, v)
        preps = frozenset().union(*(p.prep for p in pats))
        targets: list[int] = []
        for h in [v] + ([obj] if obj is not None else []):
            for _, o in g.preps(h, preps):
                targets.extend(g.conjuncts(o))
            if targets:
                break
        if not targets and obj is not None and not any(p.prep for p in pats):
            targets = find_actor_within(g, obj)
        if code == _STATEMENT_CODE:
            return None
        if not targets:
            return None  # without a recipient the parent code is a guess about an unknown object
        base = pats[0]
        fallback = Pattern(lemma=base.lemma, kind="verb", code=code, target="prep", note="fallback", index=-1)
        trigger = [v] + ([obj] if obj is not None and obj == v + 1 else [])
        return _Match(fallback, trigger, subjects(g, v, stative=True), targets, anchor=v)

    def _match_noun(self, g: SentenceGraph, n: int, pats: tuple[Pattern, ...]) -> _Match | None:
        mods = {g.lemma(k) for k in g.kids(n, "compound", "amod", "nmod")}
        of_pairs = g.preps(n, frozenset({"of"}))
        for p in pats:
            if p.compound and not (mods & p.compound):
                continue
            if p.of and not any(g.lemma(o) in p.of for _, o in of_pairs):
                continue
            trigger = [n]
            hosts = [n]
            if p.of:
                prep, o = next((pp, oo) for pp, oo in of_pairs if g.lemma(oo) in p.of)
                trigger += [prep, o]
                hosts.append(o)
            targets: list[int] = []
            symmetric = False
            preps = p.prep or frozenset({"on", "against", "with", "to", "for", "between", "toward", "towards"})
            for h in hosts:
                for pp, o in g.preps(h, preps):
                    if g.lemma(pp) == "between":
                        symmetric = True
                    targets.extend(g.conjuncts(o))
            if not targets and not p.of:
                for _, o in of_pairs:  # "the killing of X": X is the target
                    if g.tok(o).pos in ("PROPN", "NOUN", "PRON"):
                        targets.extend(g.conjuncts(o))
            if not targets and g.lemma(n) in cues().patient_nouns:
                for k in g.kids(n, "poss"):
                    targets.extend(g.conjuncts(k))
            sources = self._noun_sources(g, n, p)
            anchor = n
            light_head = g.head(n)
            if (
                light_head is not None
                and g.tok(n).dep in ("dobj", "nsubjpass")
                and (g.lemma(light_head) in self.patterns.light_verbs)
            ):
                trigger.append(light_head)
                anchor = light_head
                if not sources:
                    sources = subjects(g, light_head)
                for _, o in g.preps(light_head, preps):
                    targets.extend(g.conjuncts(o))
            if p.prep and not targets and not (p.of or p.compound) and anchor == n and len(sources) < 2:
                continue  # a bare "strike" is an event only when it is "on"/"against" someone
            if p.code == _STATEMENT_CODE and not targets:
                continue
            if not sources and symmetric and len(targets) >= 2:
                sources = list(targets)
            if not sources and not (targets and p.code[:2] in _UNKNOWN_AGENT_ROOTS):
                return None
            return _Match(p, trigger, sources, targets, anchor=anchor)
        return None

    def _noun_sources(self, g: SentenceGraph, n: int, p: Pattern) -> list[int]:
        hands = at_the_hands_of(g, n)
        if hands:
            return hands
        poss = g.kids(n, "poss")
        if poss and g.lemma(n) in cues().patient_nouns:
            # "ordered Khan's release": the possessor undergoes it; the orderer does it.
            v = g.head(n)
            return subjects(g, v) if v is not None and g.tok(v).pos == "VERB" else []
        if poss:
            return g.conjuncts(poss[0])
        for _, o in g.preps(n, _NOUN_SOURCE_PREPS):
            return g.conjuncts(o)
        for k in g.kids(n, "compound", "amod", "nmod"):
            if g.lemma(k) in p.compound:
                continue
            lo, hi = actor_span(g, k)
            if is_actor_like(g, lo, hi, k) and g.tok(k).pos in ("PROPN", "NOUN", "ADJ"):
                return [k]
        # "Baghdad and Washington are in talks", "the two sides remain at war": the subject of
        # the verb the event noun's phrase hangs on.
        h = g.head(n)
        if g.tok(n).dep == "pobj" and h is not None and g.lemma(h) in ("in", "at", "into"):
            v = g.head(h)
            if v is not None and g.tok(v).pos in ("VERB", "AUX") and g.lemma(v) in cues().state_verbs:
                return subjects(g, v)
        return []

    # -- events -----------------------------------------------------------------------------
    def _events(self, g: SentenceGraph, m: _Match, quotes: list[Quote], speakers: dict[Quote, _Speaker]) -> list[Event]:
        sources: list[int | None] = list(actor_heads(g, m.sources))
        if not sources:
            # "A police officer was shot dead", "a rocket attack on a police post": violence
            # with no named perpetrator is still an event (source unknown), as in ACLED.
            unknown = m.pattern.code[:2] in _UNKNOWN_AGENT_ROOTS and (
                g.is_passive(m.anchor) or g.tok(m.trigger[0]).pos == "NOUN"
            )
            # "U.S. forces have been engaged in war": a state passive, its subject acts.
            if g.lemma(m.anchor) in cues().state_verbs and any(
                g.lemma(o) in self.patterns.nouns for _, o in g.preps(m.anchor, frozenset({"in", "into"}))
            ):
                unknown = False
            if not unknown or not m.targets:
                return []
            sources = [None]
        targets = actor_heads(g, m.targets, climb=False) if m.targets else []
        if not targets and m.targets:
            inner: list[int] = []
            for t in m.targets:
                inner.extend(find_actor_within(g, t))
            targets = inner
            if not targets and m.pattern.target == "prep" and m.pattern.kind == "verb" and not m.pattern.obj:
                # A relation to a thing is not an event between actors: "politicians linked to
                # organised crime", "fought against poverty".
                return []
        code = m.pattern.code
        # "Hamas and Fatah signed an agreement": each with the other, when they are the verb's own
        # coordinated subjects (not agents of a passive, not the subjects of something else).
        own = all(x is not None and (g.head(x) == m.anchor or g.tok(x).dep == "conj") for x in sources)
        if (
            not m.targets
            and len(sources) >= 2
            and own
            and not g.is_passive(m.anchor)
            and (code[:2] in _MUTUAL_ROOTS or g.lemma(m.trigger[0]) in _MUTUAL_VERBS)
        ):
            targets = [x for x in sources if x is not None]
        trig_lo, trig_hi = min(m.trigger), max(m.trigger) + 1
        tr_text, tr_s, tr_e = g.text(trig_lo, trig_hi)
        if trig_hi - trig_lo > 6:  # a discontinuous trigger: keep the head word only
            tr_text, tr_s, tr_e = g.text(m.trigger[0], m.trigger[0] + 1)
        trigger = Span(tr_text, tr_s, tr_e)
        extra = tuple(k for k in m.trigger if k != m.trigger[0] and g.tok(k).pos == "VERB")
        fact = factuality(g, m.trigger[0], extra)
        if fact.value == "directive":
            return []
        rule = f"rules_coder.v1/{m.pattern.rule_id}"
        if fact.value == "future":
            intent = _intent_code(code)
            if intent is not None:
                # CAMEO codes announced intentions as such: "will free prisoners" is 0353, not
                # 0841; "vowed to attack" is a threat of force (138x), not an attack.
                code, rule = intent, rule + "+intent"
        if fact.value == "negated" and fact.token >= 0:
            refusal = _refusal_code(code)
            if refusal is not None:
                # "Israel will not release prisoners", "refused to accept": a rejection, asserted.
                code, rule = refusal, rule + "+refusal"
                fact = type(fact)("asserted", fact.token)
        fact_cue = None
        if fact.token >= 0:
            ct = g.tok(fact.token)
            fact_cue = Span(ct.text, ct.start, ct.end)
        attribution = [self._attribution(g, h, c) for h, c in attribution_heads(g, m.anchor)]
        quote = quote_at(quotes, tr_s, tr_e)
        if quote is not None and quote in speakers:
            sp = speakers[quote]
            said = self._attribution(sp.graph, sp.head, sp.verb)
            if all((a.start, a.end) != (said.start, said.end) for a in attribution):
                attribution.append(said)
        dates = date_candidates(g, m.trigger[0], extra)
        events = []
        recipients: list[int | None] = list(targets) if targets else [None]
        pairs = [(s, r) for s in sources for r in recipients]
        for s, rcp in pairs:
            if rcp is not None and s is not None and (s == rcp or actor_span(g, s) == actor_span(g, rcp)):
                continue
            if s is None and rcp is None:
                continue
            src = self._actor(g, s) if s is not None else None
            tgt: ActorRef | None = self._actor(g, rcp) if rcp is not None else None
            first_places: list[Span] = []
            if rcp is not None and _is_place_target(g, rcp):
                # "M23 seized Rutshuru": a town is where it happened, not who it happened to.
                first_places = [Span(tgt.text, tgt.start, tgt.end)] if tgt else []
                tgt = None
            exclude = ([(src.start, src.end)] if src else []) + ([(tgt.start, tgt.end)] if tgt else [])
            arg_heads = [k for k in (direct_object(g, m.anchor), s, rcp) if k is not None]
            places = first_places + place_candidates(
                g, m.trigger[0], arg_heads, [(a, b) for a, b in _tok_ranges(g, exclude)]
            )
            conf = 0.45 + 0.08 * m.pattern.specificity + (0.1 if tgt is not None else 0.0)
            events.append(
                _event(
                    g,
                    code,
                    source=src,
                    target=tgt,
                    trigger=trigger,
                    date_spans=tuple(dates),
                    place_spans=tuple(places),
                    factuality=fact.value,
                    factuality_cue=fact_cue,
                    attribution=tuple(attribution),
                    quote=Span(g.doc.article.text[quote.start : quote.end], quote.start, quote.end) if quote else None,
                    confidence=min(conf, 0.95),
                    rule=rule,
                )
            )
        return events

    def _actor(self, g: SentenceGraph, head: int) -> ActorRef:
        lo, hi = actor_span(g, head)
        text, s, e = g.text(lo, hi)
        return ActorRef(text=text, start=s, end=e, head=g.tok(head).text)

    def _attribution(self, g: SentenceGraph, head: int, cue: int) -> Attribution:
        lo, hi = actor_span(g, head)
        text, s, e = g.text(lo, hi)
        ct = g.tok(cue)
        cue_text = ct.text
        if ct.text.lower() == "according":
            cue_text = "according to"
        return Attribution(text=text, start=s, end=e, cue=cue_text, head=g.tok(head).text)

    # -- quotes -----------------------------------------------------------------------------
    def _quote_speakers(self, graphs: list[SentenceGraph], quotes: list[Quote]) -> dict[Quote, _Speaker]:
        """Find who says each quote: the reporting verb outside the quote in the sentence
        where it ends ("... ," said the Pakistani Taliban leader) or begins."""
        out: dict[Quote, _Speaker] = {}
        reporting = cues().reporting_verbs
        for q in quotes:
            for g in graphs:
                s = g.sentence
                if not (s.start <= q.end <= s.end + 2 or s.start <= q.start <= s.end):
                    continue
                best: tuple[int, int, int] | None = None
                for i in range(g.lo, g.hi):
                    t = g.tok(i)
                    if t.pos != "VERB" or t.lemma.lower() not in reporting or q.start <= t.start < q.end:
                        continue
                    head = self._speaker_of(g, i, q)
                    if head is None:
                        continue
                    dist = min(abs(t.start - q.end), abs(q.start - t.end))
                    if best is None or dist < best[0]:
                        best = (dist, head, i)
                for i in range(g.lo, g.hi):  # "according to X, '...'"
                    for p, o in g.preps(i, frozenset({"according to"})):
                        if not (q.start <= g.tok(o).start < q.end) and best is None:
                            best = (0, o, p)
                if best is not None:
                    out[q] = _Speaker(best[1], best[2], g)
                    break
        return out

    def _speaker_of(self, g: SentenceGraph, v: int, q: Quote) -> int | None:
        def outside(k: int) -> bool:
            return not (q.start <= g.tok(k).start < q.end)

        for s in subjects(g, v):
            if outside(s) and is_actor_like(g, *actor_span(g, s), s):
                return s
        # Inverted quote attribution ("continued Fazlullah") is often mis-parsed as a modifier.
        for k in g.kids(v, "npadvmod", "dobj", "attr", "nsubj", "appos"):
            if outside(k) and g.tok(k).pos in ("PROPN", "NOUN", "PRON"):
                lo, hi = actor_span(g, k)
                if is_actor_like(g, lo, hi, k):
                    return k
        return None

    def _statements(self, speakers: dict[Quote, _Speaker], coded: list[Event]) -> list[Event]:
        """A quoted statement is itself an event: CAMEO 010 by the speaker."""
        out = []
        for q, sp in speakers.items():
            g = sp.graph
            if any(e.trigger.start == sp.graph.tok(sp.verb).start and e.cameo.startswith("01") for e in coded):
                continue  # the speech verb is already coded (with its addressee)
            src = self._actor(g, sp.head)
            vt = g.tok(sp.verb)
            target = None
            for k in g.kids(sp.verb, "dative", "dobj"):
                if not (q.start <= g.tok(k).start < q.end) and is_actor_like(g, *actor_span(g, k), k):
                    target = self._actor(g, k)
                    break
            attribution = [self._attribution(g, h, c) for h, c in attribution_heads(g, sp.verb)]
            out.append(
                _event(
                    g,
                    _STATEMENT_CODE,
                    source=src,
                    target=target,
                    trigger=Span(vt.text, vt.start, vt.end),
                    date_spans=tuple(date_candidates(g, sp.verb)),
                    factuality="asserted",
                    attribution=tuple(attribution),
                    quote=Span(g.doc.article.text[q.start : q.end], q.start, q.end),
                    confidence=0.6,
                    rule="rules_coder.v1/quote",
                )
            )
        return out


def _event(g: SentenceGraph, code: str, **fields: Any) -> Event:
    """An event of this sentence with the code's ontology filled in."""
    return Event(
        article=g.doc.article,
        sentence=g.sentence,
        cameo=code,
        cameo_root=root_of(code),
        plover=plover_of(code),
        quad=quad_of(code),
        goldstein=goldstein_of(code),
        **fields,
    )


def _is_press(g: SentenceGraph, t: int) -> bool:
    """ "told the Guardian", "told reporters", "said in an interview with AP": an interview, not
    a statement to an actor."""
    lo, hi = actor_span(g, t)
    words = {g.lemma(k) for k in range(lo, hi)} | {g.tok(k).text.lower() for k in range(lo, hi)}
    return bool(words & cues().press_words)


def _is_place_target(g: SentenceGraph, t: int) -> bool:
    tok = g.tok(t)
    if tok.ent_type not in ("GPE", "LOC", "FAC"):
        return False
    m = g.mention_at(t, "actor")
    return m is None


def _intent_code(code: str) -> str | None:
    for prefix, intent in _INTENTS:
        if code.startswith(prefix):
            return intent
    return None


def _refusal_code(code: str) -> str | None:
    for prefix, refusal in _REFUSALS:
        if code.startswith(prefix):
            return refusal
    return None


def _tok_ranges(g: SentenceGraph, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans -> token ranges within the sentence."""
    out = []
    for s, e in spans:
        toks = [k for k in range(g.lo, g.hi) if g.tok(k).start >= s and g.tok(k).end <= e]
        if toks:
            out.append((toks[0], toks[-1] + 1))
    return out


@registry.coders.register("rules_coder.v1")
def make_rule_coder(patterns: PatternSet | None = None) -> RuleCoder:
    return RuleCoder(patterns)
