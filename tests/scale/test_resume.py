"""Resume: a run killed with SIGKILL, then run again, does not run the NLP again on documents an
earlier run finished (stored, or failed and logged), does not even open finished files, and
leaves exactly the store of one uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from newsgraph.scale import read_error_log
from newsgraph.scale.journal import KEY_PREFIX
from newsgraph.store import dump, ingest
from newsgraph.store.schema import articles, meta
from newsgraph.store.url import parse_db_url

BATCH = 4


def _count(url: str) -> int:
    engine = create_engine(parse_db_url(url))
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())
    except Exception:  # noqa: BLE001 - tables not created yet
        return 0
    finally:
        engine.dispose()


def _stored_ids(url: str) -> set[str]:
    engine = create_engine(parse_db_url(url))
    with engine.connect() as conn:
        ids = {r[0] for r in conn.execute(select(articles.c.id))}
    engine.dispose()
    return ids


def _journal(url: str) -> dict[str, dict]:
    engine = create_engine(parse_db_url(url))
    with engine.connect() as conn:
        rows = conn.execute(select(meta.c.key, meta.c.value).where(meta.c.key.like(KEY_PREFIX + "%"))).all()
    engine.dispose()
    return {json.loads(v)["path"]: json.loads(v) for _k, v in rows}


@pytest.fixture
def inputs(tmp_path, h) -> list[str]:
    d = tmp_path / "in"
    d.mkdir()
    a = h.write_jsonl(d / "a.jsonl", "a", 10, fail={1}, bad={6})
    b = h.write_jsonl(d / "b.jsonl", "b", 10, fail={7})
    c = h.write_jsonl(d / "c.jsonl", "c", 10)
    return [str(a), str(b), str(c)]


def _kill_once_committed(cmd: list[str], url: str, at_least: int, env: dict[str, str]) -> None:
    proc = subprocess.Popen(
        [sys.executable, *cmd],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    try:
        while _count(url) < at_least:
            if proc.poll() is not None:
                pytest.fail(f"the ingest ended before it could be killed: {proc.communicate()}")
            if time.monotonic() > deadline:
                pytest.fail("nothing was committed in time")
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its worker processes, at once
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.parametrize("workers", [1, 2])
def test_a_killed_run_resumes_without_redoing_finished_documents(tmp_path, h, inputs, workers, count_log, monkeypatch):
    url = str(tmp_path / "killed.db")
    env = {**os.environ, "NEWSGRAPH_TEST_COUNT_LOG": str(tmp_path / "first-run.txt"), "NEWSGRAPH_TEST_DELAY": "0.1"}
    _kill_once_committed([str(h.script), url, str(workers), str(BATCH), *inputs], url, 13, env)

    stored = _stored_ids(url)
    journal = _journal(url)
    a_path = inputs[0]
    # a.jsonl is finished, its failed record (a-1) and its bad line included; b.jsonl is under way.
    assert journal[a_path]["complete"] and journal[a_path]["done"] == 10
    finished = {f"a-{i}" for i in range(10)} | {f"b-{i}" for i in range(journal.get(inputs[1], {}).get("done", 0))}
    assert stored <= finished and "a-1" not in stored

    # The rerun, in this process: count NLP calls and store look-ups.
    import importlib

    import newsgraph.scale.feed as feed_mod

    ingest_mod = importlib.import_module("newsgraph.store.ingest")  # the package's ingest is the function
    lookups: list[str] = []
    real_stored = ingest_mod._stored
    monkeypatch.setattr(ingest_mod, "_stored", lambda store, a: lookups.append(a.id) or real_stored(store, a))
    opened: list[str] = []
    real_read = feed_mod.read_unit
    monkeypatch.setattr(feed_mod, "read_unit", lambda unit, o: opened.append(unit.path) or real_read(unit, o))

    stats = ingest(
        inputs, url, settings=h.stub_settings(), workers=1, batch_size=BATCH, error_log=url + ".errors.jsonl"
    )
    redone = set(h.nlp_calls(count_log))
    assert not redone & finished  # no NLP on what the killed run finished, failures included
    assert redone  # and the rest was done
    assert a_path not in opened  # a finished file is not even opened
    assert not set(lookups) & finished  # nor are finished records looked up in the store
    assert stats.articles_resumed == sum(j["done"] for j in journal.values())

    # The end result is the store of one uninterrupted run (journal included).
    clean = str(tmp_path / "clean.db")
    ingest(inputs, clean, settings=h.stub_settings(), workers=1, batch_size=BATCH)
    got, want = dump(url), dump(clean)
    assert len(want["articles"]) == 27  # 30 records: one bad line, two failures
    for table in ("articles", "events", "canonical_events", "meta"):
        assert got[table] == want[table], table
    # Each failure is in the error log, logged by one of the two runs.
    logged = [r["origin"] or r["id"] for r in read_error_log(url + ".errors.jsonl")]
    assert any(o.endswith("a.jsonl#line 2") for o in logged)  # a-1, failed in the pipeline
    assert any(o.endswith("a.jsonl#line 7") for o in logged)  # the bad line
    assert any(o.endswith("b.jsonl#line 8") for o in logged)  # b-7


def test_finished_files_are_skipped_unopened_until_they_change(tmp_path, h, inputs, count_log, monkeypatch):
    url = str(tmp_path / "s.db")
    first = ingest(inputs, url, settings=h.stub_settings(), batch_size=BATCH)
    assert (first.articles_new, first.articles_failed) == (27, 3)
    calls = len(h.nlp_calls(count_log))
    before = dump(url)

    import newsgraph.scale.feed as feed_mod

    opened: list[str] = []
    real_read = feed_mod.read_unit
    monkeypatch.setattr(feed_mod, "read_unit", lambda unit, o: opened.append(unit.path) or real_read(unit, o))
    again = ingest(inputs, url, settings=h.stub_settings(), batch_size=BATCH)
    assert opened == [] and len(h.nlp_calls(count_log)) == calls
    assert (again.articles_new, again.articles_skipped, again.articles_resumed, again.articles_failed) == (0, 30, 30, 0)
    assert dump(url) == before  # journal included: nothing to record

    # Another default date reads the files again (other articles could come out); stored texts
    # are still skipped before the NLP, the failed ones are tried again; the journal is unchanged.
    redo = ingest(inputs, url, settings=h.stub_settings(), batch_size=BATCH, published="2021-05-05")
    assert len(opened) == 3 and redo.articles_resumed == 0 and redo.articles_new == 0
    assert dump(url) == before

    # A file that changed is read again; --no-resume reads them all.
    Path(inputs[2]).write_text(Path(inputs[2]).read_text() + json.dumps({"text": "A new line"}) + "\n")
    opened.clear()
    more = ingest(inputs, url, settings=h.stub_settings(), batch_size=BATCH)
    assert opened == [inputs[2]] and more.articles_new == 1
    opened.clear()
    ingest(inputs, url, settings=h.stub_settings(), batch_size=BATCH, resume=False)
    assert opened == inputs
