"""A progress bar on stderr: bytes of input done, articles, articles/s and the time left.

The time left is estimated from the input's size in bytes (the number of articles in a dump is
not known until it has been read): bytes still to do divided by the rate at which this run has
got through bytes so far. Input skipped on the journal's word (finished by an earlier run)
moves the bar but does not count as speed. Standard input has no size: the bar then shows
counts and rates only.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import Any, TextIO


def _human(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if abs(n) < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"  # pragma: no cover


def _clock(seconds: float) -> str:
    s = int(round(seconds))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


def _bar_class() -> Any:
    from tqdm import tqdm

    class Bar(tqdm):  # type: ignore[misc]
        """tqdm with our status text as a field of bar_format."""

        status = ""
        monitor_interval = 0  # no monitor thread: the pipeline forks worker processes

        @property
        def format_dict(self) -> dict[str, Any]:
            d = super().format_dict
            d["status"] = self.status
            return d

    return Bar


class Progress:
    """Counts for a run; draws a tqdm bar on ``file`` (stderr) when ``enabled``.

    ``advance(pos, resumed)``: the input is done up to byte ``pos``; ``seen()``: one record went
    through this run (its result came back, or it was found stored): the articles/s;
    ``article(kind, n, events)``: committed counts, kind "new", "skipped", "failed" or "resumed".
    ``line()`` is the status text."""

    def __init__(
        self,
        total_bytes: int | None,
        *,
        enabled: bool = True,
        desc: str = "ingest",
        file: TextIO | None = None,
        min_interval: float = 0.5,
    ) -> None:
        self.total = total_bytes or None
        self.done_bytes = 0
        self.skipped_bytes = 0  # of done_bytes: resumed, not worked on
        self.counts = {"new": 0, "skipped": 0, "failed": 0, "resumed": 0}
        self.events = 0
        self.n_seen = 0
        self.t0 = time.monotonic()
        self._last_draw = 0.0
        self._min_interval = min_interval
        self._lock = threading.Lock()
        self._bar: Any = None
        if enabled:
            self._bar = _bar_class()(
                total=self.total,
                desc=desc,
                file=file or sys.stderr,
                bar_format="{desc}: {percentage:3.0f}%|{bar:20}| {status}" if self.total else "{desc}: {status}",
                dynamic_ncols=True,
                leave=True,
                mininterval=min_interval,
            )
            self._bar.status = ""

    # -- updates --------------------------------------------------------------------------------
    def advance(self, pos: int, resumed: bool = False) -> None:
        with self._lock:
            if pos > self.done_bytes:
                if resumed:
                    self.skipped_bytes += pos - self.done_bytes
                self.done_bytes = pos
        self._draw()

    def skip_bytes(self, n: int) -> None:
        """A whole unit finished before: move on by its size."""
        with self._lock:
            self.done_bytes += n
            self.skipped_bytes += n
        self._draw()

    def seen(self, n: int = 1) -> None:
        with self._lock:
            self.n_seen += n
        self._draw()

    def article(self, kind: str, n: int = 1, events: int = 0) -> None:
        with self._lock:
            self.counts[kind] += n
            self.events += events
        self._draw()

    # -- figures --------------------------------------------------------------------------------
    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.t0

    def rate(self) -> float:
        """Records this run went through per second (the resumed ones left out)."""
        e = self.elapsed
        return self.n_seen / e if e > 0 else 0.0

    def eta(self) -> float | None:
        if not self.total:
            return None
        worked = self.done_bytes - self.skipped_bytes
        if worked <= 0 or self.elapsed <= 0:
            return None
        left = max(self.total - self.done_bytes, 0)
        return left / (worked / self.elapsed)

    def line(self) -> str:
        c = self.counts
        parts = []
        if self.total:
            parts.append(f"{_human(self.done_bytes)}/{_human(self.total)}")
        parts.append(f"{c['new']:,} new")
        if c["skipped"]:
            parts.append(f"{c['skipped']:,} stored before")
        if c["resumed"]:
            parts.append(f"{c['resumed']:,} resumed")
        if c["failed"]:
            parts.append(f"{c['failed']:,} failed")
        parts.append(f"{self.events:,} events")
        parts.append(f"{self.rate():.2f} articles/s")
        eta = self.eta()
        parts.append(f"elapsed {_clock(self.elapsed)}")
        if eta is not None:
            parts.append(f"left {_clock(eta)}")
        return ", ".join(parts)

    def _draw(self, force: bool = False) -> None:
        if self._bar is None:
            return
        now = time.monotonic()
        if not force and now - self._last_draw < self._min_interval:
            return
        with self._lock:
            self._last_draw = now
            if self.total:
                self._bar.n = min(self.done_bytes, self.total)
            self._bar.status = self.line()
            self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            with self._lock:
                if self.total:
                    self._bar.n = min(self.done_bytes, self.total)
                self._bar.status = self.line()
            self._bar.close()  # draws the last state once, and leaves it
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
