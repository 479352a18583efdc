"""When and where: the date and place phrases that belong to an event's clause."""

from __future__ import annotations

from ..records import Span
from .syntax import SentenceGraph

_PLACE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "into",
        "inside",
        "outside",
        "across",
        "throughout",
        "around",
        "within",
        "outside of",
        "on",
        "from",
    }
)
_PLACE_ENTS = {"GPE", "LOC", "FAC"}
_DATE_ENTS = {"DATE"}
# Capitalised words that are not place names on their own ("the North-East of Syria").
_NOT_PLACES = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                         "north-east", "north-west", "south-east", "south-west", "road", "peace", "volcano"})


# Embeddings through which an outer clause's time applies to the event ("On October 4, BBC
# reported that X did Y"); a noun phrase or relative clause has its own time.
_TIME_UP = {"ccomp", "xcomp", "conj", "advcl", "parataxis"}


def clause_chain(g: SentenceGraph, trigger: int) -> list[int]:
    """The trigger and the clause heads whose time it shares, nearest first."""
    chain = [trigger]
    node = trigger
    while g.tok(node).dep in _TIME_UP:
        h = g.head(node)
        if h is None:
            break
        chain.append(h)
        node = h
    return chain


def _governor(g: SentenceGraph, lo: int, hi: int) -> int | None:
    """The first verb (or noun trigger) above the phrase [lo, hi)."""
    root = next((k for k in range(lo, hi) if not (lo <= g.tok(k).head < hi)), lo)
    node: int | None = g.head(root)
    while node is not None and g.tok(node).pos not in ("VERB", "AUX", "NOUN"):
        node = g.head(node)
    return node


def date_candidates(g: SentenceGraph, trigger: int, extra: tuple[int, ...] = ()) -> list[Span]:
    """Date phrases attached to the trigger's clause or to the clauses above it, nearest first."""
    chain = [*extra, *clause_chain(g, trigger)]
    rank = {t: i for i, t in reversed(list(enumerate(chain)))}
    found: list[tuple[int, Span]] = []
    for e in g.doc.entities:
        if e.label not in _DATE_ENTS or not (g.lo <= e.token_start < g.hi):
            continue
        gov = _governor(g, e.token_start, e.token_end)
        if gov is not None and gov in rank:
            found.append((rank[gov], Span(e.text, e.start, e.end)))
    found.sort(key=lambda x: x[0])
    return [s for _, s in found]


def place_candidates(g: SentenceGraph, trigger: int, args: list[int], exclude: list[tuple[int, int]]) -> list[Span]:
    """Locative phrases ("in the north-western Pakistani city of Peshawar") on the trigger,
    its arguments, then the clauses above it; only phrases holding a place name."""
    hosts = [trigger, *args, *g.ancestors(trigger)]
    out: list[Span] = []
    seen: set[int] = set()
    for h in hosts:
        for _, o in g.preps(h, _PLACE_PREPS):
            if o in seen:
                continue
            seen.add(o)
            lo, hi = _np_span(g, o)
            if any(not (hi <= a or lo >= b) for a, b in exclude):
                continue
            if not _has_place(g, lo, hi):
                continue
            text, s, e = g.text(lo, hi)
            out.append(Span(text, s, e))
    return out


def _np_span(g: SentenceGraph, head: int) -> tuple[int, int]:
    keep = {head}
    stack = [head]
    while stack:
        i = stack.pop()
        for k in g.kids(i):
            if g.tok(k).dep in ("relcl", "acl", "advcl", "cc", "conj", "punct") and g.tok(k).text != "-":
                continue
            if g.tok(k).pos in ("VERB", "AUX"):  # a clause hanging in the phrase is not the place
                continue
            keep.add(k)
            stack.append(k)
    lo, hi = min(keep), max(keep) + 1
    # Finish a place name the parse cut off ("the city of | Peshawar distributing ...").
    while hi < g.hi and g.tok(hi).ent_type in _PLACE_ENTS:
        hi += 1
    return lo, hi


def _has_place(g: SentenceGraph, lo: int, hi: int) -> bool:
    """A place phrase names something: a place entity or a proper noun (the gazetteer decides
    later whether it is a place at all; "in a statement" never gets that far)."""
    for k in range(lo, hi):
        t = g.tok(k)
        if t.ent_type in _PLACE_ENTS:
            return True
        if (
            t.pos == "PROPN"
            and t.ent_type not in ("PERSON", "ORG", "DATE", "NORP")
            and t.text[:1].isupper()
            and t.lemma.lower() not in _NOT_PLACES
        ):
            return True
    return False
