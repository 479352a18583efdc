"""Browser test fixtures: a live uvicorn server on a free localhost port over the shared test
store, and Debian's Chromium driven by Playwright's Python package.

Chromium must be /usr/bin/chromium (scripts/install-browser.sh installs it); Playwright's own
browser download (`playwright install`) is never used. Without either, the tests skip and say
why. Screenshots go to test-artifacts/ (git-ignored); NEWSGRAPH_UPDATE_SCREENSHOT=1 also
writes docs/img/ui.png, the README's picture.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = Path(os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
DOCS_IMG = REPO / "docs" / "img" / "ui.png"

_spec = importlib.util.spec_from_file_location(
    "newsgraph_ui_store", Path(__file__).resolve().parents[1] / "api" / "ui_store.py"
)
assert _spec and _spec.loader
ui_store = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ui_store)


def _why_no_browser() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is absent: run scripts/install-browser.sh (Debian chromium) for these tests"
    for mod, pkg in (("playwright", "playwright"), ("uvicorn", "uvicorn"), ("fastapi", "fastapi")):
        if importlib.util.find_spec(mod) is None:
            return f"the browser tests need the {pkg} package (pip install {pkg})"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _why_no_browser()
    if reason is None:
        return
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.skip(reason=reason))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """Base URL of a uvicorn server (a thread of this process) over the test store, read-only."""
    import uvicorn

    from newsgraph.api import create_app

    db = ui_store.shared_store(tmp_path_factory)
    app = create_app(str(db))
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Watch:
    """What a page did that a test must not allow: dialogs (alert/confirm), requests to other
    hosts (the UI must work offline), script errors and CSP violations."""

    def __init__(self) -> None:
        self.dialogs: list[str] = []
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.csp: list[str] = []

    def assert_clean(self) -> None:
        assert not self.dialogs, f"a dialog fired: {self.dialogs}"
        assert not self.foreign, f"requests left localhost: {self.foreign}"
        assert not self.errors, f"script errors: {self.errors}"
        assert not self.csp, f"Content-Security-Policy violations: {self.csp}"


@pytest.fixture
def page(browser, live_server):
    host = urlparse(live_server).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
    watch = Watch()

    def route(r):
        if urlparse(r.request.url).netloc == host or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            watch.foreign.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()

    def on_dialog(d):
        watch.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    def on_console(msg):
        if msg.type == "error" and "Content Security Policy" in msg.text:
            watch.csp.append(msg.text)

    pg.on("dialog", on_dialog)
    pg.on("pageerror", lambda exc: watch.errors.append(str(exc)))
    pg.on("console", on_console)
    pg.watch = watch  # type: ignore[attr-defined]
    pg.base = live_server  # type: ignore[attr-defined]
    yield pg
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def docs_img() -> Path | None:
    return DOCS_IMG if os.environ.get("NEWSGRAPH_UPDATE_SCREENSHOT") == "1" else None
