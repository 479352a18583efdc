"""The error log: one JSON line per document that could not be read, processed or stored.

    {"time": "2024-05-01T12:00:00+00:00", "stage": "read", "origin": "dumps/a.jsonl#line 7",
     "id": null, "error": "dumps/a.jsonl#line 7: is not valid JSON: ..."}

``stage`` is "read" (the reader refused the document), "pipeline" (the NLP or the coder failed
on it) or "store" (the database refused it). The file is appended to, and created only when the
first error comes, so a clean run leaves none. The command line writes it next to the store
(``news.db`` -> ``news.db.errors.jsonl``; ``newsgraph-errors.jsonl`` in the working directory for
PostgreSQL) unless ``--error-log`` says where.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from ..records import ArticleResult

STAGES = ("read", "pipeline", "store")
POSTGRES_DEFAULT = "newsgraph-errors.jsonl"


def default_error_log(db: Any) -> Path:
    """Where the command line keeps a store's error log: next to a SQLite file, else here."""
    from ..store.url import parse_db_url

    try:
        url = parse_db_url(db)
    except Exception:  # noqa: BLE001 - a store URL the store itself will refuse with a message
        return Path(POSTGRES_DEFAULT)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(f"{url.database}.errors.jsonl")
    return Path(POSTGRES_DEFAULT)


def error_record(result: ArticleResult, stage: str | None = None, message: str | None = None) -> dict[str, Any]:
    """The log line for a failed result (a reader error, a pipeline failure, a store refusal)."""
    article = result.article
    if stage is None:
        stage = "read" if article is None else "pipeline"
    return {
        "stage": stage,
        "origin": result.origin or (article.origin if article is not None else None),
        "id": article.id if article is not None else None,
        "error": message or result.error or "unknown error",
    }


class ErrorLog:
    """Appends error records to ``path`` (opened on the first one). ``count`` says how many."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.count = 0
        self._file: TextIO | None = None
        self._lock = threading.Lock()

    def write(self, record: dict[str, Any]) -> None:
        line = {"time": datetime.now(UTC).isoformat(timespec="seconds"), **record}
        with self._lock:
            if self._file is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._file = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - closed in close()
            self._file.write(json.dumps(line, ensure_ascii=False) + "\n")
            self._file.flush()
            self.count += 1

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None

    def __enter__(self) -> ErrorLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_error_log(path: str | Path) -> list[dict[str, Any]]:
    """The records of an error log (for tests and scripts)."""
    p = Path(path)
    if not p.exists():
        return []
    return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
