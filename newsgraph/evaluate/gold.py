"""Gold records for `newsgraph eval` (format: ../shared/eval/dev/README.md and
docs/evaluation.md): event records, and component records told apart by a ``task`` field."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import GoldFormatError

QUADS = {"verbal_coop": 1, "material_coop": 2, "verbal_conflict": 3, "material_conflict": 4}
TASKS = {"actor", "place", "factuality"}


@dataclass(frozen=True)
class GoldRecord:
    id: str
    set: str
    text: str
    task: str | None = None  # None: an event record
    date: str | None = None
    source: str | None = None
    target: str | None = None
    cameo: str | None = None
    cameo_root: str | None = None
    plover: str | None = None
    quad: int | None = None
    label: str | None = None
    mention: str | None = None
    trigger: str | None = None
    expect: Any = None
    extra: Mapping[str, Any] = field(default_factory=dict)


def find_span(text: str, needle: str | None) -> tuple[int, int] | None:
    """Where a gold span's text sits in the text (first occurrence, then case-insensitive)."""
    if not needle:
        return None
    i = text.find(needle)
    if i < 0:
        i = text.lower().find(needle.lower())
    return (i, i + len(needle)) if i >= 0 else None


def _record(d: Mapping[str, Any], where: str) -> GoldRecord:
    for key in ("id", "text"):
        if not isinstance(d.get(key), str):
            raise GoldFormatError(f"{where}: field {key!r} is missing or not a string")
    task = d.get("task")
    if task is not None and task not in TASKS:
        raise GoldFormatError(f"{where}: unknown task {task!r}; known tasks: {sorted(TASKS)}")
    if task in ("actor", "place") and not isinstance(d.get("mention"), str):
        raise GoldFormatError(f"{where}: a {task} record needs a 'mention' string")
    if task is not None and "expect" not in d:
        raise GoldFormatError(f"{where}: a {task} record needs 'expect'")
    quad = d.get("quad")
    if isinstance(quad, str):
        if quad not in QUADS:
            raise GoldFormatError(f"{where}: quad {quad!r} is not one of {sorted(QUADS)}")
        quad = QUADS[quad]
    return GoldRecord(
        id=d["id"],
        set=str(d.get("set") or "default"),
        text=d["text"],
        task=task,
        date=d.get("date"),
        source=d.get("source"),
        target=d.get("target"),
        cameo=d.get("cameo"),
        cameo_root=d.get("cameo_root"),
        plover=d.get("plover"),
        quad=quad,
        label=d.get("label"),
        mention=d.get("mention"),
        trigger=d.get("trigger"),
        expect=d.get("expect"),
        extra={k: v for k, v in d.items() if k not in GoldRecord.__dataclass_fields__},
    )


def read_gold(paths: Iterable[str | Path]) -> Iterator[GoldRecord]:
    for path in paths:
        p = Path(path)
        try:
            fh = p.open(encoding="utf-8")
        except OSError as exc:
            raise GoldFormatError(f"{p}: cannot open gold file ({exc.strerror})") from None
        with fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    d = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise GoldFormatError(f"{p}:{n}: not JSON ({exc.msg}); one JSON object per line") from None
                if not isinstance(d, dict):
                    raise GoldFormatError(f"{p}:{n}: expected a JSON object")
                yield _record(d, f"{p}:{n}")
