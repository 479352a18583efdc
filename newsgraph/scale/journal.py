"""The resume journal: how far each input unit (a file, or a range of one) has been ingested.

Kept in the store's ``meta`` table, one row per unit (key ``ingest.unit:<sha1>``), and written in
the transaction of the batch it describes: a killed run can never leave the journal ahead of (or
behind) the store. A rerun skips whole finished files without opening them, and the finished
first records of a file without hashing them, looking them up or running the NLP on them; what
the journal does not cover is still protected by the store's text-hash idempotency.

The ordering is the pipeline's: results come back in input order, so "records 0..n-1 of this unit
are finished" is a number. ``Tracker`` follows each record from the reader to the committed
batch: a record the reader skipped (stored already) is finished at once, one sent to the
pipeline when its result has been consumed; a unit is complete when its last record is.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection

from ..readers import ReadOptions
from .inputs import Unit, options_fingerprint

KEY_PREFIX = "ingest.unit:"


@dataclass
class UnitState:
    done: int = 0  # records 0..done-1 are finished (stored, skipped or failed and logged)
    complete: bool = False  # every record is


class Journal:
    """Reads and writes unit states in a store's meta table.

    An entry counts only for the same file (size and modification time) read with the same
    options. An entry is rewritten only when its state changes: a run that finds everything
    finished or stored leaves the store exactly as it was, journal included."""

    def __init__(self, store: Any, options: ReadOptions) -> None:
        self.store = store
        self.options = options
        self.fingerprint = options_fingerprint(options)
        self._known: dict[str, tuple[Any, ...]] = {}  # key -> the state as stored

    @staticmethod
    def key(unit: Unit) -> str:
        return KEY_PREFIX + unit.key()

    def _ident(self, unit: Unit, st: UnitState) -> tuple[Any, ...]:
        return (unit.size, unit.mtime_ns, st.done, st.complete)

    def lookup(self, unit: Unit) -> UnitState:
        """What an earlier run finished of this unit; nothing when the file or the options changed."""
        if unit.is_stdin:
            return UnitState()
        key = self.key(unit)
        with self.store.read() as conn:
            raw = self.store.get_meta(conn, key)
        if raw is None:
            return UnitState()
        try:
            v = json.loads(raw)
            st = UnitState(int(v["done"]), bool(v["complete"]))
            self._known[key] = (v.get("size"), v.get("mtime_ns"), st.done, st.complete)
            if (v.get("size"), v.get("mtime_ns")) != (unit.size, unit.mtime_ns):
                return UnitState()  # the file changed: read it again (stored texts are still skipped)
            if v.get("options") != self.fingerprint:
                return UnitState()
            return st
        except (ValueError, KeyError, TypeError, AttributeError):
            return UnitState()

    def write(self, conn: Connection, states: dict[Unit, UnitState]) -> None:
        for unit, st in states.items():
            if unit.is_stdin:
                continue
            key = self.key(unit)
            ident = self._ident(unit, st)
            if self._known.get(key) == ident:
                continue
            value = {
                "path": unit.path,
                "start": unit.start,
                "end": unit.end,
                "size": unit.size,
                "mtime_ns": unit.mtime_ns,
                "options": self.fingerprint,
                "done": st.done,
                "complete": st.complete,
            }
            self.store.set_meta(conn, key, json.dumps(value, sort_keys=True))
            self._known[key] = ident


@dataclass
class _Entry:
    unit: Unit | None
    index: int  # record index in the unit; -1: the unit's end
    pos: int  # global byte position reached after it
    expects: bool  # a result will come for it
    resumed: bool = False  # skipped on the journal's word (progress: not work done)
    count: int = 0  # for a unit's end: its number of records


class Tracker:
    """Follows records in input order, from the reader to the results, and says at a batch
    commit which unit states changed. Thread-safe (a pool's feeder thread may run the reader)."""

    def __init__(self, on_advance: Callable[[int, bool], None] | None = None) -> None:
        self._q: deque[_Entry] = deque()
        self._lock = threading.Lock()
        self._states: dict[Unit, UnitState] = {}
        self._changed: set[Unit] = set()
        self._on_advance = on_advance

    def begin(self, unit: Unit, state: UnitState) -> None:
        with self._lock:
            self._states[unit] = UnitState(state.done, state.complete)

    def skipped(self, unit: Unit | None, index: int, pos: int, resumed: bool = False) -> None:
        """A record finished without the pipeline (stored already, or finished before)."""
        self._push(_Entry(unit, index, pos, False, resumed))

    def sent(self, unit: Unit | None, index: int, pos: int) -> None:
        """A record that will come back as one result."""
        self._push(_Entry(unit, index, pos, True))

    def ended(self, unit: Unit, count: int, pos: int, resumed: bool = False) -> None:
        """The reader finished the unit, after ``count`` records."""
        self._push(_Entry(unit, -1, pos, False, resumed, count))

    def _push(self, e: _Entry) -> None:
        with self._lock:
            self._q.append(e)

    def result(self) -> None:
        """The next result was consumed: its record (and the skipped ones right after) are done."""
        with self._lock:
            while self._q:
                e = self._q.popleft()
                self._finish(e)
                if e.expects:
                    break
            self._drain()

    def checkpoint(self) -> dict[Unit, UnitState]:
        """The states changed since the last checkpoint (to write with the batch being committed)."""
        with self._lock:
            self._drain()
            out = {u: UnitState(self._states[u].done, self._states[u].complete) for u in self._changed}
            self._changed.clear()
            return out

    @property
    def dirty(self) -> bool:
        with self._lock:
            self._drain()
            return bool(self._changed)

    def _drain(self) -> None:
        while self._q and not self._q[0].expects:
            self._finish(self._q.popleft())

    def _finish(self, e: _Entry) -> None:
        if e.unit is not None and not e.resumed:
            st = self._states.setdefault(e.unit, UnitState())
            if e.index < 0:
                st.complete = True
                st.done = max(st.done, e.count)
            else:
                st.done = max(st.done, e.index + 1)
            self._changed.add(e.unit)
        if self._on_advance is not None:
            self._on_advance(e.pos, e.resumed)
