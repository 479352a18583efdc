"""The store's public surface: __all__ is what exists, and every public name is documented."""

from __future__ import annotations

from pathlib import Path

import newsgraph.store as store
from newsgraph.cli_store import main

DOC = Path(__file__).resolve().parents[2] / "docs" / "store.md"


def test_all_names_exist_and_functions_are_functions():
    for name in store.__all__:
        assert hasattr(store, name), name
    # ingest, dump and recluster are also module names: the package must export the functions
    for name in ("ingest", "dump", "recluster", "events", "iter_events", "open_store"):
        assert callable(getattr(store, name)) and getattr(store, name).__module__.startswith(
            "newsgraph.store."
        )


def test_public_names_and_commands_are_documented():
    doc = DOC.read_text(encoding="utf-8")
    for name in (
        "open_store",
        "ingest",
        "events",
        "events_page",
        "iter_events",
        "recluster",
        "dump",
        "IngestStats",
    ):
        assert f"{name}(" in doc or f"`{name}`" in doc, name
        assert name in (store.__doc__ or ""), name
    for command in main.commands:
        assert f"newsgraph {command}" in doc, command
