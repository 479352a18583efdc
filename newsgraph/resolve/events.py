"""The resolve stage: actors, dates and places of coded events, then stable ids.

Takes the coder's events (spans only) and the annotated article, returns the same events with
knowledge filled in. Dates fall back to the publication date (``text`` null); an undated event
borrows the date and the attribution of a nearby dated mention of the same dyad (recorded in
``context_from``), which is how a lead sentence gets the date given in the next paragraph.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Sequence

from ..records import ActorRef, AnnotatedArticle, Attribution, DateRef, Event, PlaceRef
from .actors import ActorResolver
from .dates import resolve_date

_NO_BORROW = {"habitual", "future", "hypothetical", "negated"}
_BORROW_WINDOW = 2  # sentences


class EventResolver:
    name = "resolve_events.v1"

    def __init__(self, actors: ActorResolver | None = None, geocode: bool = True) -> None:
        self.actors = actors or ActorResolver()
        self.geocode = geocode

    def __call__(self, doc: AnnotatedArticle, events: Sequence[Event], options_key: str = "") -> list[Event]:
        day = doc.article.published
        out = [self._resolve_actors(doc, e, day) for e in events]
        # An actor acting on itself is a parsing artefact ("jihadists linked to al Qaeda").
        out = [e for e in out if not _self_event(e)]
        countries = self._context_countries(doc, out)
        out = [self._resolve_when_where(doc, e, day, countries) for e in out]
        out = _borrow_context(out)
        out = [dataclasses.replace(e, id=event_id(e, options_key)) for e in out]
        return _dedupe(out)

    # -- actors ------------------------------------------------------------------------------
    def _resolve_actors(self, doc: AnnotatedArticle, e: Event, day: str | None) -> Event:
        attribution = tuple(self._resolve_attr(doc, a, day) for a in e.attribution)
        speaker = None
        if e.quote is not None and attribution:
            last = attribution[-1]
            speaker = ActorRef(text=last.text, start=last.start, end=last.end, head=last.head)
            speaker = self.actors.resolve(speaker, doc, day)
        src = self.actors.resolve(e.source, doc, day, speaker) if e.source else None
        tgt = self.actors.resolve(e.target, doc, day, speaker) if e.target else None
        # "Trump called Erdogan, urging him ...": a pronoun object is not its own subject.
        if src and tgt and e.target and tgt.id and tgt.id == src.id and tgt.resolved_by == "coref":
            tgt = self.actors.resolve(e.target, doc, day, speaker, exclude=frozenset({src.id}))
        conf = e.confidence + (0.1 if src and src.id else -0.1) + (0.05 if tgt and tgt.id else 0.0)
        return dataclasses.replace(
            e, source=src, target=tgt, attribution=attribution, confidence=max(0.05, min(conf, 0.98))
        )

    def _resolve_attr(self, doc: AnnotatedArticle, a: Attribution, day: str | None) -> Attribution:
        head = a.head or (a.text.split()[-1] if a.text.split() else a.text)
        ref = self.actors.resolve(ActorRef(text=a.text, start=a.start, end=a.end, head=head), doc, day)
        return dataclasses.replace(a, id=ref.id, name=ref.name)

    # -- dates and places ----------------------------------------------------------------------
    def _resolve_when_where(self, doc: AnnotatedArticle, e: Event, day: str | None, countries: list[str]) -> Event:
        # News tells the past: an unmarked "on Wednesday" in a Wednesday paper is that day.
        tense = "future" if e.factuality == "future" else None
        date = None
        for span in e.date_spans:
            try:
                d = resolve_date(span.text, day, tense=tense)
            except ValueError:
                d = None
            if d is not None:
                date = dataclasses.replace(d, text=span.text, start=span.start, end=span.end)
                break
        if date is None and e.date_spans and not day:
            # No publication date to resolve "on December 20" against: keep the evidence.
            first = e.date_spans[0]
            date = DateRef(value=None, precision="day", text=first.text, start=first.start, end=first.end)
        if date is None:
            date = DateRef(value=day, precision="day", text=None, start=None, end=None) if day else None
        place = self._place(e, countries) if self.geocode else None
        source, target = e.source, e.target
        if place is not None and place.country:
            # "police arrested ... in Kano": a state agent whose country the story does not
            # settle belongs to the country where it acts.
            source = self._localise(source, place.country, day)
            target = self._localise(target, place.country, day)
        return dataclasses.replace(e, date=date, place=place, source=source, target=target)

    def _localise(self, a: ActorRef | None, country: str, day: str | None) -> ActorRef | None:
        if a is None or a.sector not in ("GOV", "MIL", "COP", "JUD", "LEG", "SPY"):
            return a
        if not (a.id is None and a.type == "agent") and a.resolved_by != "context":
            return a
        actor = self.actors.kb.get(country)
        if actor is None:
            return a
        out = self.actors._fill(a, actor, "place", day)
        return dataclasses.replace(out, sector=a.sector, code=(actor.cameo or actor.id) + (a.sector or ""))

    def _place(self, e: Event, countries: list[str]) -> PlaceRef | None:
        if not e.place_spans:
            return None
        from .places import geocode  # the gazetteer loads on first use

        for span in e.place_spans:
            ref = geocode(span.text, context_countries=countries, start=span.start)
            if ref is not None:
                return ref
        return None

    def _context_countries(self, doc: AnnotatedArticle, events: list[Event]) -> list[str]:
        counts: Counter[str] = Counter()
        for e in events:
            for a in (e.source, e.target):
                if a is not None and a.country:
                    counts[a.country] += 1
        for m in doc.mentions:
            if m.kind == "actor":
                actor = self.actors.kb.get(m.keys[0])
                if actor is not None and actor.country:
                    counts[actor.country] += 1
        return [c for c, _ in counts.most_common()]


def _self_event(e: Event) -> bool:
    s, t = e.source, e.target
    if s is None or t is None or not s.id or s.id != t.id:
        return False
    # The same actor twice; but "Bolivian authorities ... in Bolivia" or police arresting
    # fellow citizens are two parts of one country.
    return s.sector == t.sector or (s.start < t.end and t.start < s.end)


def _group_key(a: ActorRef | None) -> str | None:
    if a is None:
        return None
    if a.affiliation is not None and a.type == "person":
        return a.affiliation.id
    return a.id


def _borrow_context(events: list[Event]) -> list[Event]:
    """Give an undated event the date (and, when it has none, the attribution) of the nearest
    dated event of the same dyad within a couple of sentences."""
    dated = [e for e in events if e.date is not None and e.date.text is not None]
    out = []
    for e in events:
        if (e.date is not None and e.date.text is not None) or e.factuality in _NO_BORROW:
            out.append(e)
            continue
        key = (_group_key(e.source), _group_key(e.target))
        if None in key:
            out.append(e)
            continue
        best = None
        for d in dated:
            if d is e or (_group_key(d.source), _group_key(d.target)) != key:
                continue
            dist = abs(d.sentence.index - e.sentence.index)
            if dist == 0 or dist > _BORROW_WINDOW:
                continue
            if best is None or dist < abs(best.sentence.index - e.sentence.index):
                best = d
        if best is None:
            out.append(e)
            continue
        out.append(
            dataclasses.replace(
                e,
                date=best.date,
                attribution=e.attribution or best.attribution,
                context_from=best.sentence.index,
            )
        )
    return out


def event_id(e: Event, options_key: str = "") -> str:
    """Stable id: the same article text, spans, code and options give the same id."""
    parts = [
        e.article.id,
        str(e.sentence.start),
        str(e.trigger.start),
        str(e.trigger.end),
        e.cameo,
        str(e.source.start if e.source else ""),
        str(e.target.start if e.target else ""),
        options_key,
    ]
    return "ev_" + hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


def _dedupe(events: list[Event]) -> list[Event]:
    seen: set[str] = set()
    out = []
    for e in events:
        if e.id in seen:
            continue
        seen.add(e.id)
        out.append(e)
    return out
