"""Response and request schemas of the REST API (they make /openapi.json).

Event and relation records are the contract's (../shared/contract.md): the fields named there are
typed here; records may carry more fields (``extra="allow"``), which pass through unchanged.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
Factuality = Literal["asserted", "negated", "hedged", "future", "hypothetical", "claimed", "habitual"]
RelationKind = Literal[
    "alliance",
    "support",
    "affiliation",
    "split",
    "hostility",
    "accusation",
    "harbouring",
    "leadership",
    "membership",
]


class Open(BaseModel):
    """A record that may hold more fields than the ones named."""

    model_config = ConfigDict(extra="allow")


# -- errors -------------------------------------------------------------------------------------
class ErrorDetail(Open):
    loc: list[str] = Field(default_factory=list, description="where: e.g. ['query', 'since']")
    msg: str = ""
    type: str = ""


class ErrorEnvelope(BaseModel):
    """Every error: 401, 403, 404, 413, 422, 500, 503."""

    ok: Literal[False] = False
    error: str = Field(description="one line a person can read")
    errors: list[ErrorDetail] = Field(
        default_factory=list, description="the individual problems (may be empty)"
    )
    status: int = Field(description="the HTTP status, repeated")


# -- event records ------------------------------------------------------------------------------
class ArticleRef(Open):
    id: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    publisher: str | None = None


class SentenceRef(Open):
    index: int | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None


class ActorSpan(Open):
    id: str | None = None
    name: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None
    country: str | None = None
    sector: str | None = None


class Span(Open):
    text: str | None = None
    start: int | None = None
    end: int | None = None


class DateSpan(Span):
    value: str | None = None
    precision: str | None = None


class PlaceSpan(Span):
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None


class EvidenceSpan(BaseModel):
    """A highlighted piece of the article: where the event's parts were read from."""

    role: Literal["source", "target", "trigger", "date", "place", "factuality_cue", "quote", "attribution"]
    start: int
    end: int
    text: str | None = None


class EventRecord(Open):
    """A contract event record (one mention)."""

    id: str
    article: ArticleRef
    sentence: SentenceRef | None = None
    source: ActorSpan | None = None
    target: ActorSpan | None = None
    cameo: str | None = None
    cameo_root: str | None = None
    plover: str | None = None
    quad: int | None = None
    goldstein: float | None = None
    trigger: Span | None = None
    date: DateSpan | None = None
    place: PlaceSpan | None = None
    factuality: str | None = None
    attribution: list[dict[str, Any]] = Field(default_factory=list)
    confidence: float | None = None


class MentionRecord(EventRecord):
    canonical_id: str | None = None
    evidence: list[EvidenceSpan] | None = Field(
        default=None, description="the mention's spans in its article's text (GET /api/events/{id} only)"
    )


class Dyad(BaseModel):
    source: str | None = None
    target: str | None = None


class CanonicalEvent(EventRecord):
    """A canonical (cross-article) event: its representative mention's fields, and every mention."""

    representative: str | None = None
    dyad: Dyad | None = None
    n_mentions: int | None = None
    n_sources: int | None = None
    publishers: list[str] = Field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None
    mentions: list[MentionRecord] | None = Field(default=None, description="left out with mentions=false")


class EventPage(BaseModel):
    items: list[CanonicalEvent]
    next: str | None = Field(description="cursor of the next page (pass as ?cursor=); null on the last page")


# -- relations ---------------------------------------------------------------------------------
class Endpoint(Open):
    id: str
    name: str | None = None


class RelationRecord(Open):
    source: Endpoint
    target: Endpoint
    kind: str
    since: str | None = None
    until: str | None = None
    status: str | None = None
    events: list[str] = Field(default_factory=list)
    evidence: int | None = None
    confidence: float | None = None


class RelationList(BaseModel):
    items: list[RelationRecord]
    as_of: str | None = Field(default=None, description="the day the graph is as of (null: everything known)")


# -- actors ------------------------------------------------------------------------------------
class ActorHit(BaseModel):
    id: str
    name: str
    type: str | None = None
    country: str | None = None
    sector: str | None = None
    matched: str = Field(description="the name or alias that matched")
    score: float = Field(description="0-100; 100 is an exact name or alias")
    n_events: int = Field(description="canonical events of this actor in the store")
    in_kb: bool


class ActorHits(BaseModel):
    items: list[ActorHit]


class RoleOut(BaseModel):
    role: str
    of: str
    of_name: str | None = None
    since: str | None = None
    until: str | None = None
    active: bool = Field(description="held on the as-of day (today's knowledge when no as_of)")


class PersonRole(BaseModel):
    id: str
    name: str
    role: str
    since: str | None = None
    until: str | None = None
    active: bool


class ActorDetail(BaseModel):
    id: str
    name: str
    type: str | None = None
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    wikipedia: str | None = None
    aliases: list[str] = Field(default_factory=list)
    parent: Endpoint | None = None
    founded: str | None = None
    dissolved: str | None = None
    roles: list[RoleOut] = Field(default_factory=list, description="roles this actor holds (people)")
    people: list[PersonRole] = Field(default_factory=list, description="people holding roles of this actor")
    in_kb: bool
    n_events: int
    first_event: str | None = None
    last_event: str | None = None
    as_of: str | None = None
    relations: list[RelationRecord] = Field(default_factory=list, description="as of the as_of day")


# -- articles ----------------------------------------------------------------------------------
class ArticleMention(BaseModel):
    id: str
    canonical_id: str | None = None
    cameo: str | None = None
    plover: str | None = None
    source: str | None = None
    target: str | None = None
    factuality: str | None = None
    sentence_index: int | None = None
    evidence: list[EvidenceSpan] = Field(default_factory=list)


class ArticleOut(BaseModel):
    id: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    publisher: str | None = None
    text: str = Field(description="the cleaned text; every start/end offset points into it")
    events: list[ArticleMention] = Field(default_factory=list)


class ArticleIn(BaseModel):
    """One article to ingest. ``text`` is cleaned as the readers clean it; the id defaults to a
    hash of the cleaned text, so posting the same text twice stores it once."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=200_000)
    title: str | None = Field(default=None, max_length=1_000)
    id: str | None = Field(
        default=None, min_length=1, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"
    )
    published: str | None = Field(default=None, pattern=DAY_PATTERN, description="YYYY-MM-DD")
    url: str | None = Field(default=None, max_length=2_000)
    publisher: str | None = Field(default=None, max_length=300)


class IngestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1, max_length=100)
    published: str | None = Field(
        default=None, pattern=DAY_PATTERN, description="for articles that give none"
    )


class IngestOut(BaseModel):
    ok: Literal[True] = True
    articles: list[str] = Field(description="the ids of the articles sent (new or already stored)")
    stats: dict[str, Any] = Field(description="what the ingest did (newsgraph.store.IngestStats)")


# -- misc --------------------------------------------------------------------------------------
class ExportFormat(BaseModel):
    format: str
    available: bool
    needs: str | None = Field(default=None, description="what to pip install when not available")
    url: str


class ExportFormats(BaseModel):
    items: list[ExportFormat]


class StoreStats(BaseModel):
    counts: dict[str, int]
    first_event: str | None = None
    last_event: str | None = None
    writes_enabled: bool
    version: str
