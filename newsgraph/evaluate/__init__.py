"""evaluate(): score the pipeline on gold files (what `newsgraph eval` runs).

Output: ``{"sets": {"<set>": {...scores...}}}`` grouped by each record's ``set`` field, with
the score names of ../shared/contract.md.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..config import Settings
from ..records import Article, Event
from .components import score_actors, score_factuality, score_places
from .events import group_by_set, score_event_set
from .gold import GoldRecord, read_gold
from .schemes import score_label_set


def _article(rec: GoldRecord) -> Article:
    aid = "g" + hashlib.sha1(rec.text.encode("utf-8")).hexdigest()[:16]
    return Article(id=aid, text=rec.text, published=rec.date, origin=rec.id)


def _run_events(pipeline: Any, records: list[GoldRecord]) -> dict[str, list[Event]]:
    texts: dict[str, GoldRecord] = {}
    for rec in records:
        texts.setdefault(rec.text, rec)
    out: dict[str, list[Event]] = {}
    for res in pipeline.process_many(_article(r) for r in texts.values()):
        if res.article is not None:
            out[res.article.text] = list(res.events)
    return out


def evaluate(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    petrarch_dicts: str | Path | None = None,
) -> dict[str, Any]:
    from ..pipeline import Pipeline

    settings = settings or Settings.from_env(geocode=False)
    records = list(read_gold(paths))
    sets = group_by_set(records)
    pipeline: Pipeline | None = None
    petr_pipeline: Pipeline | None = None
    report: dict[str, Any] = {"sets": {}}
    for name, recs in sets.items():
        t0 = time.perf_counter()
        events_recs = [x for x in recs if x.task is None]
        by_task: dict[str, list[GoldRecord]] = {}
        for x in recs:
            if x.task:
                by_task.setdefault(x.task, []).append(x)
        result: dict[str, Any] = {}
        if events_recs:
            is_petr = name.startswith("petr")
            if is_petr and petrarch_dicts is not None:
                if petr_pipeline is None:
                    petr_pipeline = _petrarch_pipeline(settings, Path(petrarch_dicts))
                pl = petr_pipeline
                result["dictionaries"] = "petrarch"
            else:
                pipeline = pipeline or Pipeline(settings)
                pl = pipeline
                if is_petr:
                    result["dictionaries"] = "newsgraph (pass --petrarch-dicts to use the PETRARCH ones)"
            events = _run_events(pl, events_recs)
            if any(x.plover or x.cameo_root or x.quad for x in events_recs):
                result.update(score_event_set(events_recs, events))
            else:
                result.update(score_label_set(events_recs, events))
        if by_task:
            pipeline = pipeline or Pipeline(settings)
            docs = {x.id: pipeline.annotate(_article(x)) for xs in by_task.values() for x in xs}
            if "actor" in by_task:
                result["actor"] = score_actors(by_task["actor"], docs, pipeline.resolver.actors)
            if "place" in by_task:
                result["place"] = score_places(by_task["place"], docs, pipeline.resolver.actors.kb)
            if "factuality" in by_task:
                result["factuality"] = score_factuality(by_task["factuality"], docs)
            if len(by_task) == 1 and not events_recs:
                result = result[next(iter(by_task))]
        result["seconds"] = round(time.perf_counter() - t0, 2)
        report["sets"][name] = result
    return report


def _petrarch_pipeline(settings: Settings, folder: Path) -> Any:
    from ..coder.petrarch_verbs import petrarch_patterns
    from ..kb.petrarch import petrarch_kb
    from ..pipeline import Pipeline

    kb = petrarch_kb(folder / "PETR.Validate.actors.txt", folder / "PETR.Validate.agents.txt")
    patterns = petrarch_patterns(folder / "PETR.Validate.verbs.txt")
    return Pipeline(settings, kb=kb, patterns=patterns)
