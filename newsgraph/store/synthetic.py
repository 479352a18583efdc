"""Hand-made ArticleResults: builders for tests and a generator for the store benchmark.

They skip the NLP, so a test or a benchmark measures the store alone. ``synthetic_results``
writes news-like articles where several outlets report the same incidents on different days,
which is what the clustering has to handle.
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..records import ActorRef, Affiliation, Article, ArticleResult, DateRef, Event, PlaceRef, Sentence, Span

# (cameo, PLOVER type, Goldstein score, verb phrase): codes from newsgraph's CAMEO table.
CODES: tuple[tuple[str, str, float, str], ...] = (
    ("051", "SUPPORT", 3.4, "pledged support to"),
    ("057", "SUPPORT", 8.0, "signed an agreement with"),
    ("036", "AGREE", 4.0, "offered talks to"),
    ("112", "ACCUSE", -2.0, "accused"),
    ("120", "REJECT", -4.0, "rejected"),
    ("173", "COERCE", -5.0, "arrested members of"),
    ("190", "ASSAULT", -10.0, "attacked"),
    ("193", "ASSAULT", -10.0, "clashed with"),
)
_QUAD = {
    **{f"{i:02d}": 1 for i in range(1, 6)},
    **{f"{i:02d}": 2 for i in range(6, 9)},
    **{f"{i:02d}": 3 for i in range(9, 14)},
    **{f"{i:02d}": 4 for i in range(14, 21)},
}


@dataclass(frozen=True)
class Who:
    """An actor as the knowledge base knows it."""

    id: str
    name: str
    country: str | None
    sector: str | None
    type: str = "group"
    affiliation: str | None = None  # group id, for a person


ACTORS: tuple[Who, ...] = (
    Who("ttp", "Tehrik-i-Taliban Pakistan", "PAK", "REB"),
    Who("islamic_state", "Islamic State", None, "REB"),
    Who("al_qaeda", "al-Qaeda", None, "REB"),
    Who("jnim", "Jama'at Nasr al-Islam wal Muslimin", "MLI", "REB"),
    Who("al_shabaab", "al-Shabaab", "SOM", "REB"),
    Who("PAK", "Pakistan", "PAK", "GOV", "country"),
    Who("MLI", "Mali", "MLI", "MIL", "country"),
    Who("SOM", "Somalia", "SOM", "GOV", "country"),
    Who("AFG", "Afghanistan", "AFG", "GOV", "country"),
    Who("taliban", "Taliban", "AFG", "REB"),
)
PLACES: tuple[tuple[str, str, str, float, float, int], ...] = (
    ("Peshawar", "PAK", "Khyber Pakhtunkhwa", 34.008, 71.578, 1168197),
    ("Menaka", "MLI", "Menaka", 15.918, 2.402, 2454533),
    ("Mogadishu", "SOM", "Banaadir", 2.037, 45.344, 53654),
    ("Kabul", "AFG", "Kabul", 34.528, 69.172, 1138958),
)
OUTLETS = ("Frontier Wire", "Sahel Courier", "Horn Daily", "Kabul Ledger", "Global Desk", None)


def actor(w: Who, text: str, start: int) -> ActorRef:
    aff = Affiliation(w.affiliation, w.affiliation, "leader") if w.affiliation else None
    return ActorRef(
        text=text,
        start=start,
        end=start + len(text),
        id=w.id,
        name=w.name,
        country=w.country,
        sector=w.sector,
        type=w.type,
        affiliation=aff,
        code=(w.country or "") + (w.sector or ""),
        resolved_by="alias",
    )


def make_event(
    article: Article,
    sentence: Sentence,
    source: ActorRef | None,
    target: ActorRef | None,
    cameo: str,
    trigger: str,
    *,
    plover: str | None = None,
    goldstein: float | None = None,
    day: str | None = None,
    precision: str = "day",
    place: PlaceRef | None = None,
    factuality: str = "asserted",
    confidence: float = 0.7,
    event_id: str | None = None,
) -> Event:
    """An Event as the pipeline would make it; ``trigger`` must occur in the sentence text."""
    at = sentence.text.find(trigger)
    start = sentence.start + max(at, 0)
    value = day or article.published
    e = Event(
        article=article,
        sentence=sentence,
        source=source,
        target=target,
        cameo=cameo,
        cameo_root=cameo[:2],
        plover=plover,
        quad=_QUAD.get(cameo[:2]),
        goldstein=goldstein,
        trigger=Span(trigger, start, start + len(trigger)),
        date=DateRef(value, precision, None if day is None else value) if value else None,
        place=place,
        factuality=factuality,
        confidence=confidence,
        rule="synthetic",
    )
    from ..resolve.events import event_id as stable_id

    return dataclasses.replace(e, id=event_id or stable_id(e, "synthetic"))


def sentences_of(text: str) -> list[Sentence]:
    """Split after ".", "!" or "?" and white space (enough for hand-written test articles);
    offsets into ``text``."""
    out: list[Sentence] = []
    for i, m in enumerate(re.finditer(r"\S.*?(?:[.!?](?=\s|$)|$)", text, flags=re.S)):
        out.append(Sentence(i, m.start(), m.end(), m.group(), 0, 0))
    return out


def synthetic_results(
    n: int,
    *,
    seed: int = 0,
    events_per_article: int = 5,
    start: date = date(2020, 1, 1),
    days: int = 365,
    outlets: Sequence[str | None] = OUTLETS,
) -> Iterator[ArticleResult]:
    """``n`` news-like ArticleResults, made one at a time (streaming). About three articles
    report each incident, published up to three days apart; a few events are negated or have
    month-precision dates."""
    rng = random.Random(seed)
    n_incidents = max(1, n * events_per_article // 3)
    for i in range(n):
        # An article covers incidents close in time and is published up to three days after them.
        k0 = rng.randrange(n_incidents)
        ks = [k0] + [
            min(n_incidents - 1, max(0, k0 + rng.randrange(-20, 21))) for _ in range(events_per_article - 1)
        ]
        published = start + timedelta(days=k0 * days // n_incidents + rng.randrange(4))
        parts: list[tuple[str, tuple[Who, Who, tuple[str, str, float, str], date, int, str]]] = []
        for k in ks:
            inc = random.Random(seed * 1_000_003 + k)  # an incident is the same in every article
            src, tgt = inc.sample(ACTORS, 2)
            code = inc.choice(CODES)
            day = start + timedelta(days=k * days // n_incidents)
            place = inc.randrange(len(PLACES))
            factuality = "negated" if inc.random() < 0.05 else "asserted"
            when = day.strftime("%B %d").replace(" 0", " ")
            verb = code[3] if factuality == "asserted" else "did not " + code[3].split()[0].rstrip("ed")
            sent = f"{src.name} {verb} {tgt.name} in {PLACES[place][0]} on {when}."
            parts.append((sent, (src, tgt, code, day, place, factuality)))
        publisher = outlets[rng.randrange(len(outlets))]
        text = f"Report {i} from {publisher or 'a local reporter'}. " + " ".join(p[0] for p in parts)
        article = Article(
            id=f"syn{seed}-{i}",
            text=text,
            title=f"Report {i}",
            published=published.isoformat(),
            publisher=publisher,
            origin=f"synthetic#{i}",
        )
        evs = []
        for sentence, (_, (src, tgt, code, day, place, factuality)) in zip(
            sentences_of(text)[1:], parts, strict=True
        ):
            s0 = sentence.start
            p = PLACES[place]
            at = sentence.text.find(p[0])
            pref = PlaceRef(p[0], s0 + at, s0 + at + len(p[0]), p[0], p[1], p[2], p[3], p[4], p[5], "city")
            trigger = sentence.text[len(src.name) + 1 : sentence.text.find(tgt.name) - 1]
            evs.append(
                make_event(
                    article,
                    sentence,
                    actor(src, src.name, s0),
                    actor(tgt, tgt.name, s0 + sentence.text.find(tgt.name)),
                    code[0],
                    trigger,
                    plover=code[1],
                    goldstein=code[2],
                    day=day.isoformat(),
                    place=pref,
                    factuality=factuality,
                )
            )
        yield ArticleResult(article=article, events=tuple(_unique(evs)), origin=article.origin)


def _unique(evs: list[Event]) -> list[Event]:
    seen: set[str] = set()
    return [e for e in evs if not (e.id in seen or seen.add(e.id))]  # type: ignore[func-returns-value]
