"""Who does what to whom: subjects, objects and actor spans from the parse."""

from __future__ import annotations

from .cues import cues
from .syntax import OBJ, PASS_SUBJ, SUBJ, SentenceGraph

# Dependents that belong to an actor's noun phrase.
_NP_DEPS = {
    "compound",
    "amod",
    "det",
    "poss",
    "case",
    "nmod",
    "flat",
    "nummod",
    "quantmod",
    "appos",
    "punct",
    "npadvmod",
    "predet",
    "hmod",
    "hyph",
    "nn",
    "advmod",
}
_ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
_WH = {"who", "that", "which", "whom", "whose"}
_PLACE_ENTS = {"GPE", "LOC", "FAC"}
_NON_ACTOR_ENTS = {
    "DATE",
    "TIME",
    "MONEY",
    "PERCENT",
    "QUANTITY",
    "CARDINAL",
    "ORDINAL",
    "WORK_OF_ART",
    "LAW",
    "EVENT",
    "PRODUCT",
    "LANGUAGE",
}
_PERSON_SUFFIXES = ("ian", "ist", "er", "or", "ee", "ant", "eer")


def is_actor_like(g: SentenceGraph, lo: int, hi: int, head: int) -> bool:
    """Does the phrase headed by ``head`` name an actor? The head itself must be actor-ish: part
    of a knowledge-base mention or of a PERSON/ORG/GPE/NORP entity, an agent or role word, a
    pronoun, or a definite description ("the group"). "TTP's pledge" is not an actor even
    though it contains one."""
    t = g.tok(head)
    if t.pos == "PRON":
        return t.lemma.lower() in cues().actor_pronouns
    if t.ent_type in _ACTOR_ENTS:
        return True
    if t.ent_type in _NON_ACTOR_ENTS:
        return False
    m = g.mention_at(head)
    if m is not None:
        return True
    lem = t.lemma.lower()
    if lem in cues().coref_nouns or lem in cues().role_nouns:
        return True
    if t.pos == "PROPN" and t.text[:1].isupper():
        return True  # an unknown name ("DHS", "Malloy"): an actor the knowledge base lacks
    # A unit named after its owner: "a Kenyan police convoy", "the Kurdish force", "Turkish jets".
    if lem in cues().unit_nouns and any(
        g.tok(k).ent_type in ("NORP", "GPE", "ORG") or g.mention_at(k) is not None
        for k in g.kids(head, "amod", "compound", "poss")
    ):
        return True
    for k in g.kids(head, "compound"):
        km = g.mention_at(k)
        if (km is not None and km.kind in ("actor", "agent")) or g.tok(k).ent_type in ("ORG", "NORP"):
            return True
    # Nouns for people by their suffix ("musicians", "prosecutors", "activists", "employees").
    return t.pos == "NOUN" and lem.endswith(_PERSON_SUFFIXES) and lem not in cues().non_person_nouns


def actor_span(g: SentenceGraph, head: int) -> tuple[int, int]:
    """Token range of the actor phrase headed by ``head`` ("Maulana Fazlullah, the leader of
    Tehrik-e Taliban Pakistan (TTP)"), without coordinated actors or relative clauses."""
    keep = {head}
    c = cues()

    def walk(i: int, in_appos: bool) -> None:
        for k in g.kids(i):
            dep = g.tok(k).dep
            take = dep in _NP_DEPS
            if dep == "prep":
                lem = g.lemma(k)
                take = (lem in ("of", "for") and (in_appos or _is_role_or_agent(g, i))) or (
                    g.tok(i).pos == "ADJ" and g.lemma(i) in c.link_verbs  # "fighters loyal to X"
                )
            elif dep == "pobj":
                take = g.tok(i).dep == "prep" and i in keep
            elif dep == "acl":
                take = g.lemma(k) in c.link_verbs  # "rival jihadists linked to al Qaeda"
            elif dep in ("prep", "agent") and g.tok(i).dep == "acl":
                take = True
            if not take and dep in ("cc", "conj") and g.tok(i).dep in ("amod", "compound") and i != head:
                take = True  # coordinated modifiers: "American and British warplanes"
            if take:
                keep.add(k)
                walk(k, in_appos or dep == "appos")
            elif g.tok(i).dep == "acl" and i in keep and dep in ("prep", "pobj", "agent"):
                keep.add(k)
                walk(k, in_appos)

    walk(head, False)
    lo, hi = min(keep), max(keep) + 1
    # Keep the block around the head contiguous: a gap means a clause we left out.
    left = head
    while left - 1 >= lo and (left - 1) in keep:
        left -= 1
    right = head
    while right + 1 < hi and (right + 1) in keep:
        right += 1
    lo, hi = _complete_names(g, left, right + 1)
    return _trim(g, lo, hi)


def _complete_names(g: SentenceGraph, lo: int, hi: int) -> tuple[int, int]:
    """Never cut a known name: widen the span over any knowledge-base mention or named
    entity it overlaps ("Tehrik-i-Taliban Pakistan" tokenised at its hyphens)."""
    changed = True
    while changed:
        changed = False
        for m in g.mentions:
            if (
                m.kind == "actor"
                and m.token_start < hi
                and m.token_end > lo
                and (m.token_start < lo or m.token_end > hi)
            ):
                lo, hi = min(lo, m.token_start), max(hi, m.token_end)
                changed = True
        for e in g.doc.entities:
            if (
                e.label in _ACTOR_ENTS
                and e.token_start < hi
                and e.token_end > lo
                and (e.token_start < lo or e.token_end > hi)
            ):
                if g.lo <= e.token_start and e.token_end <= g.hi:
                    lo, hi = min(lo, e.token_start), max(hi, e.token_end)
                    changed = True
    return lo, hi


def _trim(g: SentenceGraph, lo: int, hi: int) -> tuple[int, int]:
    def junk(i: int) -> bool:
        t = g.tok(i)
        return t.pos in ("PUNCT", "SPACE", "CCONJ") or (t.dep == "case" and i in (lo, hi - 1))

    while lo < hi - 1 and junk(lo) and g.tok(lo).text not in "(":
        lo += 1
    while hi - 1 > lo and junk(hi - 1):
        if g.tok(hi - 1).text == ")" and any(g.tok(k).text == "(" for k in range(lo, hi - 1)):
            break
        hi -= 1
    while lo < hi - 1 and g.tok(lo).pos in ("PUNCT", "SPACE"):
        lo += 1
    return lo, hi


def _is_role_or_agent(g: SentenceGraph, i: int) -> bool:
    m = g.mention_at(i)
    return bool(m and m.kind in ("role", "agent")) or g.lemma(i) in cues().role_nouns


def subjects(g: SentenceGraph, v: int, depth: int = 0, stative: bool = False) -> list[int]:
    """Logical subjects (agents) of verb ``v``, following control, coordination and clauses.

    A passive verb's agent is its by-phrase; with none the agent is unknown, except for a
    ``stative`` reading ("U.S. forces have been engaged in war", "X is linked to Y") where the
    surface subject acts."""
    if depth > 6:
        return []
    hands = at_the_hands_of(g, v)
    if hands:
        return hands
    if g.is_passive(v):
        agents = [o for p, o in g.preps(v, frozenset({"by"}))] + [
            o for a in g.kids(v, "agent") for o in g.kids(a, "pobj")
        ]
        found = list(dict.fromkeys(agents))
        if not found:
            if stative and not g.is_participle_modifier(v):
                return surface_subjects(g, v, depth + 1)
            return []
    else:
        found = g.kids(v, *SUBJ)
    if found:
        s = found[0]
        if g.lemma(s) in _WH and g.tok(v).dep == "relcl":
            h = g.head(v)
            return g.conjuncts(h) if h is not None else []
        if g.tok(v).dep == "pcomp" and g.tok(s).ent_type in _PLACE_ENTS:
            # "in the city of Peshawar distributing pamphlets": the place is mis-parsed as the
            # subject of the gerund; the real subject is the enclosing clause's.
            above = next((a for a in g.ancestors(v) if g.tok(a).pos in ("VERB", "AUX")), None)
            if above is not None:
                return surface_subjects(g, above, depth + 1)
        return g.conjuncts(s)
    dep, h = g.tok(v).dep, g.head(v)
    if h is None:
        return []
    if dep == "conj":
        return subjects(g, h, depth + 1)
    if dep in ("xcomp", "advcl"):
        if g.lemma(h) in cues().object_control:
            objs = g.kids(h, *OBJ) or g.kids(h, "dative")
            if objs:
                return g.conjuncts(objs[0])
        return surface_subjects(g, h, depth + 1)
    if dep == "pcomp":
        verb = g.head(h)
        if verb is not None:
            if g.lemma(verb) in cues().object_control:
                objs = g.kids(verb, *OBJ)
                if objs:
                    return g.conjuncts(objs[0])
            if g.tok(verb).pos in ("VERB", "AUX"):
                return surface_subjects(g, verb, depth + 1)
        return []
    if dep in ("acl", "relcl") and not g.is_participle_modifier(v) and whose_event(g, v) is None:
        return [h]
    return []


def at_the_hands_of(g: SentenceGraph, n: int) -> list[int]:
    """ "(killed) at the hands of Houthi rebels": the agent, for a verb or an event noun."""
    for _, hands in g.preps(n, frozenset({"at"})):
        if g.lemma(hands) == "hand":
            for _, o in g.preps(hands, frozenset({"of"})):
                return g.conjuncts(o)
    return []


def whose_event(g: SentenceGraph, v: int) -> int | None:
    """ "the activist, whose killing ...": the noun the relative clause hangs on undergoes it."""
    if g.tok(v).dep == "relcl" and any(g.lemma(k) == "whose" for k in g.kids(v, "poss")):
        return g.head(v)
    return None


def surface_subjects(g: SentenceGraph, v: int, depth: int = 0) -> list[int]:
    """The grammatical subject (active or passive) of ``v``, inherited through coordination."""
    if g.tok(v).pos == "ADJ" and g.tok(v).dep in ("acomp", "amod") and depth < 6:
        # "Israel was willing to withdraw": the adjective's subject is its copula's.
        h = g.head(v)
        if h is not None:
            return surface_subjects(g, h, depth + 1)
    found = g.kids(v, *SUBJ) or g.kids(v, *PASS_SUBJ)
    if found:
        s = found[0]
        if g.lemma(s) in _WH and g.tok(v).dep == "relcl":
            h = g.head(v)
            return g.conjuncts(h) if h is not None else []
        return g.conjuncts(s)
    return subjects(g, v, depth)


def direct_object(g: SentenceGraph, v: int) -> int | None:
    patient = whose_event(g, v)
    if patient is not None:
        return patient
    if g.is_participle_modifier(v):
        return g.head(v)  # "the journalist captured by IS": the noun is what was captured
    if g.is_passive(v):
        return g.kid(v, *PASS_SUBJ)
    return g.kid(v, *OBJ)


def quantity_head(g: SentenceGraph, h: int) -> int:
    """ "Thousands of supporters", "one of the militants": the actor is the of-phrase."""
    t = g.tok(h)
    if t.pos == "NUM" or t.lemma.lower() in cues().quantity_nouns:
        for _, o in g.preps(h, frozenset({"of"})):
            return o
    return h


def actor_heads(g: SentenceGraph, heads: list[int], climb: bool = True) -> list[int]:
    """Keep actor-like heads; when a head is a thing ("pamphlets praising ..."), fall back to
    whoever handles it (the subject of the verb it is the object of)."""
    out = []
    for h in heads:
        h = quantity_head(g, h)
        lo, hi = actor_span(g, h)
        if is_actor_like(g, lo, hi, h):
            out.append(h)
        elif climb and g.tok(h).dep == "dobj":
            # Only a handled object: "sympathizers ... distributing pamphlets praising X".
            v = g.head(h)
            if v is not None and g.tok(v).pos in ("VERB", "AUX"):
                out.extend(actor_heads(g, subjects(g, v), climb=False))
    return list(dict.fromkeys(out))


def find_actor_within(g: SentenceGraph, root: int) -> list[int]:
    """The highest actor-like nominals inside a non-actor phrase ("large areas in Syria and
    Iraq" -> Syria, Iraq), breadth first, not crossing into clauses."""
    queue = [root]
    while queue:
        nxt = []
        found = []
        for i in queue:
            for k in g.kids(i):
                dep = g.tok(k).dep
                if dep in ("relcl", "acl", "advcl", "ccomp", "conj", "cc", "punct", "appos"):
                    continue
                if g.tok(k).pos in ("NOUN", "PROPN", "PRON"):
                    lo, hi = actor_span(g, k)
                    if is_actor_like(g, lo, hi, k):
                        found.extend(g.conjuncts(k))
                        continue
                nxt.append(k)
        if found:
            return list(dict.fromkeys(found))
        queue = nxt
    return []
