"""API test fixtures: the shared test store (ui_store.py) and FastAPI TestClients over it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

MISSING = [m for m in ("fastapi", "httpx", "jinja2") if importlib.util.find_spec(m) is None]


def pytest_collection_modifyitems(config, items):
    if not MISSING:
        return
    here = Path(__file__).parent
    reason = f"the API tests need {', '.join(MISSING)} (pip install 'newsgraph[serve]' httpx)"
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.skip(reason=reason))

_spec = importlib.util.spec_from_file_location("newsgraph_ui_store", Path(__file__).with_name("ui_store.py"))
assert _spec and _spec.loader
ui_store = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ui_store)

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    return ui_store.shared_store(tmp_path_factory)


@pytest.fixture(scope="session")
def app(store_path):
    from newsgraph.api import create_app

    return create_app(str(store_path), token=TOKEN)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture
def writable_copy(store_path, tmp_path) -> Path:
    """A copy of the store for tests that write (the shared one stays as built)."""
    import sqlite3

    dst = tmp_path / "copy.db"
    src = sqlite3.connect(str(store_path))
    try:
        out = sqlite3.connect(str(dst))
        src.backup(out)
        out.close()
    finally:
        src.close()
    return dst


@pytest.fixture
def make_client():
    """A TestClient over a new app: make_client(db, **create_app options)."""
    from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    clients = []

    def make(db, raise_server_exceptions=True, **kw):
        c = TestClient(create_app(str(db), **kw), raise_server_exceptions=raise_server_exceptions)
        c.__enter__()
        clients.append(c)
        return c

    yield make
    for c in clients:
        c.__exit__(None, None, None)


def _envelope_ok(response, status: int) -> dict:
    """Assert the error envelope and return it."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["errors"], list)
    return body


@pytest.fixture(scope="session")
def envelope_ok():
    return _envelope_ok
