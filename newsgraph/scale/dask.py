"""The pipeline on a Dask distributed cluster: one task per input unit (a file, or a range of
lines of a big JSON Lines file), each worker building the pipeline once.

    from newsgraph.scale.dask import dask_ingest
    stats = dask_ingest(["dumps/"], "local", workers=4, out="events/")          # a LocalCluster
    stats = dask_ingest(["/shared/dumps/"], "tcp://scheduler:8786", db="postgresql://...")

Outputs:

- ``out``: Parquet partitions, one file per unit and table (``events/part-00012-<key>.parquet``
  and ``mentions/...``), in the schemas of ``newsgraph.exports.parquet`` (one events row per
  mention: nothing is clustered here; ``record`` holds the whole event record). Written by the
  workers, atomically (a temporary file renamed), so the files on the workers' shared disk are
  the output and only counts travel back. A rerun skips units whose files exist.
- ``db``: the store. Workers send their results back and the client writes them in input order,
  batch by batch, through the same code as ``newsgraph.store.ingest`` (clustering, journal,
  error log): the store ends up exactly as a single-process ingest of the same files leaves it.
  Workers look up stored texts before running the NLP on them (they need to reach the database).

The inputs must be readable by the workers at the same paths (a shared file system); the
client reads them only to split big JSON Lines files (one pass counting line breaks). At most
``2 * workers`` tasks are in flight (with a store, at most MAX_IN_FLIGHT_WITH_DB), so the client
holds at most that many units' results.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import ConfigError, NewsgraphError, ReaderError
from ..readers import ReadOptions
from ..records import Article, ArticleResult
from .errorlog import ErrorLog, error_record
from .inputs import Unit, plan, read_unit
from .journal import Journal, Tracker, UnitState
from .progress import Progress

try:
    from distributed import WorkerPlugin
except ImportError:  # pragma: no cover - dask_ingest says what to install
    WorkerPlugin = object  # type: ignore[misc,assignment]

DEFAULT_PARTITION_MB = 16  # about 2,700 news articles: minutes of work for one core
IN_FLIGHT_PER_WORKER = 2
# With a store, the results come back to the client (about 17 kB per article pickled, 3.5 times the
# JSON: some 55 MB for a 16 MB range) and one writer stores them: more tasks in flight than it can
# write only costs client memory.
MAX_IN_FLIGHT_WITH_DB = 16
PLUGIN_NAME = "newsgraph-pipeline"

# -- on the workers ------------------------------------------------------------------------------
_PIPELINES: dict[Settings, Any] = {}
_STORES: dict[str, Any] = {}
_LOCK = threading.Lock()  # one pipeline use at a time in a worker process (spaCy is not thread-safe)


def worker_pipeline(settings: Settings) -> Any:
    """The worker's pipeline for these settings, built on first use and kept."""
    from ..pipeline import Pipeline

    with _LOCK:
        p = _PIPELINES.get(settings)
        if p is None:
            p = _PIPELINES[settings] = Pipeline(settings)
        return p


def _worker_store(db: str) -> Any:
    from ..store import open_store

    with _LOCK:
        s = _STORES.get(db)
        if s is None:
            s = _STORES[db] = open_store(db)
        return s


class PipelinePlugin(WorkerPlugin):  # type: ignore[misc]
    """A Dask worker plugin that builds the pipeline when a worker starts (or joins), so that
    the first task does not pay for loading the model and a broken setup shows at once. The
    model loads in a thread: the worker keeps answering the scheduler meanwhile."""

    name = PLUGIN_NAME

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def setup(self, worker: Any = None) -> None:
        import asyncio

        await asyncio.get_running_loop().run_in_executor(None, worker_pipeline, self.settings)

    def teardown(self, worker: Any = None) -> None:
        _PIPELINES.clear()


@dataclass
class UnitOutcome:
    """What a task sends back: counts, error records, and the results when the client stores them."""

    index: int  # the unit's place in the plan
    records: int = 0  # records read (after the skipped first ones)
    articles: int = 0  # articles the pipeline processed
    events: int = 0
    failed: int = 0
    stored_before: int = 0  # texts the store held already: not processed
    errors: list[dict[str, Any]] = field(default_factory=list)
    results: list[tuple[int, ArticleResult]] | None = None  # (record index, result)
    files: list[str] = field(default_factory=list)
    seconds: float = 0.0
    worker: str = ""
    rss_mb: float = 0.0  # the worker's resident memory when the task ended


def process_unit(
    index: int,
    unit: Unit,
    options: ReadOptions,
    settings: Settings,
    *,
    skip: int = 0,
    out: str | None = None,
    db: str | None = None,
    send_results: bool = False,
) -> UnitOutcome:
    """The task: read ``unit`` (leaving out its first ``skip`` records), leave out texts stored
    in ``db``, run the pipeline, write Parquet partitions into ``out``, count."""
    t0 = time.perf_counter()
    pipeline = worker_pipeline(settings)
    store = _worker_store(db) if db else None
    outcome = UnitOutcome(index, worker=f"{os.uname().nodename}:{os.getpid()}")
    keep: list[tuple[int, ArticleResult]] = []
    rows: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])

    def records() -> Iterator[tuple[int, Article | ReaderError]]:
        for i, (item, _pos) in enumerate(read_unit(unit, options)):
            if i < skip:
                continue
            outcome.records += 1
            if store is not None and isinstance(item, Article) and _is_stored(store, item):
                outcome.stored_before += 1
                continue
            yield i, item

    order: deque[int] = deque()

    def items() -> Iterator[Article | ReaderError]:
        for i, item in records():
            order.append(i)
            yield item

    with _LOCK:
        for result in pipeline.process_many(items()):
            i = order.popleft()
            if result.error or result.article is None:
                outcome.failed += 1
                outcome.errors.append(error_record(result))
            else:
                outcome.articles += 1
                outcome.events += len(result.events)
                if out is not None:
                    _add_rows(rows, result)
            if send_results:
                keep.append((i, result))
    if out is not None:
        outcome.files = _write_parts(Path(out), index, unit, rows)
    if send_results:
        outcome.results = keep
    outcome.seconds = time.perf_counter() - t0
    outcome.rss_mb = _rss_mb()
    return outcome


def _rss_mb() -> float:
    """Resident memory now (not ru_maxrss: on Linux a child inherits its parent's maximum)."""
    try:
        import psutil

        return float(psutil.Process().memory_info().rss) / 2**20
    except Exception:  # noqa: BLE001 - psutil comes with distributed; be safe anyway
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _is_stored(store: Any, article: Article) -> bool:
    from ..store.ingest import _stored

    return _stored(store, article)


def _add_rows(rows: tuple[list[dict[str, Any]], list[dict[str, Any]]], result: ArticleResult) -> None:
    from ..exports.parquet import event_row, mention_rows

    for e in result.events:
        record = e.to_dict()
        rows[0].append(event_row(record))
        rows[1].extend(mention_rows(record))


def part_names(index: int, unit: Unit) -> tuple[str, str]:
    name = f"part-{index:05d}-{unit.key()[:10]}.parquet"
    return f"events/{name}", f"mentions/{name}"


def _write_parts(out: Path, index: int, unit: Unit, rows: tuple[list[Any], list[Any]]) -> list[str]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..exports.parquet import schemas

    written = []
    for rel, schema, data in zip(part_names(index, unit), schemas(), rows, strict=True):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        pq.write_table(pa.Table.from_pylist(data, schema=schema), str(tmp))
        os.replace(tmp, path)  # a partition exists whole or not at all
        written.append(str(path))
    return written


# -- on the client -------------------------------------------------------------------------------
@dataclass
class DaskStats:
    """What a Dask run did. ``store`` holds the store's IngestStats when ``db`` was given."""

    units: int = 0  # tasks run
    units_skipped: int = 0  # finished by an earlier run (journal, or Parquet files present)
    records: int = 0
    articles: int = 0  # processed by the pipeline
    events: int = 0
    failed: int = 0
    stored_before: int = 0
    seconds: float = 0.0
    workers: int = 0
    dashboard: str | None = None
    parquet_files: int = 0
    errors_logged: int = 0
    rss_mb_per_worker: dict[str, float] = field(default_factory=dict)  # the most seen at a task's end
    store: Any = None

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["store"] = self.store.to_dict() if self.store is not None else None
        d["articles_per_second"] = round(self.articles_per_second, 2)
        d["seconds"] = round(self.seconds, 3)
        return d

    def summary(self) -> str:
        s = (
            f"{self.units} tasks on {self.workers} workers ({self.units_skipped} finished before); "
            f"{self.articles} articles processed, {self.stored_before} stored before, {self.failed} failed; "
            f"{self.events} events; {self.seconds:.1f} s, {self.articles_per_second:.2f} articles/s"
        )
        if self.parquet_files:
            s += f"; {self.parquet_files} Parquet files"
        if self.store is not None:
            s += f"; store: {self.store.summary()}"
        return s


def connect(address: str, workers: int | None = None, dashboard_address: str | None = ":8787") -> tuple[Any, Any]:
    """(client, cluster or None) for ``address``: "local" starts a LocalCluster of ``workers``
    processes with one thread each."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError(
            "--dask needs Dask distributed: pip install 'dask[distributed]' (and bokeh for the dashboard)."
        ) from None
    if address == "local":
        n = workers or os.cpu_count() or 1
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=dashboard_address)
        return Client(cluster), cluster
    return Client(address), None


def dask_ingest(
    paths: list[str | Path] | tuple[str | Path, ...] | str | Path,
    address: str | Any = "local",
    *,
    out: str | Path | None = None,
    db: str | Path | None = None,
    settings: Settings | None = None,
    read_options: ReadOptions | None = None,
    published: str | None = None,
    workers: int | None = None,
    partition_mb: float = DEFAULT_PARTITION_MB,
    batch_size: int = 50,
    window_days: int | None = None,
    progress: bool | Progress = False,
    error_log: str | Path | ErrorLog | None = None,
    resume: bool = True,
    dashboard_address: str | None = ":8787",
    on_dashboard: Callable[[str], None] | None = None,
) -> DaskStats:
    """Run the pipeline over files on a Dask cluster: ``address`` "local" (a LocalCluster of
    ``workers`` processes), a scheduler address, or a ``dask.distributed.Client``. Writes
    Parquet partitions into ``out`` and/or the store ``db`` (at least one). ``on_dashboard``
    gets the dashboard link (default: printed on stderr)."""
    if out is None and db is None:
        raise ConfigError("dask_ingest needs somewhere to put the events: out (a directory) and/or db (a store).")
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if any(str(p) == "-" for p in paths):
        raise ConfigError("Dask workers cannot read standard input: save it to a file and pass the file.")
    settings = settings or Settings.from_env()
    options = read_options if read_options is not None else ReadOptions()
    if published is not None:
        options = dataclasses.replace(options, published=published)
    split = int(partition_mb * 1e6) if partition_mb and partition_mb > 0 else None
    units = plan(paths, options, split_bytes=split)

    own = not hasattr(address, "submit")
    client: Any
    cluster: Any
    client, cluster = connect(address, workers, dashboard_address) if own else (address, None)
    stats = DaskStats()
    t0 = time.perf_counter()
    try:
        stats.dashboard = _dashboard(client)
        if stats.dashboard:
            (on_dashboard or (lambda link: print(f"Dask dashboard: {link}", file=sys.stderr)))(stats.dashboard)
        n_workers = max(len(client.scheduler_info().get("workers", {})), 1)
        stats.workers = n_workers
        client.register_plugin(PipelinePlugin(settings), name=PLUGIN_NAME)
        run = _Run(client, units, options, settings, out, db, resume, stats, n_workers, progress, error_log)
        if db is not None:
            from ..store.ingest import ingest_feed

            stats.store = ingest_feed(
                run.feed,
                db,
                batch_size=batch_size,
                window_days=window_days,
                progress=run.progress_for_store(),
                error_log=run.errors,
            )
        else:
            for _outcome in run.outcomes(None):
                pass
        run.close()
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
    stats.seconds = time.perf_counter() - t0
    return stats


def _dashboard(client: Any) -> str | None:
    try:
        services = client.scheduler_info().get("services", {})
        if "dashboard" not in services:
            return None
        return str(client.dashboard_link)
    except Exception:  # noqa: BLE001 - no dashboard is no reason to stop
        return None


class _Run:
    """Submits the units in order, at most IN_FLIGHT_PER_WORKER per worker ahead, and hands the
    outcomes back in input order."""

    def __init__(
        self,
        client: Any,
        units: list[Unit | ReaderError],
        options: ReadOptions,
        settings: Settings,
        out: str | Path | None,
        db: str | Path | None,
        resume: bool,
        stats: DaskStats,
        n_workers: int,
        progress: bool | Progress,
        error_log: str | Path | ErrorLog | None,
    ) -> None:
        self.client = client
        self.units = units
        self.options = options
        self.settings = settings
        self.out = Path(out).resolve() if out is not None else None
        self.db = str(db) if db is not None else None
        self.resume = resume
        self.stats = stats
        self.window = IN_FLIGHT_PER_WORKER * n_workers
        if db is not None:
            self.window = min(self.window, MAX_IN_FLIGHT_WITH_DB)
        total = sum(u.length for u in units if isinstance(u, Unit))
        if isinstance(progress, Progress):
            self.progress: Progress | None = progress
        else:
            self.progress = Progress(total or None, desc="ingest (dask)") if progress else None
        self.errors = ErrorLog(error_log) if isinstance(error_log, (str, Path)) else error_log
        self._own_errors = self.errors is not None and self.errors is not error_log
        self.tracker = Tracker(self.progress.advance if self.progress is not None else None)
        # the feed interface of store.ingest_feed
        self.resumed = 0
        self.skipped_before = 0
        self.total_bytes = total

    def progress_for_store(self) -> Progress | bool:
        return self.progress if self.progress is not None else False

    def close(self) -> None:
        if self.progress is not None:
            self.progress.close()
        if self._own_errors and self.errors is not None:
            self.errors.close()
        if self.errors is not None:
            self.stats.errors_logged = self.errors.count

    # -- the store's feed ----------------------------------------------------------------------------
    def feed(self, store: Any) -> _Run:
        self.journal = Journal(store, self.options)
        return self

    def checkpoint(self, conn: Any) -> None:
        states = self.tracker.checkpoint()
        if states:
            self.journal.write(conn, states)

    @property
    def dirty(self) -> bool:
        return self.tracker.dirty

    def results(self) -> Iterator[ArticleResult]:
        for outcome, unit, pos in self.outcomes(self.journal):
            if isinstance(unit, ReaderError):
                self.tracker.sent(None, 0, pos)
                self.tracker.result()
                yield ArticleResult(article=None, error=str(unit), origin=unit.origin)
                continue
            assert outcome is not None and outcome.results is not None
            for i, _result in outcome.results:
                self.tracker.sent(unit, i, pos)
            self.tracker.ended(unit, outcome.records + self._skip.get(outcome.index, 0), pos)
            for _i, result in outcome.results:
                self.tracker.result()
                yield result

    # -- scheduling ----------------------------------------------------------------------------------
    def outcomes(self, journal: Journal | None) -> Iterator[tuple[UnitOutcome | None, Unit | ReaderError, int]]:
        """(outcome, unit, byte position after it) in input order; ReaderErrors of the plan come
        through with no outcome (with a store, they are stored as failures; without, logged)."""
        pending: deque[tuple[Any, Unit | ReaderError, int]] = deque()
        self._skip: dict[int, int] = {}
        todo = self._todo(journal)
        more = True
        while True:
            while more and len(pending) < self.window:
                nxt = next(todo, None)
                if nxt is None:
                    more = False
                    break
                pending.append(nxt)
            if not pending:
                return
            fut, unit, pos = pending.popleft()
            if fut is None:
                if isinstance(unit, ReaderError) and journal is None:
                    self._log(error_record(ArticleResult(article=None, error=str(unit), origin=unit.origin)))
                    self.stats.failed += 1
                yield None, unit, pos
                continue
            try:
                outcome: UnitOutcome = fut.result()
            except Exception as exc:
                raise NewsgraphError(
                    f"The Dask task for {unit.label() if isinstance(unit, Unit) else unit} failed: "
                    f"{type(exc).__name__}: {exc}"
                ) from exc
            finally:
                fut.release()
            self._count(outcome, unit, pos, journal)
            yield outcome, unit, pos

    def _todo(self, journal: Journal | None) -> Iterator[tuple[Any, Unit | ReaderError, int]]:
        offset = 0
        for index, unit in enumerate(self.units):
            if isinstance(unit, ReaderError):
                yield None, unit, offset
                continue
            offset += unit.length
            state = journal.lookup(unit) if journal is not None and self.resume else UnitState()
            if journal is not None:
                self.tracker.begin(unit, state)
            if state.complete or (journal is None and self.resume and self._parts_exist(index, unit)):
                self.stats.units_skipped += 1
                self.resumed += state.done
                if self.progress is not None:
                    self.progress.article("resumed", state.done)
                    self.progress.skip_bytes(unit.length)
                continue
            self._skip[index] = state.done
            self.resumed += state.done
            fut = self.client.submit(
                process_unit,
                index,
                unit,
                self.options,
                self.settings,
                skip=state.done,
                out=str(self.out) if self.out is not None else None,
                db=self.db,
                send_results=journal is not None,
                key=f"newsgraph-unit-{index:05d}-{unit.key()[:10]}",
                pure=False,
            )
            yield fut, unit, offset

    def _parts_exist(self, index: int, unit: Unit) -> bool:
        if self.out is None:
            return False
        return all((self.out / rel).exists() for rel in part_names(index, unit))

    def _count(self, o: UnitOutcome, unit: Unit | ReaderError, pos: int, journal: Journal | None) -> None:
        s = self.stats
        s.units += 1
        s.records += o.records
        s.articles += o.articles
        s.events += o.events
        s.stored_before += o.stored_before
        s.parquet_files += len(o.files)
        s.rss_mb_per_worker[o.worker] = max(s.rss_mb_per_worker.get(o.worker, 0.0), round(o.rss_mb, 1))
        self.skipped_before += o.stored_before
        if journal is None:  # no store: the errors are logged here (with one, when committed)
            s.failed += o.failed
            for record in o.errors:
                self._log(record)
            if self.progress is not None:
                self.progress.seen(o.records)
                self.progress.article("new", o.articles, events=o.events)
                self.progress.article("failed", o.failed)
                self.progress.advance(pos)
        else:
            s.failed += o.failed
            if self.progress is not None:
                self.progress.seen(o.records)
                self.progress.article("skipped", o.stored_before)

    def _log(self, record: dict[str, Any]) -> None:
        if self.errors is not None:
            self.errors.write(record)
