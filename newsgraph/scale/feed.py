"""The batch feed of ``newsgraph.store.ingest``: ArticleResults for files, in input order, with
finished work left out before the NLP runs.

Three things are skipped, cheapest first:

1. units (files, ranges) the journal marks complete: not even opened;
2. the first records of a unit the journal marks finished: read, but not hashed, looked up or
   processed;
3. articles whose text the store holds already (one indexed query each).

Everything else goes through ``newsgraph.pipeline.run`` with ``workers`` processes (bounded
read-ahead), and the ``Tracker`` keeps track of how far each unit is finished, for the journal
entry written with each committed batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import chain

from sqlalchemy.engine import Connection

from ..config import Settings
from ..errors import ReaderError
from ..readers import ReadOptions
from ..records import Article, ArticleResult
from .inputs import Unit, read_unit
from .journal import Journal, Tracker, UnitState
from .progress import Progress

_Rec = tuple[Unit | None, int, int, Article | ReaderError]


class FileFeed:
    def __init__(
        self,
        units: list[Unit | ReaderError],
        *,
        options: ReadOptions,
        settings: Settings | None,
        workers: int,
        is_stored: Callable[[Article], bool],
        on_stored: Callable[[], None],
        journal: Journal | None = None,
        resume: bool = True,
        progress: Progress | None = None,
    ) -> None:
        self.units = units
        self.options = options
        self.settings = settings
        self.workers = workers
        self.is_stored = is_stored
        self.on_stored = on_stored
        self.journal = journal
        self.resume = resume and journal is not None
        self.progress = progress
        self.resumed = 0  # records skipped on the journal's word
        self.tracker = Tracker(progress.advance if progress is not None else None)

    def attach(self, progress: Progress) -> None:
        """Report to this progress bar (before results() is called)."""
        self.progress = progress
        self.tracker = Tracker(progress.advance)

    @property
    def total_bytes(self) -> int:
        return sum(u.length for u in self.units if isinstance(u, Unit))

    # -- the journal ------------------------------------------------------------------------------
    def checkpoint(self, conn: Connection) -> None:
        """Write what is finished now into the transaction of the batch being committed."""
        states = self.tracker.checkpoint()
        if self.journal is not None and states:
            self.journal.write(conn, states)

    @property
    def dirty(self) -> bool:
        return self.journal is not None and self.tracker.dirty

    # -- reading ----------------------------------------------------------------------------------
    def _resumed(self, n: int) -> None:
        self.resumed += n
        if self.progress is not None:
            self.progress.article("resumed", n)

    def _records(self) -> Iterator[_Rec]:
        offset = 0
        for u in self.units:
            if isinstance(u, ReaderError):
                yield None, 0, offset, u
                continue
            base, offset = offset, offset + u.length
            state = self.journal.lookup(u) if self.resume and self.journal is not None else UnitState()
            self.tracker.begin(u, state)
            if state.complete:
                self._resumed(state.done)
                self.tracker.ended(u, state.done, offset, resumed=True)
                continue
            count = 0
            for index, (item, pos) in enumerate(read_unit(u, self.options)):
                count = index + 1
                where = base + min(pos, u.length)
                if index < state.done:
                    self._resumed(1)
                    self.tracker.skipped(u, index, where, resumed=True)
                    continue
                yield u, index, where, item
            self.tracker.ended(u, count, offset)

    def _seen(self) -> None:
        if self.progress is not None:
            self.progress.seen()

    def _stored(self, rec: _Rec) -> bool:
        unit, index, pos, item = rec
        if isinstance(item, Article) and self.is_stored(item):
            self.tracker.skipped(unit, index, pos)
            self.on_stored()
            self._seen()
            return True
        return False

    def _unseen(self, recs: Iterator[_Rec]) -> Iterator[Article | ReaderError]:
        for rec in recs:
            if not self._stored(rec):
                self.tracker.sent(rec[0], rec[1], rec[2])
                yield rec[3]

    def results(self) -> Iterator[ArticleResult]:
        """One result per record that needs one, in input order. Until the first article that
        needs the NLP, unreadable documents are reported here: an input that is all stored,
        finished or unreadable never loads the NLP model."""
        from ..pipeline import run

        recs = self._records()
        for rec in recs:
            unit, index, pos, item = rec
            if isinstance(item, ReaderError):
                self.tracker.sent(unit, index, pos)
                self.tracker.result()
                self._seen()
                yield ArticleResult(article=None, error=str(item), origin=item.origin)
                continue
            if self._stored(rec):
                continue
            self.tracker.sent(unit, index, pos)
            articles = chain([item], self._unseen(recs))
            for result in run(articles, self.settings or Settings.from_env(), workers=self.workers):
                self.tracker.result()
                self._seen()
                yield result
            return
