"""The pipeline: article -> annotated article -> coded events -> resolved events.

Stages declare what they need and what they add; the pipeline checks the chain when it is
built, so a third-party stage that needs something nobody provides fails at start-up with a
clear message rather than halfway through a batch. One bad article never stops a batch: its
error is reported in its ArticleResult and the next article goes on.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .config import Settings
from .errors import ConfigError, NewsgraphError, ReaderError
from .records import AnnotatedArticle, Article, ArticleResult, Event
from .registry import registry

log = logging.getLogger("newsgraph")


@dataclass(frozen=True)
class Stage:
    name: str
    requires: frozenset[str]
    provides: frozenset[str]
    fn: Callable[..., Any]


def _stage(name: str, requires: Iterable[str], provides: Iterable[str], fn: Callable[..., Any]) -> Stage:
    return Stage(name, frozenset(requires), frozenset(provides), fn)


class Pipeline:
    """Build once (model loading is the expensive part), then process many articles."""

    def __init__(self, settings: Settings | None = None, kb: Any = None, patterns: Any = None) -> None:
        """``kb`` (a KnowledgeBase) and ``patterns`` (a PatternSet) replace the built-in
        knowledge, e.g. with imported PETRARCH dictionaries."""
        from .kb.matcher import AliasMatcher
        from .nlp import MentionAnnotator, TimexAnnotator
        from .resolve.actors import ActorResolver
        from .resolve.events import EventResolver

        self.settings = settings or Settings.from_env()
        s = self.settings
        self.coder = registry.coders.make(s.coder, patterns=patterns) if patterns is not None else registry.coders.make(s.coder)
        matcher = AliasMatcher(kb) if kb is not None else None
        extra: dict[str, Any] = {}
        if s.prefilter:
            extra = self._prefilter(matcher, s)
        exclude = tuple(x.strip() for x in s.spacy_exclude.split(",") if x.strip())
        if exclude:
            extra["exclude"] = exclude
        self.annotator = registry.annotators.make(
            s.annotator, model=s.spacy_model, check_meta=s.check_model_meta, batch_size=s.batch_size, **extra
        )
        self.resolver = EventResolver(actors=ActorResolver(kb) if kb is not None else None, geocode=s.geocode)
        self.doc_stages = [
            _stage("kb_mentions", {"tokens"}, {"mentions"}, MentionAnnotator(matcher)),
            _stage("timex", {"tokens", "sentences"}, {"dates"}, TimexAnnotator()),
        ]
        self.code_stage = _stage("coder", {"tokens", "sentences", "parse", "mentions", "dates"}, {"events"}, self.coder)
        self.event_stages = [_stage("resolve", {"events", "mentions"}, {"actors", "dates_resolved", "places"}, self.resolver)]
        self._check()

    def _prefilter(self, matcher: Any, s: Settings) -> dict[str, Any]:
        """The sentence filter: trigger word forms from the coder's patterns, aliases from the KB."""
        from .kb.matcher import default_matcher
        from .nlp.prefilter import SentenceFilter, lemmatizer_exceptions
        from .nlp.spacy_nlp import load_model

        pats = getattr(self.coder, "patterns", None)
        if pats is None:
            return {}
        m = matcher or default_matcher()
        reporting_only = {lem for lem, ps in pats.verbs.items() if all(p.code == "010" and not p.obj for p in ps)}
        verb_needs = {lem: frozenset().union(*(p.obj for p in ps)) for lem, ps in pats.verbs.items()
                      if ps and all(p.obj for p in ps)}
        noun_needs = {lem: frozenset().union(*((p.compound | p.of) for p in ps)) for lem, ps in pats.nouns.items()
                      if ps and all(p.compound or p.of for p in ps)}
        filt = SentenceFilter(
            verbs=[v for v in pats.verbs if v not in reporting_only],
            nouns=list(pats.nouns),
            exceptions=lemmatizer_exceptions(load_model(s.spacy_model, s.check_model_meta)),
            verb_needs=verb_needs,
            noun_needs=noun_needs,
        )
        return {"sentence_filter": filt, "find_aliases": lambda text: [(a.start, a.end) for a in m.find(text)]}

    def _check(self) -> None:
        have = {"text", "tokens", "sentences", "parse", "entities"}  # what the annotator gives
        for st in [*self.doc_stages, self.code_stage, *self.event_stages]:
            missing = st.requires - have
            if missing:
                raise ConfigError(
                    f"Pipeline stage {st.name!r} needs {sorted(missing)}, which no earlier stage provides. "
                    f"Earlier stages provide: {sorted(have)}."
                )
            have |= st.provides

    # -- processing ----------------------------------------------------------------------------
    def annotate(self, article: Article) -> AnnotatedArticle:
        doc = self.annotator.annotate(article)
        for st in self.doc_stages:
            doc = st.fn(doc)
        return doc

    def code(self, doc: AnnotatedArticle) -> list[Event]:
        events: list[Event] = self.coder.code(doc)
        for st in self.event_stages:
            events = st.fn(doc, events, self.settings.key())
        return events

    def process(self, article: Article) -> ArticleResult:
        return next(self.process_many([article]))

    def process_many(self, items: Iterable[Article | ReaderError]) -> Iterator[ArticleResult]:
        """Process articles in batches (spaCy's nlp.pipe); errors pass through in order."""
        batch: list[Article | ReaderError] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.settings.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Article | ReaderError]) -> Iterator[ArticleResult]:
        articles = [a for a in batch if isinstance(a, Article)]
        docs: dict[int, AnnotatedArticle | BaseException] = {}
        t0 = time.perf_counter()
        try:
            for a, d in zip(articles, self.annotator.annotate_many(articles)):
                docs[id(a)] = d
        except Exception:  # one article broke the batch: redo them one by one
            for a in articles:
                try:
                    docs[id(a)] = self.annotator.annotate(a)
                except Exception as exc:  # noqa: BLE001 - reported in the result
                    docs[id(a)] = exc
        parse_s = (time.perf_counter() - t0) / max(len(articles), 1)
        for item in batch:
            if isinstance(item, ReaderError):
                yield ArticleResult(article=None, error=str(item), origin=item.origin)
                continue
            d = docs.get(id(item))
            if isinstance(d, BaseException):
                yield _failed(item, d)
                continue
            try:
                t1 = time.perf_counter()
                assert d is not None
                for st in self.doc_stages:
                    d = st.fn(d)
                events = self.code(d)
                yield ArticleResult(
                    article=item,
                    events=tuple(events),
                    origin=item.origin,
                    stats={"parse_s": parse_s, "code_s": time.perf_counter() - t1, "sentences": len(d.sentences)},
                )
            except Exception as exc:  # noqa: BLE001 - reported in the result
                yield _failed(item, exc)


def _failed(article: Article, exc: BaseException) -> ArticleResult:
    where = article.origin or article.id
    if isinstance(exc, NewsgraphError):
        msg = f"{where}: {exc}"
    else:
        msg = f"{where}: internal error {type(exc).__name__}: {exc} (please report it with this article)"
        log.debug("".join(traceback.format_exception(exc)))
    return ArticleResult(article=article, error=msg, origin=article.origin)


# -- multi-process ------------------------------------------------------------------------------
# Chunks handed to the workers but not yet returned, per worker. Bounded on purpose: a process
# pool that reads its input ahead of the workers (multiprocessing.Pool.imap does) holds a whole
# multi-gigabyte dump in memory. Two per worker keep every worker busy while the consumer (the
# store, say) is writing the previous results.
IN_FLIGHT_PER_WORKER = 2
PARENT_CHECK_S = 1.0

_worker_pipeline: Pipeline | None = None
_worker_error: BaseException | None = None


def _init_worker(settings: Settings, parent: int | None = None) -> None:
    """Build the worker's pipeline once. A failure is kept and raised by the first task, so the
    parent sees the real error (a missing model, a bad setting) rather than a dead pool."""
    global _worker_pipeline, _worker_error
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if parent is not None:
        _exit_with_parent(parent)
    try:
        _worker_pipeline = Pipeline(settings)
    except BaseException as exc:  # noqa: BLE001 - re-raised in the parent by _work
        _worker_error = exc


def _exit_with_parent(parent: int) -> None:
    """Forked workers wait on a queue whose write end they inherited, so they would outlive a
    parent killed with SIGKILL; this thread ends the worker when its parent is gone."""
    import os
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(1)

    threading.Thread(target=watch, name="newsgraph-parent-watch", daemon=True).start()


def _work(chunk: list[Any]) -> list[ArticleResult]:
    if _worker_error is not None:
        raise _picklable(_worker_error)
    assert _worker_pipeline is not None
    return list(_worker_pipeline.process_many(_unpack(x) for x in chunk))


def _pack(item: Article | ReaderError) -> Any:
    """A ReaderError does not survive pickling (its __init__ takes three arguments): send its parts."""
    if isinstance(item, ReaderError):
        return ("ReaderError", type(item), item.origin, item.problem, item.hint)
    return item


def _unpack(item: Any) -> Article | ReaderError:
    if isinstance(item, tuple) and item and item[0] == "ReaderError":
        _, cls, origin, problem, hint = item
        return cls(origin, problem, hint)  # type: ignore[no-any-return]
    return item  # type: ignore[no-any-return]


def _picklable(exc: BaseException) -> BaseException:
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 - an exception class with a custom __init__
        return NewsgraphError(f"{type(exc).__name__}: {exc}")


def _chunks(items: Iterable[Article | ReaderError], n: int) -> Iterator[list[Article | ReaderError]]:
    chunk: list[Article | ReaderError] = []
    for it in items:
        chunk.append(it)
        if len(chunk) >= n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run(
    items: Iterable[Article | ReaderError], settings: Settings | None = None, workers: int = 1
) -> Iterator[ArticleResult]:
    """Process a stream of articles with ``workers`` processes (1: in this process).
    Results come back in input order, one per item.

    Streams: the input is read only as the workers need it, at most
    ``IN_FLIGHT_PER_WORKER * workers`` chunks of ``settings.batch_size`` items ahead of the
    results, so memory stays flat however large the input. A worker that dies (killed, out of
    memory) stops the run with a NewsgraphError instead of a hang."""
    settings = settings or Settings.from_env()
    if workers <= 1:
        yield from Pipeline(settings).process_many(items)
        return
    import multiprocessing as mp
    import os
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else None)
    window = IN_FLIGHT_PER_WORKER * workers
    chunks = _chunks(items, settings.batch_size)
    pending: deque[Future[list[ArticleResult]]] = deque()
    executor = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(settings, os.getpid()))
    try:
        more = True
        while True:
            while more and len(pending) < window:
                chunk = next(chunks, None)
                if chunk is None:
                    more = False
                else:
                    pending.append(executor.submit(_work, [_pack(x) for x in chunk]))
            if not pending:
                return
            try:
                results = pending.popleft().result()
            except BrokenProcessPool as exc:
                raise NewsgraphError(
                    "A pipeline worker process died (killed, or out of memory?); the run stopped. "
                    "Run it again (stored articles are skipped), with fewer --workers if memory is short."
                ) from exc
            yield from results
    finally:
        _shut_down(executor)


def _shut_down(executor: Any) -> None:
    """Stop the workers now: on an early exit (an error, a consumer that stops reading) there is
    no point in finishing the chunks in flight."""
    procs = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        if p.is_alive():
            p.terminate()
    for p in procs:
        p.join(timeout=5)
