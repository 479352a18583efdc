"""``newsgraph serve`` (newsgraph/cli_serve.py) and where the write token comes from.
uvicorn.run is replaced: nothing listens."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

pytest.importorskip("uvicorn", reason="serve needs uvicorn")

TOKEN = "cli-token-0123456789abcdef"


@pytest.fixture
def ran(monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    monkeypatch.delenv("NEWSGRAPH_API_TOKEN", raising=False)
    return calls


def _serve(args, env=None):
    from newsgraph.cli_serve import serve

    return CliRunner().invoke(serve, args, env=env or {}, catch_exceptions=False)


@pytest.mark.slow
def test_serve_binds_localhost_by_default_and_never_prints_the_token(store_path, ran):
    r = _serve(["--db", str(store_path)], env={"NEWSGRAPH_API_TOKEN": TOKEN})
    assert r.exit_code == 0, r.output
    app, kw = ran[0]
    assert kw["host"] == "127.0.0.1" and kw["port"] == 8000
    assert app.state.newsgraph.token == TOKEN
    assert TOKEN not in r.output
    assert "writes need the token" in r.output


@pytest.mark.slow
def test_serve_without_token_is_read_only_and_warns_off_localhost(store_path, ran):
    r = _serve(["--db", str(store_path), "--host", "0.0.0.0", "--port", "9001"])
    assert r.exit_code == 0, r.output
    app, kw = ran[0]
    assert app.state.newsgraph.token is None and kw["host"] == "0.0.0.0" and kw["port"] == 9001
    assert "read-only" in r.output and "warning" in r.output


@pytest.mark.slow
def test_serve_token_file(store_path, ran, tmp_path):
    f = tmp_path / "token"
    f.write_text(TOKEN + "\n")
    os.chmod(f, 0o600)
    r = _serve(["--db", str(store_path), "--token-file", str(f)])
    assert r.exit_code == 0, r.output
    assert ran[0][0].state.newsgraph.token == TOKEN and TOKEN not in r.output
    os.chmod(f, 0o644)
    r = _serve(["--db", str(store_path), "--token-file", str(f)])
    assert r.exit_code != 0 and "chmod 600" in r.output and TOKEN not in r.output


def test_serve_refuses_a_missing_store_unless_create(ran, tmp_path):
    r = _serve(["--db", str(tmp_path / "missing.db")])
    assert r.exit_code != 0 and "no store" in r.output.lower()
    r = _serve(["--db", str(tmp_path / "new.db"), "--create"])
    assert r.exit_code == 0, r.output


def test_load_token_rules(tmp_path):
    from newsgraph.api.auth import load_token
    from newsgraph.errors import ConfigError

    assert load_token(env={}) is None
    assert load_token(env={"NEWSGRAPH_API_TOKEN": f"  {TOKEN} "}) == TOKEN
    with pytest.raises(ConfigError, match="too short"):
        load_token(env={"NEWSGRAPH_API_TOKEN": "short"})
    empty = tmp_path / "empty"
    empty.write_text("\n")
    os.chmod(empty, 0o600)
    with pytest.raises(ConfigError, match="empty"):
        load_token(empty, env={})
    with pytest.raises(ConfigError, match="cannot read"):
        load_token(tmp_path / "nope", env={})


@pytest.mark.slow
def test_loopback_server_answers_only_to_local_host_names(store_path, ran, envelope_ok):
    from fastapi.testclient import TestClient

    r = _serve(["--db", str(store_path)])
    assert r.exit_code == 0, r.output
    app = ran[0][0]
    for good in ("127.0.0.1:8000", "localhost", "[::1]:8000"):
        c = TestClient(app, base_url=f"http://{good}")
        assert c.get("/api/stats").status_code == 200, good
    evil = TestClient(app, base_url="http://attacker.example:8000")
    envelope_ok(evil.get("/api/stats"), 400)
    r = _serve(["--db", str(store_path), "--allow-host", "news.example.org"])
    c = TestClient(ran[-1][0], base_url="http://news.example.org")
    assert c.get("/api/stats").status_code == 200


def test_host_name_parsing():
    from newsgraph.api.app import host_name

    assert host_name("LocalHost:8000") == "localhost"
    assert host_name("[::1]:8000") == "[::1]"
    assert host_name("::1") == "::1"
    assert host_name("127.0.0.1") == "127.0.0.1"
