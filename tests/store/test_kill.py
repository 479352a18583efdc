"""Safe to interrupt: a real process killed with SIGKILL in the middle of a batch, then the
same command run again, leaves exactly the store that one uninterrupted run leaves."""

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

from newsgraph.store import dump
from newsgraph.store.schema import articles
from newsgraph.store.url import parse_db_url

HERE = Path(__file__).parent
N, BATCH = 60, 10


def _count(url: str) -> int:
    """Committed articles, read without running migrations (the writer may be creating tables)."""
    engine = create_engine(parse_db_url(url))
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())
    except Exception:  # noqa: BLE001 - tables not created yet
        return 0
    finally:
        engine.dispose()


def _run(args: list[str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=timeout, check=True
    )


def _kill_once_committed(cmd: list[str], url: str, at_least: int, timeout: float = 300) -> int:
    """Start ``cmd``, SIGKILL it as soon as ``at_least`` articles are committed; returns the
    number of articles the store holds after the kill."""
    proc = subprocess.Popen([sys.executable, *cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + timeout
    try:
        while _count(url) < at_least:
            if proc.poll() is not None:
                pytest.fail(f"the ingest ended before it could be killed: {proc.communicate()}")
            if time.monotonic() > deadline:
                pytest.fail("the first batch was never committed")
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()  # reap it and close its pipes
    assert proc.returncode == -signal.SIGKILL
    return _count(url)


@pytest.fixture
def many_articles(tmp_path: Path) -> Path:
    """24 short hand-written news items (variations on one template), as JSONL."""
    groups = ["Ansaru", "Boko Haram", "al-Shabaab", "Jama'at Nasr al-Islam wal Muslimin"]
    towns = ["Kaduna", "Maiduguri", "Mogadishu", "Gao", "Kano", "Menaka"]
    lines = []
    for i in range(24):
        g, t = groups[i % 4], towns[i % 6]
        text = (
            f"{g} fighters attacked an army post near {t} on Monday, killing {i + 3} soldiers, "
            f"officials said.\n\n"
            f"The government condemned the attack and said troops had arrested {i + 2} suspects in {t}.\n\n"
            f"Residents said the group had threatened the town for weeks (report {i})."
        )
        lines.append(
            json.dumps(
                {
                    "id": f"item-{i}",
                    "title": f"Attack near {t}",
                    "text": text,
                    "published": f"2021-03-{1 + i % 20:02d}",
                    "publisher": ["Wire A", "Wire B"][i % 2],
                }
            )
        )
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_sigkill_mid_batch_then_rerun_equals_a_clean_run(store_url, clean_url):
    cmd = [str(HERE / "slow_ingest.py"), store_url, str(N), str(BATCH)]
    left = _kill_once_committed([*cmd, "0.003"], store_url, at_least=BATCH)
    # Only whole batches survive: the batch being written when the process died is gone.
    assert left % BATCH == 0 and BATCH <= left < N
    _run([*cmd, "0"])
    _run([str(HERE / "slow_ingest.py"), clean_url, str(N), str(BATCH), "0"])
    got, want = dump(store_url), dump(clean_url)
    assert len(want["articles"]) == N
    for table in ("articles", "events", "canonical_events", "sentences", "actors", "places", "meta"):
        assert got[table] == want[table], table


@pytest.mark.slow
def test_sigkill_of_the_cli_then_rerun_equals_a_clean_run(tmp_path, many_articles):
    """Through ``python -m newsgraph.cli_store ingest`` and the real pipeline."""
    killed, clean = str(tmp_path / "killed.db"), str(tmp_path / "clean.db")
    cmd = ["-m", "newsgraph.cli_store", "ingest", str(many_articles), "--batch-size", "4"]
    left = _kill_once_committed([*cmd, "--db", killed], killed, at_least=4)
    assert left % 4 == 0 and 4 <= left
    rerun = _run([*cmd, "--db", killed, "--format", "json"])
    assert json.loads(rerun.stdout)["articles_skipped"] == left
    _run([*cmd, "--db", clean])
    got, want = dump(killed), dump(clean)
    assert len(want["articles"]) == 24
    for table in ("articles", "events", "canonical_events", "sentences", "actors", "places", "meta"):
        assert got[table] == want[table], table
