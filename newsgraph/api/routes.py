"""The routes of the REST API (mounted under /api by ``create_app``).

Read routes are plain ``def`` functions: FastAPI runs them in its thread pool, so a slow query
never blocks the event loop. They only read the store. The one write route, ``POST
/api/articles``, needs the bearer token and takes a process-wide lock (one writer at a time).
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, status
from fastapi import Path as PathParam
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from .. import __version__
from ..exports import FORMATS
from ..store import events_page
from . import data
from .auth import require_token
from .errors import ApiError
from .schemas import (
    DATE_PATTERN,
    ActorDetail,
    ActorHits,
    ArticleOut,
    CanonicalEvent,
    ErrorEnvelope,
    EventPage,
    ExportFormats,
    Factuality,
    IngestIn,
    IngestOut,
    RelationKind,
    RelationList,
    StoreStats,
)

router = APIRouter(prefix="/api")

_ERR = {"model": ErrorEnvelope}
READ_ERRORS: dict[int | str, dict[str, Any]] = {422: _ERR, 500: _ERR, 503: _ERR}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: _ERR, **READ_ERRORS}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {400: _ERR, 401: _ERR, 403: _ERR, 413: _ERR, **READ_ERRORS}

MAX_PAGE = 500
DEFAULT_PAGE = 50

DateQ = Annotated[
    str | None, Query(pattern=DATE_PATTERN, max_length=10, description="YYYY-MM-DD, YYYY-MM or YYYY")
]
NameQ = Annotated[str | None, Query(min_length=1, max_length=200)]


def _state(request: Request) -> Any:
    return request.app.state.newsgraph


def _as_of(value: str | None) -> str | None:
    from ..graph.dates import check_day

    return check_day(value) if value else None


# -- events ---------------------------------------------------------------------------------------------
@router.get(
    "/events",
    response_model=EventPage,
    response_model_exclude_unset=True,
    responses=READ_ERRORS,
    tags=["events"],
    summary="Canonical events, filtered, a page at a time",
)
def list_events(
    request: Request,
    actor: NameQ = None,
    since: DateQ = None,
    until: DateQ = None,
    dyad: Annotated[
        str | None, Query(max_length=400, description="SOURCE,TARGET (names or ids; one may be empty)")
    ] = None,
    cameo: Annotated[
        str | None, Query(pattern=r"^\d{2,4}$", description="a CAMEO code or prefix: 05, 051")
    ] = None,
    plover: Annotated[
        str | None, Query(pattern=r"^[A-Za-z_]{2,40}$", description="PLOVER type: SUPPORT, ASSAULT")
    ] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="QuadClass 1-4")] = None,
    country: Annotated[
        str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO3 of where it happened")
    ] = None,
    place: Annotated[
        str | None, Query(min_length=1, max_length=200, description="place name or GeoNames id")
    ] = None,
    factuality: Factuality | None = None,
    publisher: NameQ = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_PAGE,
    cursor: Annotated[str | None, Query(min_length=1, max_length=512)] = None,
    mentions: Annotated[bool, Query(description="include every mention of each event")] = True,
) -> dict[str, Any]:
    """Stored canonical events (the contract's event records with their mentions), ordered by
    event date, then id. ``next`` is the cursor of the following page, null on the last one.
    Filters as in `newsgraph events`; an actor is a name, an alias or an id."""
    st = _state(request)
    if actor and st.index.kb.get(actor) is not None:
        stored = st.relations.cached("stored_actors", lambda: data.stored_actors(st.store))
        if actor not in stored:  # a knowledge-base actor this store has never seen: no events
            return {"items": [], "next": None}
    page = events_page(
        st.store,
        limit=limit,
        cursor=cursor,
        actor=actor,
        since=since,
        until=until,
        dyad=dyad,
        cameo=cameo,
        plover=plover,
        quad=quad,
        country=country,
        place=place,
        factuality=factuality,
        publisher=publisher,
    )
    items = page.items
    if not mentions:
        items = [{k: v for k, v in item.items() if k != "mentions"} for item in items]
    return {"items": items, "next": page.next}


@router.get(
    "/events/{event_id:path}",
    response_model=CanonicalEvent,
    response_model_exclude_unset=True,
    responses=NOT_FOUND,
    tags=["events"],
    summary="One event with its mentions and their evidence spans",
)
def get_event(request: Request, event_id: Annotated[str, PathParam(max_length=200)]) -> dict[str, Any]:
    """A canonical event (``ce_...``; a mention id ``ev_...`` gives its canonical event) with every
    mention; each mention has ``evidence``: the spans of its source, target, trigger, date, place,
    factuality cue, quote and attribution in the article's text."""
    record = data.get_event(_state(request).store, event_id)
    if record is None:
        raise ApiError(404, f"No event {event_id!r} in the store.")
    return record


# -- actors ------------------------------------------------------------------------------------------
@router.get(
    "/actors",
    response_model=ActorHits,
    responses=READ_ERRORS,
    tags=["actors"],
    summary="Search actors by name or alias (fuzzy)",
)
def search_actors(
    request: Request,
    q: Annotated[
        str, Query(min_length=1, max_length=200, description="a name, alias or id; typos are forgiven")
    ],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> dict[str, Any]:
    st = _state(request)
    stored = st.relations.cached("stored_actors", lambda: data.stored_actors(st.store))
    counts = st.relations.cached("actor_counts", lambda: data.actor_counts(st.store))
    return {"items": data.search_actors(st.index, stored, counts, q, limit)}


@router.get(
    "/actors/{actor_id:path}",
    response_model=ActorDetail,
    responses=NOT_FOUND,
    tags=["actors"],
    summary="One actor: roles, people, and its relations as of a date",
)
def get_actor(
    request: Request,
    actor_id: Annotated[str, PathParam(min_length=1, max_length=200)],
    as_of: DateQ = None,
) -> dict[str, Any]:
    st = _state(request)
    day = _as_of(as_of)
    stored = st.relations.cached("stored_actors", lambda: data.stored_actors(st.store))
    detail = data.actor_detail(st.index, stored, actor_id, day)
    if detail is None:
        raise ApiError(404, f"No actor with id {actor_id!r}; search by name with /api/actors?q=NAME.")
    counts = st.relations.cached("actor_counts", lambda: data.actor_counts(st.store))
    first, last = data.event_span(st.store, actor_id)
    detail.update(
        n_events=counts.get(actor_id, 0),
        first_event=first,
        last_event=last,
        as_of=day,
        relations=st.relations.relations(actor=actor_id, as_of=day),
    )
    return detail


# -- relations ---------------------------------------------------------------------------------------
@router.get(
    "/relations",
    response_model=RelationList,
    responses=READ_ERRORS,
    tags=["relations"],
    summary="The actor-relation graph as of a date",
)
def list_relations(
    request: Request,
    actor: NameQ = None,
    as_of: DateQ = None,
    other: Annotated[
        str | None,
        Query(min_length=1, max_length=200, description="with actor: only relations between the two"),
    ] = None,
    kind: RelationKind | None = None,
) -> dict[str, Any]:
    """Relation records (the contract's): of one actor (name, alias or id) or all, as of a day
    (only what held on it; null: everything known), optionally between ``actor`` and ``other``."""
    day = _as_of(as_of)
    items = _state(request).relations.relations(actor=actor, as_of=day, other=other, kind=kind)
    return {"items": items, "as_of": day}


# -- articles -----------------------------------------------------------------------------------------
@router.get(
    "/articles/{article_id:path}",
    response_model=ArticleOut,
    responses=NOT_FOUND,
    tags=["articles"],
    summary="One stored article: its cleaned text and the spans of its events",
)
def get_article(
    request: Request, article_id: Annotated[str, PathParam(min_length=1, max_length=300)]
) -> dict[str, Any]:
    found = data.get_article(_state(request).store, article_id)
    if found is None:
        raise ApiError(404, f"No article {article_id!r} in the store.")
    return found


@router.post(
    "/articles",
    response_model=IngestOut,
    status_code=status.HTTP_200_OK,
    responses=WRITE_ERRORS,
    tags=["articles"],
    dependencies=[Depends(require_token)],
    summary="Ingest articles (needs Authorization: Bearer <token>)",
)
def post_articles(request: Request, body: IngestIn) -> dict[str, Any]:
    """Extract events from the articles and store them (idempotent: a text already stored is
    skipped). Runs the NLP pipeline, so expect about a second per article; send at most 100."""
    from ..readers import ReadOptions
    from ..readers.articles import make_article
    from ..store import ingest

    st = _state(request)
    options = ReadOptions(published=body.published)
    articles = [
        make_article(
            a.text,
            f"api#{i}",
            options,
            title=a.title,
            id=a.id,
            published=a.published,
            url=a.url,
            publisher=a.publisher,
        )
        for i, a in enumerate(body.articles)
    ]
    with st.write_lock:
        stats = ingest(articles, st.store, settings=st.settings)
    if stats.articles_failed and not (stats.articles_new or stats.articles_skipped):
        raise ApiError(422, "No article could be ingested.", [{"msg": m} for m in stats.errors])
    return {"ok": True, "articles": [a.id for a in articles], "stats": stats.to_dict()}


# -- exports -------------------------------------------------------------------------------------------
_MEDIA = {
    ".jsonl": "application/x-ndjson",
    ".tsv": "text/tab-separated-values; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".parquet": "application/vnd.apache.parquet",
    ".graphml": "application/graphml+xml",
    ".gexf": "application/gexf+xml",
    ".zip": "application/zip",
}


def _available(fmt: str) -> tuple[bool, str | None]:
    from importlib.util import find_spec

    needs = FORMATS[fmt][2]
    return (needs is None or find_spec(needs) is not None), needs


@router.get(
    "/exports",
    response_model=ExportFormats,
    responses=READ_ERRORS,
    tags=["exports"],
    summary="The export formats, and whether this install can write them",
)
def list_exports() -> dict[str, Any]:
    items = []
    for fmt in FORMATS:
        ok, needs = _available(fmt)
        items.append(
            {"format": fmt, "available": ok, "needs": None if ok else needs, "url": f"/api/exports/{fmt}"}
        )
    return {"items": items}


@router.get(
    "/exports/{fmt}",
    responses={
        200: {
            "content": {m: {} for m in sorted(set(_MEDIA.values()))},
            "description": "the export file (a zip when it has several)",
        },
        404: _ERR,
        **READ_ERRORS,
    },
    response_class=FileResponse,
    tags=["exports"],
    summary="Download every stored event in one format",
)
def download_export(request: Request, fmt: Annotated[str, PathParam(max_length=40)]) -> FileResponse:
    from ..exports import export
    from ..store import iter_events

    if fmt not in FORMATS:
        raise ApiError(404, f"No export format {fmt!r}; available: {', '.join(FORMATS)}.")
    ok, needs = _available(fmt)
    if not ok:
        raise ApiError(
            404, f"The {fmt} export needs {needs}, which this server does not have (pip install {needs})."
        )
    tmp = Path(tempfile.mkdtemp(prefix="newsgraph-export-"))
    cleanup = BackgroundTask(shutil.rmtree, tmp, ignore_errors=True)
    try:
        files = export(fmt, tmp / "out", events=iter_events(_state(request).store))
        if len(files) == 1:
            path = files[0]
        else:
            path = tmp / f"newsgraph-{fmt}.zip"
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
                for f in files:
                    z.write(f, f.name)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return FileResponse(
        path,
        media_type=_MEDIA.get(path.suffix, "application/octet-stream"),
        filename=path.name,
        background=cleanup,
    )


# -- the store ---------------------------------------------------------------------------------------
@router.get(
    "/stats",
    response_model=StoreStats,
    responses=READ_ERRORS,
    tags=["store"],
    summary="Rows per table and the range of event dates",
)
def stats(request: Request) -> dict[str, Any]:
    st = _state(request)
    first, last = data.store_range(st.store)
    return {
        "counts": st.store.counts(),
        "first_event": first,
        "last_event": last,
        "writes_enabled": st.token is not None,
        "version": __version__,
    }
