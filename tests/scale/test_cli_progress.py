"""The ingest command's batch options: the progress bar, the error log, --no-resume; and the
progress figures (time left from bytes, not counting what an earlier run finished)."""

from __future__ import annotations

import json
import time

from click.testing import CliRunner

from newsgraph.cli_store import ingest as ingest_cmd
from newsgraph.scale import Progress, read_error_log


def _run(args, env):
    result = CliRunner().invoke(ingest_cmd, args, env=env, catch_exceptions=False)
    return result


def test_progress_bar_error_log_and_resume(tmp_path, h, count_log):
    a = h.write_jsonl(tmp_path / "a.jsonl", "a", 12, fail={3}, bad={5})
    dup = tmp_path / "dup.jsonl"  # one id, two texts: the store refuses the second
    dup.write_text(
        json.dumps({"id": "same", "text": "First version of the text."})
        + "\n"
        + json.dumps({"id": "same", "text": "Second, different version."})
        + "\n"
    )
    db = tmp_path / "news.db"
    env = {"NEWSGRAPH_ANNOTATOR": h.stub.NAME, "NEWSGRAPH_GEOCODE": "0"}
    r = _run([str(a), str(dup), "--db", str(db), "--progress", "--batch-size", "5"], env)
    assert r.exit_code == 0, r.output
    assert "ingest: 11 articles new" in r.stdout
    assert "100%" in r.stderr and "articles/s" in r.stderr and "left" in r.stderr
    assert f"3 failed document(s) logged in {db}.errors.jsonl" in r.stderr
    log = read_error_log(f"{db}.errors.jsonl")  # the default: next to the store
    by_stage = {rec["stage"]: rec for rec in log}
    assert set(by_stage) == {"read", "pipeline", "store"}
    assert by_stage["read"]["origin"].endswith("a.jsonl#line 6") and by_stage["read"]["id"] is None
    assert by_stage["pipeline"]["id"] == "a-3" and by_stage["pipeline"]["origin"].endswith("a.jsonl#line 4")
    assert by_stage["store"]["id"] == "same" and "ArticleConflict" in by_stage["store"]["error"]
    assert all(rec["time"] for rec in log)

    calls = len(h.nlp_calls(count_log))
    again = _run([str(a), str(dup), "--db", str(db), "--format", "json"], env)
    stats = json.loads(again.stdout)
    assert (stats["articles_new"], stats["articles_resumed"]) == (0, 14)
    assert len(h.nlp_calls(count_log)) == calls and len(read_error_log(f"{db}.errors.jsonl")) == 3

    custom = tmp_path / "logs" / "errors.jsonl"
    fresh = _run([str(a), str(dup), "--db", str(db), "--no-resume", "--error-log", str(custom), "--no-progress"], env)
    assert fresh.exit_code == 0
    assert "error: " in fresh.stderr  # without a bar, failures are also shown as they come
    assert len(read_error_log(custom)) == 3  # tried again: the failures fail again
    # Only the two failures that can be retried go through the NLP again: every other text is stored.
    assert set(h.nlp_calls(count_log)[calls:]) == {"a-3", "same"}


def test_time_left_counts_only_the_work_of_this_run():
    p = Progress(1000, enabled=False)
    p.skip_bytes(500)  # finished by an earlier run: moves the bar, is not speed
    p.t0 = time.monotonic() - 10
    p.advance(750)
    assert abs(p.eta() - 10) < 0.5  # 250 bytes in 10 s; 250 to go
    p.seen(20)
    line = p.line()
    assert "750 B/1.0 kB" in line and "articles/s" in line and "left 00:1" in line
    assert Progress(None, enabled=False).eta() is None  # stdin: no size, no time left


def test_the_bar_draws_on_the_given_stream():
    import io

    out = io.StringIO()
    with Progress(2000, file=out, min_interval=0) as p:
        p.advance(1000)
        p.seen(3)
        p.article("new", 3, events=7)
    text = out.getvalue()
    assert "ingest:" in text and "3 new" in text and "7 events" in text and "50%" in text
