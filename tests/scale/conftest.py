"""Fixtures for the scale tests: the counting stand-in for the NLP (stub_ingest.py), and small
JSON Lines inputs with unique texts."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

HERE = Path(__file__).parent
STUB_SCRIPT = HERE / "stub_ingest.py"


def _load_stub():
    spec = importlib.util.spec_from_file_location("newsgraph_test_stub_ingest", STUB_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


STUB = _load_stub()  # registers counting.v1 in this process (forked workers inherit it)


def write_jsonl(path: Path, prefix: str, n: int, *, fail: set[int] = frozenset(), bad: set[int] = frozenset()) -> Path:
    """``n`` records with ids PREFIX-i and unique texts; ``fail``: records whose text makes the
    counting annotator raise; ``bad``: lines that are not JSON."""
    lines = []
    for i in range(n):
        if i in bad:
            lines.append("{this is not json")
            continue
        word = "FAIL" if i in fail else "ok"
        text = f"Report {prefix} number {i}: the council met in the capital on Monday ({word})."
        lines.append(json.dumps({"id": f"{prefix}-{i}", "text": text, "published": "2021-03-01"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def count_log(tmp_path, monkeypatch) -> Path:
    """The file the counting annotator appends article ids to (this process and its workers)."""
    log = tmp_path / "nlp-calls.txt"
    monkeypatch.setenv("NEWSGRAPH_TEST_COUNT_LOG", str(log))
    return log


def nlp_calls(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").split() if log.exists() else []


def stub_settings(**kw):
    from newsgraph.config import Settings

    return Settings.from_env(**{"annotator": STUB.NAME, "geocode": False, "batch_size": 2, **kw})


@pytest.fixture(scope="session")
def h():
    """The helpers above, for test modules (which cannot import this conftest by name)."""
    from types import SimpleNamespace

    return SimpleNamespace(
        write_jsonl=write_jsonl, nlp_calls=nlp_calls, stub_settings=stub_settings, stub=STUB, script=STUB_SCRIPT
    )
