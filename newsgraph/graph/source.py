"""Where the graph and the exports read canonical events from: the store, or a JSONL file.

The store (newsgraph.store) streams canonical events as contract event records with
``mentions``, ``n_mentions`` and ``n_sources``. It is imported when first needed, so that the
graph works on event files where no store is installed, and so that the graph layer only leans on
the store's public ``iter_events``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path
from typing import Any

from ..errors import FormatError, StoreError

__all__ = ["read_event_lines", "stored_events"]

_NO_STORE_HINT = "read events from a file instead (--events FILE.jsonl, the output of `newsgraph extract`)"


def stored_events(db_url: str | None = None) -> Iterator[dict[str, Any]]:
    """Canonical events of the store at ``db_url`` (a SQLite path or a database URL; None: the
    store's default file)."""
    try:
        store = import_module("..store", __package__)
    except ImportError as exc:
        raise StoreError(f"cannot load the event store ({exc}); {_NO_STORE_HINT}") from exc
    iter_events = getattr(store, "iter_events", None)
    if iter_events is None:
        raise StoreError(f"this install has no newsgraph.store.iter_events; {_NO_STORE_HINT}")
    yield from iter_events(db_url or getattr(store, "DEFAULT_DB", "newsgraph.db"))


def read_event_lines(path: str | Path) -> Iterator[dict[str, Any]]:
    """Event records from a JSON Lines file (``newsgraph extract --format jsonl``) or a JSON array
    (``--format json``, ``newsgraph events --format json``)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"{p}: cannot read the events file ({exc.strerror or exc})") from exc
    if text.lstrip().startswith("["):
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FormatError(str(p), f"not valid JSON ({exc})") from None
        yield from (r for r in records if isinstance(r, dict))
        return
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FormatError(
                f"{p}:{lineno}", f"not a JSON object ({exc.msg})", "one event record per line"
            ) from None
        if isinstance(record, dict):
            yield record
