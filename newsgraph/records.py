"""Typed records passed from stage to stage.

Every stage receives frozen records and returns new ones (``dataclasses.replace``);
no stage mutates what an earlier one produced. ``to_dict`` / ``from_dict`` live here
and nowhere else, so the JSON shape of ``../shared/contract.md`` has one home.

Offsets (``start``/``end``) are always character offsets into ``Article.text``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

FACTUALITY_VALUES = (
    "asserted",
    "negated",
    "hedged",
    "future",
    "hypothetical",
    "claimed",
    "habitual",
)


@dataclass(frozen=True)
class Article:
    """One document as read: cleaned text plus metadata."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    publisher: str | None = None
    origin: str | None = None  # where it was read from: "path" or "path#record"

    def ref(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "publisher": self.publisher,
        }


@dataclass(frozen=True)
class Token:
    """A token of the parsed text; ``head`` and ``i`` index into the article's tokens."""

    i: int
    text: str
    start: int
    end: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent_type: str = ""
    ent_iob: str = ""
    ws: str = ""  # trailing whitespace


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    token_start: int  # first token index (article-wide)
    token_end: int  # one past the last token
    parsed: bool = True  # False when the pre-filter skipped the parse

    def ref(self) -> dict[str, Any]:
        return {"index": self.index, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Entity:
    """A named entity from the statistical NER."""

    text: str
    label: str
    start: int
    end: int
    token_start: int
    token_end: int


@dataclass(frozen=True)
class Mention:
    """A knowledge-base alias found in the text (dictionary match, before NER)."""

    text: str
    start: int
    end: int
    token_start: int
    token_end: int
    kind: str  # "actor" | "agent" | "role"
    keys: tuple[str, ...]  # knowledge-base ids (actors) or agent/role keys


@dataclass(frozen=True)
class AnnotatedArticle:
    article: Article
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    annotator: str = ""

    def sentence_tokens(self, s: Sentence) -> tuple[Token, ...]:
        return self.tokens[s.token_start : s.token_end]


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Affiliation:
    id: str
    name: str
    role: str | None = None  # "leader", "spokesman", "member", "sympathizer", ...


@dataclass(frozen=True)
class ActorRef:
    """An actor as found in text and, once resolved, as known to the knowledge base."""

    text: str
    start: int
    end: int
    id: str | None = None
    name: str | None = None
    country: str | None = None  # ISO3
    sector: str | None = None  # CAMEO-style agent code: GOV, MIL, REB, ...
    type: str | None = None  # country | igo | group | person | agent
    wikidata: str | None = None
    affiliation: Affiliation | None = None
    code: str | None = None  # CAMEO-style actor code, e.g. "PAKMIL", "IMGMUSTAL"
    head: str | None = None  # the syntactic head word of the span
    resolved_by: str | None = None  # how: "alias", "fuzzy", "role", "coref", "agent", ...

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "country": self.country,
            "sector": self.sector,
            "type": self.type,
            "wikidata": self.wikidata,
            "code": self.code,
            "affiliation": dataclasses.asdict(self.affiliation) if self.affiliation else None,
            "resolved_by": self.resolved_by,
        }
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ActorRef:
        aff = d.get("affiliation")
        return cls(
            text=d.get("text") or "",
            start=int(d.get("start") or 0),
            end=int(d.get("end") or 0),
            id=d.get("id"),
            name=d.get("name"),
            country=d.get("country"),
            sector=d.get("sector"),
            type=d.get("type"),
            wikidata=d.get("wikidata"),
            affiliation=Affiliation(**aff) if aff else None,
            code=d.get("code"),
            resolved_by=d.get("resolved_by"),
        )


@dataclass(frozen=True)
class DateRef:
    value: str | None  # ISO: YYYY-MM-DD, YYYY-MM or YYYY by precision
    precision: str  # day | month | year
    text: str | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class PlaceRef:
    text: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None  # ISO3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: str | None = None  # city | admin1 | country | region

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "geonames_id": self.geonames_id,
            "feature": self.feature,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Attribution:
    """One link of the chain of who says so ("according to the NTC", "BBC reported")."""

    text: str
    start: int
    end: int
    id: str | None = None
    name: str | None = None
    cue: str | None = None  # the reporting word: "reported", "according to", "accused"
    head: str | None = None  # the head word of the speaker's phrase

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Event:
    """One coded event mention. Stages fill it in: the coder sets spans and codes,
    resolvers fill actor ids, date values and coordinates."""

    article: Article
    sentence: Sentence
    source: ActorRef | None
    target: ActorRef | None
    cameo: str
    trigger: Span
    cameo_root: str = ""
    plover: str | None = None
    quad: int | None = None
    goldstein: float | None = None
    date: DateRef | None = None
    date_spans: tuple[Span, ...] = ()  # candidate date texts found by the coder, best first
    place: PlaceRef | None = None
    place_spans: tuple[Span, ...] = ()  # candidate place texts found by the coder
    factuality: str = "asserted"
    factuality_cue: Span | None = None
    attribution: tuple[Attribution, ...] = ()
    quote: Span | None = None  # the quoted words when the event is a quoted statement
    confidence: float = 0.5
    rule: str = ""  # which pattern/model produced it, for explanation
    context_from: int | None = None  # sentence whose date/attribution this event borrowed
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article.ref(),
            "sentence": self.sentence.ref(),
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "plover": self.plover,
            "quad": self.quad,
            "goldstein": self.goldstein,
            "trigger": self.trigger.to_dict(),
            "date": self.date.to_dict() if self.date else None,
            "place": self.place.to_dict() if self.place else None,
            "factuality": self.factuality,
            "factuality_cue": self.factuality_cue.to_dict() if self.factuality_cue else None,
            "attribution": [a.to_dict() for a in self.attribution],
            "quote": self.quote.to_dict() if self.quote else None,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
            "context_from": self.context_from,
        }


@dataclass(frozen=True)
class ArticleResult:
    """What the pipeline makes of one article: its events, or the error that stopped it."""

    article: Article | None
    events: tuple[Event, ...] = ()
    error: str | None = None
    origin: str | None = None
    stats: Mapping[str, float] = field(default_factory=dict)
