"""The pipeline on a Dask LocalCluster (2 worker processes, one thread each): the same events,
event for event, as one process; the same store as a single-process ingest; big JSON Lines
files split into ranges; reruns skip finished partitions."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from newsgraph.config import Settings  # noqa: E402
from newsgraph.readers import read_paths  # noqa: E402
from newsgraph.scale.dask import dask_ingest  # noqa: E402
from newsgraph.store import dump, ingest  # noqa: E402

pytestmark = pytest.mark.slow

ARTICLES = Path(__file__).parents[1] / "data" / "articles"
FILES = ["congo-m23.txt", "kenya-alshabaab.txt", "yemen-houthis.txt"]
IN_JSONL = ["pledge-1.txt", "pledge-2.txt", "pledge-3.txt", "sudan-rsf.txt"]


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    d = tmp_path_factory.mktemp("dask-in")
    lines = [
        json.dumps({"id": name.removesuffix(".txt"), "text": (ARTICLES / name).read_text(), "published": "2022-01-11"})
        for name in IN_JSONL
    ]
    lines.insert(2, "{not json")
    big = d / "dump.jsonl"
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(ARTICLES / f) for f in FILES] + [str(big)]


def _records(out: Path) -> list[dict]:
    import pyarrow.parquet as pq

    rows = []
    for part in sorted((out / "events").glob("part-*.parquet")):
        rows.extend(json.loads(r) for r in pq.read_table(part).column("record").to_pylist())
    return rows


def test_dask_gives_the_events_and_store_of_one_process(client, inputs, pipeline, tmp_path):
    t0 = time.monotonic()
    settings: Settings = pipeline.settings
    # One process: the same reader, the same pipeline, in order.
    single = list(pipeline.process_many(read_paths(inputs)))
    want = [json.loads(json.dumps(e.to_dict(), default=str)) for r in single for e in r.events]
    assert len(want) > 40 and sum(1 for r in single if r.error) == 1

    out, db = tmp_path / "out", str(tmp_path / "dask.db")
    links: list[str] = []
    stats = dask_ingest(
        inputs,
        client,
        out=out,
        db=db,
        settings=settings,
        partition_mb=0.001,
        on_dashboard=links.append,
        error_log=tmp_path / "errors.jsonl",
    )
    assert stats.workers == 2 and len(stats.rss_mb_per_worker) == 2
    assert stats.units > len(inputs)  # the JSON Lines file went out in several ranges
    assert links and links[0].startswith("http")
    got = _records(out)
    assert [e["id"] for e in got] == [e["id"] for e in want]
    assert got == want  # every field of every event

    # The store: what a single-process ingest of the same results leaves.
    ref = str(tmp_path / "single.db")
    ingest(single, ref)
    a, b = dump(db), dump(ref)
    for table in ("articles", "events", "canonical_events", "sentences", "actors", "places"):
        assert a[table] == b[table], table
    assert stats.store.articles_new == 7 and stats.store.articles_failed == 1
    log = [json.loads(line) for line in (tmp_path / "errors.jsonl").read_text().splitlines()]
    assert len(log) == 1 and log[0]["origin"].endswith("dump.jsonl#line 3") and log[0]["stage"] == "read"

    # A rerun finds everything finished: nothing is sent to the workers.
    again = dask_ingest(inputs, client, out=out, db=db, settings=settings, partition_mb=0.001)
    assert again.units == 0 and again.units_skipped == stats.units
    assert again.store.articles_new == 0 and dump(db) == a

    # Parquet only: a lost partition is made again, the others are kept.
    lost = sorted((out / "events").glob("part-*.parquet"))[1]
    lost.unlink()
    only = dask_ingest(inputs, client, out=out, settings=settings, partition_mb=0.001)
    assert only.units == 1 and only.units_skipped == stats.units - 1 and only.store is None
    assert _records(out) == want
    assert time.monotonic() - t0 < 60


def test_the_ingest_command_on_a_cluster(client, inputs, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from newsgraph.cli_store import ingest as ingest_cmd

    out = tmp_path / "parts"
    args = [*inputs, "--dask", client.scheduler.address, "--out", str(out), "--partition-mb", "0", "--format", "json"]
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)
    r = CliRunner().invoke(ingest_cmd, args, catch_exceptions=False)
    assert not (here / "newsgraph.db").exists()  # no store without --db
    assert r.exit_code == 0, r.output
    stats = json.loads(r.stdout)
    assert stats["units"] == 4 and stats["articles"] == 7 and stats["store"] is None
    assert "Dask dashboard: http" in r.stderr
    assert len(list((out / "events").glob("*.parquet"))) == 4
    assert (tmp_path / "parts.errors.jsonl").exists()  # the error log goes next to --out
