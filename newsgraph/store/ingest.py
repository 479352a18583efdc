"""ingest(): files (or ready ArticleResults) in, stored articles, mentions and canonical events out.

Idempotent: an article is identified by the hash of its cleaned text; one already stored is
skipped before the NLP runs, and again at write time (a duplicate inside one run).
Transactional per batch: ``batch_size`` results are written and clustered in one transaction,
so a process killed at any moment leaves whole batches only, and running the same command
again finishes the job with exactly the store an uninterrupted run leaves.
Streaming: results are consumed one at a time; at most one batch is held in memory.
Resumable: for files, a journal in the store's meta table (written with each batch) says how far
each file is finished, so a rerun skips finished files and records before reading them into the
pipeline (newsgraph.scale.journal). Per-document errors can go to an error log (JSON lines).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import InterfaceError, OperationalError

from ..config import Settings
from ..errors import ReaderError, StoreError
from ..records import Article, ArticleResult
from ..scale.errorlog import ErrorLog, error_record
from ..scale.feed import FileFeed
from ..scale.inputs import plan
from ..scale.journal import Journal
from ..scale.progress import Progress
from .cluster import Clusterer, ClusterSettings, canonical_id_for
from .rows import actor_rows, article_row, content_hash, event_row, place_rows, sentence_rows
from .schema import actors, articles, events, places, sentences
from .sql import insert_ignore, insert_many_ignore, upsert_fill
from .store import Store, opened

log = logging.getLogger("newsgraph.store")

DEFAULT_BATCH_SIZE = 50
MAX_ERRORS_KEPT = 100
WINDOW_KEY = "cluster.window_days"

Item = str | Path | Article | ReaderError | ArticleResult


@dataclass
class IngestStats:
    """What one ingest did. ``errors`` keeps the first MAX_ERRORS_KEPT messages (all are logged)."""

    articles_new: int = 0
    articles_skipped: int = 0  # already in the store (same text), or twice in the input
    articles_failed: int = 0  # unreadable, failed in the pipeline, or refused by the store
    events: int = 0  # mentions stored
    canonical_new: int = 0  # canonical events created
    batches: int = 0  # transactions committed
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    articles_resumed: int = 0  # part of articles_skipped: finished by an earlier run (the journal)
    skipped_at_write: int = field(default=0, repr=False)  # part of articles_skipped
    error_records: list[dict[str, Any]] = field(default_factory=list, repr=False)  # this batch's

    def add(self, other: IngestStats) -> None:
        """Add a committed batch's counts."""
        self.articles_new += other.articles_new
        self.skipped_at_write += other.skipped_at_write
        self.articles_failed += other.articles_failed
        self.events += other.events
        self.canonical_new += other.canonical_new
        self.errors.extend(other.errors[: MAX_ERRORS_KEPT - len(self.errors)])

    @property
    def articles_seen(self) -> int:
        return self.articles_new + self.articles_skipped + self.articles_failed

    @property
    def articles_per_second(self) -> float:
        return self.articles_seen / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d.pop("skipped_at_write")
        d.pop("error_records")
        d["articles_per_second"] = round(self.articles_per_second, 2)
        d["seconds"] = round(self.seconds, 3)
        return d

    def summary(self) -> str:
        why = "already stored"
        if self.articles_resumed:
            why += f"; {self.articles_resumed} of them finished by an earlier run"
        return (
            f"{self.articles_new} articles new, {self.articles_skipped} skipped ({why}), "
            f"{self.articles_failed} failed; {self.events} events, "
            f"{self.canonical_new} new canonical events; "
            f"{self.seconds:.1f} s, {self.articles_per_second:.2f} articles/s"
        )


def ingest(
    paths_or_results: Iterable[Item] | str | Path,
    db_url: str | Path | Store,
    settings: Settings | None = None,
    workers: int = 1,
    published: str | None = None,
    *,
    read_options: Any = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    window_days: int | None = None,
    on_batch: Callable[[IngestStats], None] | None = None,
    progress: bool | Progress = False,
    error_log: str | Path | ErrorLog | None = None,
    resume: bool = True,
) -> IngestStats:
    """Extract events from files (paths, directories, globs, "-") or take ready ArticleResults,
    and store articles, mentions and canonical events in ``db_url``.

    ``published`` is the date for documents that give none; ``read_options`` (a ReadOptions)
    sets the other reader options. ``window_days`` is the clustering window; None keeps the
    store's (3 days for a new store). ``on_batch`` is called after each committed batch.
    Bad documents are counted, logged (logger ``newsgraph.store``) and skipped; StoreError is
    raised only when the store itself cannot be opened or written.

    ``progress``: True draws a progress bar on stderr (or pass a newsgraph.scale.Progress).
    ``error_log``: a file (or ErrorLog) that gets one JSON line per failed document.
    ``resume``: skip what the journal says an earlier run over the same files finished (the
    journal is written either way); False reads every file again (stored texts are skipped)."""
    if batch_size < 1:
        raise StoreError(f"batch_size must be 1 or more (got {batch_size}).")
    seen_before = _Count()  # skipped before the NLP; counted by the reading thread

    def make_feed(store: Store) -> Any:
        return _feed(paths_or_results, store, seen_before, settings, workers, published, read_options, resume)

    return ingest_feed(
        make_feed,
        db_url,
        batch_size=batch_size,
        window_days=window_days,
        on_batch=on_batch,
        progress=progress,
        error_log=error_log,
        seen_before=seen_before,
    )


def ingest_feed(
    make_feed: Callable[[Store], Any],
    db_url: str | Path | Store,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    window_days: int | None = None,
    on_batch: Callable[[IngestStats], None] | None = None,
    progress: bool | Progress = False,
    error_log: str | Path | ErrorLog | None = None,
    seen_before: _Count | None = None,
) -> IngestStats:
    """The batch loop of ingest() over a feed: an object with ``results()`` (ArticleResults in
    input order), ``checkpoint(conn)`` (journal what is finished, inside the batch's
    transaction), ``dirty``, ``resumed``, ``skipped_before`` and ``total_bytes``, made by
    ``make_feed(store)`` once the store is open. newsgraph.scale feeds it files and Dask results."""
    if batch_size < 1:
        raise StoreError(f"batch_size must be 1 or more (got {batch_size}).")
    stats = IngestStats()
    seen = seen_before if seen_before is not None else _Count()
    t0 = time.perf_counter()
    errors_out = ErrorLog(error_log) if isinstance(error_log, (str, Path)) else error_log
    feed_box: list[Any] = []
    bar: Progress | None = None

    def committed(batch_stats: IngestStats) -> None:
        stats.add(batch_stats)
        stats.batches += 1
        _refresh(stats, seen, feed_box, t0)
        for record in batch_stats.error_records:
            if errors_out is not None:
                errors_out.write(record)
        if bar is not None:
            bar.article("new", batch_stats.articles_new, events=batch_stats.events)
            bar.article("failed", batch_stats.articles_failed)
            bar.article("skipped", batch_stats.skipped_at_write)
        if on_batch is not None:
            on_batch(stats)

    with opened(db_url) as store:
        cluster = _cluster_settings(store, window_days)
        feed = make_feed(store)
        feed_box.append(feed)
        bar = _progress_for(progress, feed)
        if bar is not None and hasattr(feed, "attach"):
            feed.attach(bar)
        try:
            batch: list[ArticleResult] = []
            for result in feed.results():
                batch.append(result)
                if len(batch) >= batch_size:
                    committed(_write_batch(store, batch, cluster, feed.checkpoint))
                    batch = []
            if batch:
                committed(_write_batch(store, batch, cluster, feed.checkpoint))
            elif feed.dirty:  # finished files or stored articles after the last batch
                with store.write() as conn:
                    feed.checkpoint(conn)
        finally:
            if bar is not None and bar is not progress:
                bar.close()
            if errors_out is not None and errors_out is not error_log:
                errors_out.close()
    _refresh(stats, seen, feed_box, t0)
    return stats


def _refresh(stats: IngestStats, seen_before: _Count, feed_box: list[Any], t0: float) -> None:
    feed = feed_box[0] if feed_box else None
    stats.articles_resumed = getattr(feed, "resumed", 0)
    stats.articles_skipped = (
        stats.skipped_at_write + seen_before.value + stats.articles_resumed + getattr(feed, "skipped_before", 0)
    )
    stats.seconds = time.perf_counter() - t0


def _progress_for(progress: bool | Progress, feed: Any) -> Progress | None:
    if isinstance(progress, Progress):
        return progress
    if not progress:
        return None
    return Progress(getattr(feed, "total_bytes", None) or None)


class _Count:
    """A counter another thread may bump (the pool's feeder thread runs the reader)."""

    def __init__(self) -> None:
        self.value = 0
        self._lock = threading.Lock()

    def bump(self) -> None:
        with self._lock:
            self.value += 1


class _Feed:
    """Results for ArticleResults or Articles given directly (no files: no journal)."""

    resumed = 0
    skipped_before = 0
    dirty = False
    total_bytes = None

    def __init__(self, results: Iterator[ArticleResult]) -> None:
        self._results = results

    def results(self) -> Iterator[ArticleResult]:
        return self._results

    def checkpoint(self, conn: Connection) -> None:
        pass


def _read_options(published: str | None, read_options: Any) -> Any:
    from ..readers import ReadOptions

    options = read_options if read_options is not None else ReadOptions()
    if published is not None:
        options = dataclasses.replace(options, published=published)
    return options


def _feed(
    items: Iterable[Item] | str | Path,
    store: Store,
    seen_before: _Count,
    settings: Settings | None,
    workers: int,
    published: str | None,
    read_options: Any,
    resume: bool,
) -> FileFeed | _Feed:
    """Paths (only) go through the file feed, with the journal; anything else as before."""
    if isinstance(items, (str, Path)):
        items = [items]  # one path given bare: surely not its characters
    if isinstance(items, (list, tuple)) and items and all(isinstance(i, (str, Path)) for i in items):
        options = _read_options(published, read_options)
        return FileFeed(
            plan(items, options),
            options=options,
            settings=settings,
            workers=workers,
            is_stored=lambda a: _stored(store, a),
            on_stored=seen_before.bump,
            journal=Journal(store, options),
            resume=resume,
        )
    return _Feed(_results(items, store, seen_before, settings, workers, published, read_options))


def _results(
    items: Iterable[Item] | str | Path,
    store: Store,
    seen_before: _Count,
    settings: Settings | None,
    workers: int,
    published: str | None,
    read_options: Any,
) -> Iterator[ArticleResult]:
    if isinstance(items, (str, Path)):
        items = [items]  # one path given bare: surely not its characters
    it = iter(items)
    first = next(it, None)
    if first is None:
        return
    stream = chain([first], it)
    if isinstance(first, ArticleResult):
        for r in stream:
            if not isinstance(r, ArticleResult):
                raise StoreError(
                    f"ingest() got an ArticleResult and then a {type(r).__name__}: pass either paths or "
                    f"ArticleResults, not both."
                )
            yield r
        return
    from ..pipeline import run

    # Until the first article that needs the NLP, report unreadable documents and skip stored
    # ones here: an input that is all stored or unreadable never loads the NLP model.
    raw = _articles(stream, published, read_options)
    for item in raw:
        if isinstance(item, ReaderError):
            yield ArticleResult(article=None, error=str(item), origin=item.origin)
        elif _stored(store, item):
            seen_before.bump()
        else:
            articles_in = chain([item], _unseen(store, raw, seen_before))
            yield from run(articles_in, settings or Settings.from_env(), workers=workers)
            return


def _articles(
    items: Iterable[Item], published: str | None, read_options: Any
) -> Iterator[Article | ReaderError]:
    from ..readers import read_paths

    options = _read_options(published, read_options)
    for item in items:
        if isinstance(item, (Article, ReaderError)):
            yield item
        elif isinstance(item, (str, Path)):
            yield from read_paths([item], options)
        else:
            raise StoreError(f"ingest() takes paths, Articles or ArticleResults, not {type(item).__name__}.")


def _unseen(
    store: Store, items: Iterable[Article | ReaderError], seen_before: _Count
) -> Iterator[Article | ReaderError]:
    """Leave out the articles stored already, before the NLP spends time on them; unreadable
    documents go on (the pipeline reports them in order)."""
    for item in items:
        if isinstance(item, Article) and _stored(store, item):
            seen_before.bump()
            continue
        yield item


def _stored(store: Store, article: Article) -> bool:
    # A short connection per check: a long-held read would keep SQLite's WAL from being checkpointed.
    with store.read() as conn:
        q = select(articles.c.id).where(articles.c.content_hash == content_hash(article.text))
        return conn.execute(q).first() is not None


def _cluster_settings(store: Store, window_days: int | None) -> ClusterSettings:
    with store.write() as conn:
        stored = store.get_meta(conn, WINDOW_KEY)
        if stored is None:
            cs = ClusterSettings(window_days if window_days is not None else ClusterSettings().window_days)
            store.set_meta(conn, WINDOW_KEY, str(cs.window_days))
            return cs
        if window_days is not None and int(stored) != window_days:
            raise StoreError(
                f"The store {store.where} clusters events with a window of {stored} days, not {window_days}. "
                f"Leave the window out to keep {stored}, or recluster the store with the new window first "
                f"(newsgraph.store.recluster(db, window_days={window_days}))."
            )
        return ClusterSettings(int(stored))


def _write_batch(
    store: Store,
    batch: list[ArticleResult],
    cluster: ClusterSettings,
    before_commit: Callable[[Connection], None] | None = None,
) -> IngestStats:
    """Write and cluster one batch in one transaction; its counts (added to the run's only
    once the transaction has committed). ``before_commit`` writes the journal in it."""
    counts = IngestStats()
    with store.write() as conn:
        clusterer = Clusterer(conn, cluster)
        now = datetime.now(UTC)
        for result in batch:
            _write_one(conn, clusterer, result, now, counts)
        clusterer.flush()
        if before_commit is not None:
            before_commit(conn)
    return counts


def _fail(stats: IngestStats, message: str, record: dict[str, Any] | None = None) -> None:
    stats.articles_failed += 1
    log.warning("%s", message)
    if len(stats.errors) < MAX_ERRORS_KEPT:
        stats.errors.append(message)
    if record is not None:
        stats.error_records.append(record)


def _write_one(
    conn: Connection, clusterer: Clusterer, result: ArticleResult, now: datetime, stats: IngestStats
) -> None:
    article = result.article
    if result.error or article is None:
        message = result.error or f"{result.origin or '?'}: the pipeline returned no article"
        _fail(stats, message, error_record(result, message=message))
        return
    where = article.origin or article.id
    try:
        with conn.begin_nested():  # a savepoint: an article the store refuses leaves no trace
            stored = _store_article(conn, clusterer, result, now)
    except (OperationalError, InterfaceError):
        raise  # the database is gone or full: no point in trying the next article
    except Exception as exc:  # noqa: BLE001 - one bad article never stops the batch; reported
        log.debug("storing %s failed", where, exc_info=True)
        message = f"{where}: not stored: {type(exc).__name__}: {exc}"
        _fail(stats, message, error_record(result, "store", message))
        return
    if stored is None:
        stats.skipped_at_write += 1
        return
    stats.articles_new += 1
    stats.events += stored[0]
    stats.canonical_new += stored[1]


class ArticleConflict(ValueError):
    """Another text is stored under this article id."""


def _store_article(
    conn: Connection, clusterer: Clusterer, result: ArticleResult, now: datetime
) -> tuple[int, int] | None:
    """Store one article with its events; None when its text is stored already. Returns
    (mentions stored, canonical events created)."""
    article = result.article
    assert article is not None
    arow = article_row(article, now)
    if not insert_ignore(conn, articles, arow):
        other = conn.execute(
            select(articles.c.id, articles.c.content_hash).where(
                or_(articles.c.content_hash == arow["content_hash"], articles.c.id == article.id)
            )
        ).first()
        if other is not None and other.content_hash == arow["content_hash"]:
            return None
        raise ArticleConflict(
            f"article id {article.id!r} is already stored with a different text. Give each version its own "
            f"id (the id field of JSONL/CSV input), or leave ids out so that newsgraph derives them from "
            f"the text."
        )
    evs = list(result.events)
    upsert_fill(conn, actors, actor_rows(evs))
    insert_many_ignore(conn, places, place_rows(evs))
    insert_many_ignore(conn, sentences, sentence_rows(article.id, evs))
    created = 0
    for e in evs:
        row = event_row(e)
        cid = clusterer.assign(row, arow)
        created += cid == canonical_id_for(e.id)  # a new cluster is named after its first mention
        row["canonical_id"] = cid
        conn.execute(events.insert(), row)
    return len(evs), created
