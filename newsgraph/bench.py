"""Benchmarks (what `newsgraph bench` prints, as JSON).

``bench(paths, ...)``: on the same articles, throughput of the parser alone and of the full
pipeline in one process, with ``workers`` processes, and on a LocalCluster of ``dask_workers``;
peak memory of the main process and of each worker; the ingest rate of the results into SQLite
and PostgreSQL (the store alone: the results are made before the clock starts).

``bench_synthetic(corpus, gb, ...)``: a synthetic JSON Lines file of ``gb`` gigabytes built from
a corpus (every record a unique copy) in a temporary directory, ingested whole with ``workers``
processes while the memory of every process is sampled. A full NLP run over a gigabyte takes
many hours on a small machine, so this run uses the null annotator (``null.v1``: no parse, no
events; it measures reading, hashing, the worker pool and the store); ``nlp_seconds`` adds a
time-limited run of the real pipeline (cheapest settings: pre-filter on, no geocoding) on the
same file, killed after that many seconds, then resumed to time how fast the journal skips
the finished part.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from .config import Settings
from .records import Article, ArticleResult


def _load(paths: Iterable[str | Path], limit: int) -> list[Article]:
    from .readers import ReadOptions, read_paths

    out: list[Article] = []
    for item in read_paths(paths, ReadOptions()):
        if isinstance(item, Article):
            out.append(item)
            if len(out) >= limit:
                break
    return out


def _cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _machine() -> dict[str, Any]:
    return {"cpus": os.cpu_count(), "load_average_1_5_15": _load_average(), "python": sys.version.split()[0]}


def _sampler() -> Any:
    try:
        from .scale.memory import MemorySampler

        return MemorySampler()
    except ImportError:  # psutil missing: no per-worker figures
        return None


@contextmanager
def _sampling() -> Iterator[dict[str, Any]]:
    """Yields a dict that holds the memory report once the block ends (empty without psutil)."""
    out: dict[str, Any] = {}
    s = _sampler()
    if s is not None:
        s.start()
    try:
        yield out
    finally:
        if s is not None:
            out.update(s.stop().report())


def bench(
    paths: Iterable[str | Path],
    limit: int = 200,
    workers: int = 1,
    settings: Settings | None = None,
    *,
    dask_workers: int = 0,
    sqlite: bool = True,
    pg: str | None = None,
) -> dict[str, Any]:
    from .nlp.spacy_nlp import load_model
    from .pipeline import Pipeline, run

    settings = settings or Settings.from_env()
    articles = _load(paths, limit)
    if not articles:
        return {"articles": 0}
    chars = sum(len(a.text) for a in articles)
    machine = _machine()
    t0 = time.perf_counter()
    # The baseline is the stock spaCy pipeline parsing every sentence (our memoised rule
    # components are part of what the full pipeline is measured with).
    nlp = load_model(settings.spacy_model, settings.check_model_meta, fast_rules=False)
    load_s = time.perf_counter() - t0

    t0, c0 = time.perf_counter(), _cpu_s()
    n_sent = n_tok = 0
    for doc in nlp.pipe((a.text for a in articles), batch_size=settings.batch_size):
        n_tok += len(doc)
        n_sent += sum(1 for _ in doc.sents)
    parse_s, parse_cpu = time.perf_counter() - t0, _cpu_s() - c0

    t0 = time.perf_counter()
    pipeline = Pipeline(settings)
    load_s += time.perf_counter() - t0
    pipeline.process(articles[0])  # warm caches (gazetteer, KB) outside the timing
    t0, c0 = time.perf_counter(), _cpu_s()
    results: list[ArticleResult] = list(pipeline.process_many(articles))
    full_s, full_cpu = time.perf_counter() - t0, _cpu_s() - c0
    n_events = sum(len(r.events) for r in results)
    n_err = sum(1 for r in results if r.error)

    out: dict[str, Any] = {
        "articles": len(articles),
        "characters": chars,
        "sentences": n_sent,
        "tokens": n_tok,
        "machine": machine,
        "parser_alone": {
            "seconds": round(parse_s, 2),
            "articles_per_s": round(len(articles) / parse_s, 2),
            "sentences_per_s": round(n_sent / parse_s, 1),
            "tokens_per_s": round(n_tok / parse_s, 0),
            "cpu_s": round(parse_cpu, 1),
            "articles_per_cpu_s": round(len(articles) / parse_cpu, 2),
        },
        "full_pipeline_1_process": {
            "seconds": round(full_s, 2),
            "articles_per_s": round(len(articles) / full_s, 2),
            "sentences_per_s": round(n_sent / full_s, 1),
            "events": n_events,
            "errors": n_err,
            "cpu_s": round(full_cpu, 1),
            "articles_per_cpu_s": round(len(articles) / full_cpu, 2),
            "model_load_s": round(load_s, 2),  # spaCy model, knowledge base, coder: once per process
        },
        "overhead_vs_parser": round(full_s / parse_s, 2),
        "peak_rss_mb": round(_peak_mb(), 0),
        "settings": {"prefilter": settings.prefilter, "batch_size": settings.batch_size, "model": settings.spacy_model},
    }
    if workers > 1:
        with _sampling() as mem:
            t0 = time.perf_counter()
            first = None
            n = 0
            for _ in run(iter(articles), settings, workers=workers):
                n += 1
                if first is None:
                    first = time.perf_counter() - t0
            par_s = time.perf_counter() - t0
        out[f"full_pipeline_{workers}_workers"] = {
            "seconds": round(par_s, 2),
            "articles_per_s": round(n / par_s, 2),
            "first_result_s": round(first or 0.0, 2),
            "worker_peak_rss_mb": mem.get("workers_peak_mb"),
            "main_cpu_s": mem.get("main_cpu_s"),
            "workers_cpu_s": mem.get("workers_cpu_s"),
            "note": "includes starting the workers and loading the model in each (about model_load_s)",
        }
    if dask_workers > 0:
        out[f"dask_local_{dask_workers}_workers"] = _bench_dask(articles, settings, dask_workers)
    if sqlite or pg:
        out["store_ingest"] = _bench_stores(results, sqlite=sqlite, pg=pg)
    out["machine"]["load_average_after"] = _load_average()
    return out


def _bench_dask(articles: list[Article], settings: Settings, n_workers: int) -> dict[str, Any]:
    """The same articles as a JSON Lines file, on a LocalCluster: one task per range of about
    a quarter of a worker's share; Parquet partitions out (no store)."""
    from .scale.dask import PipelinePlugin, connect, dask_ingest

    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-dask-") as tmp:
        src = Path(tmp) / "articles.jsonl"
        with open(src, "w", encoding="utf-8") as f:
            for a in articles:
                f.write(json.dumps({"id": a.id, "title": a.title, "text": a.text, "published": a.published}) + "\n")
        part_mb = src.stat().st_size / (4 * n_workers) / 1e6
        t0 = time.perf_counter()
        with _sampling() as mem:
            client, cluster = connect("local", n_workers, dashboard_address=None)
            try:
                client.register_plugin(PipelinePlugin(settings), name="newsgraph-pipeline")
                start_s = time.perf_counter() - t0
                stats = dask_ingest(
                    [src],
                    client,
                    out=Path(tmp) / "out",
                    settings=settings,
                    partition_mb=part_mb,
                    on_dashboard=lambda _: None,
                )
            finally:
                client.close()
                cluster.close()
    return {
        "seconds": round(stats.seconds, 2),
        "articles_per_s": round(stats.articles / stats.seconds, 2) if stats.seconds else None,
        "tasks": stats.units,
        "events": stats.events,
        "cluster_start_and_model_load_s": round(start_s, 2),
        "worker_peak_rss_mb": mem.get("workers_peak_mb"),
        "workers_cpu_s": mem.get("workers_cpu_s"),
        "note": "processes=True, threads_per_worker=1; seconds exclude starting the cluster and loading the models",
    }


def _bench_stores(results: list[ArticleResult], *, sqlite: bool, pg: str | None) -> dict[str, Any]:
    from .store import ingest
    from .store.bench import scratch_postgres, scratch_sqlite

    out: dict[str, Any] = {}
    events = sum(len(r.events) for r in results if not r.error)

    def one(url: str) -> dict[str, Any]:
        t0, c0 = time.perf_counter(), _cpu_s()
        stats = ingest(results, url)
        s, cpu = time.perf_counter() - t0, _cpu_s() - c0
        return {
            "articles": stats.articles_new,
            "events": events,
            "seconds": round(s, 3),
            "client_cpu_s": round(cpu, 2),
            "articles_per_s": round(stats.articles_new / s, 1),
            "events_per_s": round(events / s, 1),
        }

    if sqlite:
        with scratch_sqlite() as url:
            out["sqlite"] = one(url)
    if pg:
        try:
            with scratch_postgres(pg) as url:
                out["postgresql"] = one(url)
        except Exception as exc:  # noqa: BLE001 - a bench without PostgreSQL still reports the rest
            out["postgresql"] = {"error": f"{type(exc).__name__}: {exc}"}
    out["note"] = "the store alone (writes, clustering, transactions): the results were made before the clock"
    return out


# -- the synthetic gigabyte -----------------------------------------------------------------------------
def synthesize_jsonl(corpus: Iterable[str | Path], path: Path, target_bytes: int) -> dict[str, Any]:
    """Write a JSON Lines file of at least ``target_bytes``: the corpus's articles over and over,
    each copy with its own id and a text of its own (a copy number added), so nothing is a
    duplicate the store would skip. Streams: the corpus is read once into memory (a few MB)."""
    from .readers import read_paths

    base = [a for a in read_paths(corpus) if isinstance(a, Article)]
    if not base:
        raise click.ClickException("The corpus holds no readable articles.")
    written = n = copy = 0
    with open(path, "w", encoding="utf-8") as f:
        while written < target_bytes:
            copy += 1
            for a in base:
                rec = {
                    "id": f"{a.id}~{copy}",
                    "title": a.title,
                    "text": f"{a.text}\n\n(Copy {copy} of {a.id}.)",
                    "published": a.published,
                    "publisher": a.publisher,
                }
                line = json.dumps(rec, ensure_ascii=False) + "\n"
                f.write(line)
                written += len(line.encode("utf-8"))
                n += 1
                if written >= target_bytes:
                    break
    return {"path": str(path), "articles": n, "bytes": written, "corpus_articles": len(base), "copies": copy}


def bench_synthetic(
    corpus: Iterable[str | Path],
    gb: float = 1.0,
    *,
    workers: int = 2,
    nlp_seconds: float = 0,
    pg: str | None = None,
    keep: str | Path | None = None,
) -> dict[str, Any]:
    """Build the synthetic file (in a temporary directory, or ``keep``), ingest it whole into
    SQLite (and PostgreSQL) with the null annotator and ``workers`` processes, sampling memory;
    with ``nlp_seconds``, also run the real pipeline on it for that long (see the module doc)."""
    from . import scale  # noqa: F401
    from .scale import stub
    from .store import ingest
    from .store.bench import scratch_postgres

    out: dict[str, Any] = {"machine": _machine(), "workers": workers}
    tmp_ctx = tempfile.TemporaryDirectory(prefix="newsgraph-bench-synth-") if keep is None else None
    tmp = Path(tmp_ctx.name) if tmp_ctx is not None else Path(keep)  # type: ignore[arg-type]
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        out["file"] = synthesize_jsonl(corpus, tmp / "synthetic.jsonl", int(gb * 1e9))
        out["file"]["write_s"] = round(time.perf_counter() - t0, 1)
        src = out["file"]["path"]
        settings = Settings.from_env(annotator=stub.NAME, geocode=False)

        def stream(url: str) -> dict[str, Any]:
            with _sampling() as mem:
                t = time.perf_counter()
                stats = ingest([src], url, settings=settings, workers=workers)
                s = time.perf_counter() - t
            return {
                "articles_new": stats.articles_new,
                "failed": stats.articles_failed,
                "seconds": round(s, 1),
                "articles_per_s": round(stats.articles_new / s, 1),
                "mb_per_s": round(out["file"]["bytes"] / 1e6 / s, 2),
                "memory": mem,
                "load_average_after": _load_average(),
            }

        out["null_annotator_sqlite"] = stream(str(tmp / "synthetic.db"))
        out["null_annotator_sqlite"]["store_mb"] = round(
            sum(p.stat().st_size for p in tmp.glob("synthetic.db*")) / 1e6, 1
        )
        for p in tmp.glob("synthetic.db*"):
            p.unlink()
        if pg:
            with scratch_postgres(pg) as url:
                out["null_annotator_postgresql"] = stream(url)
        if nlp_seconds > 0:
            out["real_nlp_time_limited"] = _nlp_for(src, tmp / "nlp.db", workers, nlp_seconds)
    finally:
        if tmp_ctx is not None:
            tmp_ctx.cleanup()
    out["note"] = (
        "null_annotator: the streaming path over the whole file (reader, hashing, worker pool, store) "
        "with no parse; real_nlp_time_limited: the real pipeline (pre-filter on, no geocoding) on the same "
        "file, killed after the time limit, then resumed"
    )
    return out


def _nlp_for(src: str, db: Path, workers: int, seconds: float) -> dict[str, Any]:
    """Run the ingest command with the real pipeline for ``seconds``, sampling the memory of its
    process tree; kill it; count what it committed; then resume and time how long the rerun
    takes to get past the finished records (its first new commit)."""
    from sqlalchemy import create_engine, func, select

    from .scale.memory import MemorySampler
    from .store.schema import articles

    env = {**os.environ, "NEWSGRAPH_PREFILTER": "1", "NEWSGRAPH_GEOCODE": "0"}
    cmd = [
        sys.executable,
        "-m",
        "newsgraph.cli_store",
        "ingest",
        src,
        "--db",
        str(db),
        "--workers",
        str(workers),
        "--no-progress",
    ]

    def count() -> int:
        engine = create_engine(f"sqlite:///{db}")
        try:
            with engine.connect() as conn:
                return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())
        except Exception:  # noqa: BLE001 - not created yet
            return 0
        finally:
            engine.dispose()

    def run_for(limit: float, stop_at_first_commit: bool = False) -> tuple[float, float | None, dict[str, Any]]:
        """(seconds run, seconds to the first new commit, memory report)."""
        before = count()
        proc = subprocess.Popen(
            cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        sampler = MemorySampler(proc.pid).start()
        t0 = time.perf_counter()
        first: float | None = None
        try:
            while time.perf_counter() - t0 < limit and proc.poll() is None:
                if first is None and count() > before:
                    first = time.perf_counter() - t0
                    if stop_at_first_commit:
                        break
                time.sleep(0.25)
        finally:
            took = time.perf_counter() - t0
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            sampler.stop()
        return took, first, sampler.report()

    took, first, mem = run_for(seconds)
    done = count()
    skip_s = _skip_time(src, done)
    _, first_again, _ = run_for(max(seconds, 120), stop_at_first_commit=True)
    return {
        "seconds": round(took, 1),
        "articles_committed": done,
        "articles_per_s": round(done / took, 2),
        "first_commit_s": round(first, 1) if first is not None else None,
        "memory": mem,
        "resumed_run_first_commit_s": round(first_again, 1) if first_again is not None else None,
        "skip_finished_records_s": round(skip_s, 2),
        "note": (
            "includes starting the workers and loading the model; killed with SIGKILL at the limit. "
            "skip_finished_records_s: what a resumed run spends getting past the records the journal "
            "marks finished (reading them, nothing else); its first commit also waits for the NLP on a "
            "batch and for clustering it against the larger store"
        ),
        "load_average_after": _load_average(),
    }


def _skip_time(src: str, done: int) -> float:
    """Seconds to read past the first ``done`` records, as a resumed run does."""
    from .scale.inputs import plan, read_unit

    (unit,) = plan([src])
    assert not isinstance(unit, Exception)
    t0 = time.perf_counter()
    for i, _ in enumerate(read_unit(unit)):
        if i + 1 >= done:
            break
    return time.perf_counter() - t0


# -- the command -------------------------------------------------------------------------------------------
@click.command("bench")
@click.argument("paths", nargs=-1)
@click.option("--limit", type=int, default=200, show_default=True, help="articles to time")
@click.option("--workers", type=int, default=1, show_default=True, help="also time N worker processes")
@click.option("--dask-workers", type=int, default=0, show_default=True, help="also time a LocalCluster of N workers")
@click.option("--prefilter/--no-prefilter", default=None, help="parse only sentences that can hold an event")
@click.option("--pg", metavar="URL", help="also time ingest into PostgreSQL (a scratch schema of this database)")
@click.option("--no-store", is_flag=True, help="skip the store ingest timings")
@click.option("--synthetic-gb", type=float, help="build a synthetic JSON Lines file of this many GB and stream it")
@click.option("--corpus", multiple=True, metavar="PATH", help="articles to build the synthetic file from")
@click.option(
    "--nlp-seconds",
    type=float,
    default=0,
    show_default=True,
    help="with --synthetic-gb: also run the real pipeline on it this long",
)
@click.option(
    "--keep", metavar="DIR", help="with --synthetic-gb: build it here and keep it (default: a temporary directory)"
)
def bench_command(
    paths: tuple[str, ...],
    limit: int,
    workers: int,
    dask_workers: int,
    prefilter: bool | None,
    pg: str | None,
    no_store: bool,
    synthetic_gb: float | None,
    corpus: tuple[str, ...],
    nlp_seconds: float,
    keep: str | None,
) -> None:
    """Throughput: the parser alone vs the full pipeline, in 1 process, N workers and a Dask
    LocalCluster; peak memory per worker; store ingest rates. --synthetic-gb: a synthetic dump
    streamed whole, with the memory of every process."""
    if synthetic_gb:
        if not corpus:
            raise click.UsageError("--synthetic-gb needs --corpus PATH (JSON Lines articles to copy).")
        result = bench_synthetic(
            corpus, synthetic_gb, workers=max(workers, 1), nlp_seconds=nlp_seconds, pg=pg, keep=keep
        )
    else:
        if not paths:
            raise click.UsageError("Give the articles to time (PATHS), or --synthetic-gb with --corpus.")
        settings = Settings.from_env(prefilter=prefilter)
        result = bench(
            paths,
            limit=limit,
            workers=workers,
            settings=settings,
            dask_workers=dask_workers,
            sqlite=not no_store,
            pg=pg,
        )
    click.echo(json.dumps(result, indent=2))


if __name__ == "__main__":  # pragma: no cover
    bench_command()
