"""Store benchmark: ingest rate of synthetic ArticleResults into SQLite and PostgreSQL.

The results are made before the clock starts (no NLP), so the numbers measure the store:
writes, clustering and transactions. Run ``python -m newsgraph.store.bench --n 2000
--pg postgresql://postgres@127.0.0.1:5432/test``; PostgreSQL runs in a scratch schema that is
dropped afterwards.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .ingest import DEFAULT_BATCH_SIZE, ingest
from .store import open_store
from .synthetic import synthetic_results


def bench_store(
    url: str,
    n: int = 1000,
    *,
    events_per_article: int = 5,
    batch_size: int = DEFAULT_BATCH_SIZE,
    seed: int = 0,
    memory: bool = False,
) -> dict[str, Any]:
    """Ingest ``n`` synthetic articles into the (empty) store at ``url``, then again (all
    skipped). ``memory``: also stream ``n`` more articles under tracemalloc and report the peak
    of memory allocated meanwhile (flat in ``n`` when ingest streams)."""
    results = list(synthetic_results(n, seed=seed, events_per_article=events_per_article))
    t0 = time.perf_counter()
    first = ingest(results, url, batch_size=batch_size)
    t1 = time.perf_counter()
    again = ingest(results, url, batch_size=batch_size)
    t2 = time.perf_counter()
    with open_store(url) as store:
        counts = store.counts()
    out: dict[str, Any] = {
        "store": url.split("://", 1)[0].split("+")[0] if "://" in url else "sqlite",
        "articles": n,
        "events": first.events,
        "canonical_events": counts["canonical_events"],
        "batch_size": batch_size,
        "seconds": round(t1 - t0, 3),
        "articles_per_s": round(n / (t1 - t0), 1),
        "events_per_s": round(first.events / (t1 - t0), 1),
        "rerun_articles_per_s": round(n / (t2 - t1), 1),
        "rerun_new": again.articles_new,
    }
    del results
    if memory:
        tracemalloc.start()
        stats = ingest(
            synthetic_results(n, seed=seed + 1, events_per_article=events_per_article),
            url,
            batch_size=batch_size,
        )
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out["streamed_articles"] = stats.articles_new
        out["streamed_peak_mb"] = round(peak / 1e6, 1)
    return out


@contextmanager
def scratch_sqlite() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmp:
        yield str(Path(tmp) / "bench.db")


@contextmanager
def scratch_postgres(base_url: str) -> Iterator[str]:
    """A URL whose tables live in a new schema of ``base_url``'s database, dropped afterwards."""
    import psycopg
    from sqlalchemy.engine import make_url

    schema = f"ng_bench_{uuid.uuid4().hex[:10]}"
    plain = base_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--n", type=int, default=1000, help="synthetic articles")
    ap.add_argument("--events-per-article", type=int, default=5)
    ap.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    ap.add_argument("--pg", metavar="URL", help="also PostgreSQL (a scratch schema in this database)")
    ap.add_argument("--memory", action="store_true", help="also measure peak memory of a streamed ingest")
    args = ap.parse_args(argv)
    kw = dict(
        n=args.n, events_per_article=args.events_per_article, batch_size=args.batch_size, memory=args.memory
    )
    with scratch_sqlite() as url:
        print(json.dumps(bench_store(url, **kw)))
    if args.pg:
        with scratch_postgres(args.pg) as url:
            print(json.dumps(bench_store(url, **kw)))


if __name__ == "__main__":  # pragma: no cover
    main()
