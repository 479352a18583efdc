"""The store commands: thin wrappers over the library, JSON out, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli_store import events as events_cmd
from newsgraph.cli_store import ingest as ingest_cmd
from newsgraph.cli_store import main
from newsgraph.cli_store import recluster as recluster_cmd
from newsgraph.store import events, ingest

PLEDGE = Path(__file__).parent / "data" / "pledge.jsonl"


@pytest.fixture
def url(store_url, pledge):
    ingest(pledge, store_url)
    return store_url


def test_events_prints_a_json_array_of_what_the_library_returns(url):
    result = CliRunner().invoke(
        events_cmd, ["--db", url, "--actor", "Ansaru", "--since", "2022-01-01", "--until", "2022-01-31"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == events(url, actor="Ansaru", since="2022-01-01", until="2022-01-31")


def test_events_as_json_lines_and_by_page(url):
    lines = CliRunner().invoke(events_cmd, ["--db", url, "--format", "jsonl"]).stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [r["id"] for r in events(url)]
    page = CliRunner().invoke(events_cmd, ["--db", url, "--limit", "2"])
    assert len(json.loads(page.stdout)) == 2
    assert "next cursor: " in page.stderr
    cursor = page.stderr.split("next cursor: ")[1].split()[0]
    rest = CliRunner().invoke(events_cmd, ["--db", url, "--cursor", cursor])
    assert [r["id"] for r in json.loads(page.stdout) + json.loads(rest.stdout)] == [
        r["id"] for r in events(url)
    ]


def test_errors_are_one_line_and_exit_1(url, tmp_path):
    result = CliRunner().invoke(events_cmd, ["--db", url, "--actor", "Zorgon Liberation Front"])
    assert result.exit_code == 1 and "Error: No actor matches 'Zorgon Liberation Front'" in result.stderr
    missing = CliRunner().invoke(events_cmd, ["--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "Ingest articles first" in missing.stderr


def test_nothing_readable_fails_and_leaves_an_empty_store(tmp_path):
    db = str(tmp_path / "empty.db")
    failed = CliRunner().invoke(ingest_cmd, [str(tmp_path / "nothing-*.jsonl"), "--db", db])
    assert failed.exit_code == 1
    assert "0 articles new, 0 skipped (already stored), 1 failed" in failed.stdout
    assert "nothing-*.jsonl: no files match" in failed.stderr
    result = CliRunner().invoke(events_cmd, ["--db", db])
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_recluster_command(url):
    result = CliRunner().invoke(recluster_cmd, ["--db", url, "--window-days", "5"])
    assert result.exit_code == 0 and "recluster: 4 canonical events" in result.stdout


def test_the_db_defaults_to_a_file_in_the_working_directory(tmp_path, monkeypatch, pledge):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSGRAPH_DB", raising=False)
    ingest(pledge, "newsgraph.db")
    result = CliRunner().invoke(events_cmd, ["--dyad", "Ansaru,AQIM"])
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 2


def test_the_module_runs_on_its_own():
    out = subprocess.run(
        [sys.executable, "-m", "newsgraph.cli_store", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert all(cmd in out for cmd in ("ingest", "events", "recluster"))
    assert {c for c in main.commands} == {"ingest", "events", "recluster"}


@pytest.mark.slow
def test_ingest_command_through_the_pipeline(tmp_path):
    db = str(tmp_path / "news.db")
    result = CliRunner().invoke(ingest_cmd, [str(PLEDGE), "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["articles_new"] == 4 and stats["articles_failed"] == 0 and stats["events"] >= 3
    again = CliRunner().invoke(ingest_cmd, [str(PLEDGE), "--db", db])
    assert "0 articles new, 4 skipped" in again.stdout
