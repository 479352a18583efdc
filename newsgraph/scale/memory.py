"""Peak resident memory of a process and of everything it started (pool workers, Dask workers),
sampled in a background thread (psutil; for benchmarks).

    with MemorySampler() as mem:      # this process and its descendants
        ingest(...)
    mem.report()  # {"main_peak_mb": ..., "workers_peak_mb": [...], "total_peak_mb": ...}
"""

from __future__ import annotations

import os
import threading
from typing import Any


class MemorySampler:
    """Samples the RSS of ``pid`` (default: this process) and its descendants every ``interval``
    seconds. ``report()`` gives the peak of the root, the peak of each other process (largest
    first), the peak of their sum, and the CPU seconds used meanwhile by the root and by the
    others (as last sampled: up to ``interval`` of a process's last moments is missed)."""

    def __init__(self, pid: int | None = None, interval: float = 0.25) -> None:
        import psutil

        self._psutil = psutil
        self.pid = pid or os.getpid()
        self.interval = interval
        self.peaks: dict[int, int] = {}
        self.names: dict[int, str] = {}
        self.total_peak = 0
        self.samples = 0
        self.cpu: dict[int, float] = {}  # user + system CPU seconds, as last seen
        self.cpu_start: dict[int, float] = {}  # at the first sample (the root's work before it is not ours)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def sample(self) -> None:
        ps = self._psutil
        try:
            root = ps.Process(self.pid)
            procs = [root, *root.children(recursive=True)]
        except ps.Error:
            return
        total = 0
        for p in procs:
            try:
                rss = p.memory_info().rss
            except ps.Error:
                continue
            try:
                t = p.cpu_times()
                self.cpu[p.pid] = t.user + t.system
                self.cpu_start.setdefault(p.pid, self.cpu[p.pid] if self.samples == 0 else 0.0)
            except ps.Error:
                pass
            total += rss
            if rss > self.peaks.get(p.pid, 0):
                self.peaks[p.pid] = rss
                if p.pid not in self.names:
                    try:
                        self.names[p.pid] = " ".join(p.cmdline()[:3])[:80]
                    except ps.Error:
                        self.names[p.pid] = "?"
        self.total_peak = max(self.total_peak, total)
        self.samples += 1

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def start(self) -> MemorySampler:
        self.sample()
        self._thread = threading.Thread(target=self._loop, name="newsgraph-memory", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> MemorySampler:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.sample()
        return self

    def __enter__(self) -> MemorySampler:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def report(self, min_mb: float = 20.0) -> dict[str, Any]:
        """Peaks in MB; processes that never reached ``min_mb`` (helpers such as the
        multiprocessing resource tracker) are left out of the workers' list."""
        mb = 1024 * 1024
        others = sorted((v for k, v in self.peaks.items() if k != self.pid), reverse=True)
        used = {k: v - self.cpu_start.get(k, 0.0) for k, v in self.cpu.items()}
        return {
            "main_peak_mb": round(self.peaks.get(self.pid, 0) / mb, 1),
            "workers_peak_mb": [round(v / mb, 1) for v in others if v / mb >= min_mb],
            "total_peak_mb": round(self.total_peak / mb, 1),
            "main_cpu_s": round(used.get(self.pid, 0.0), 1),
            "workers_cpu_s": round(sum(v for k, v in used.items() if k != self.pid), 1),
            "samples": self.samples,
        }
