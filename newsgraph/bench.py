"""bench(): throughput of the parser alone and of the full pipeline on the same articles, so
the cost of our own stages is visible (what `newsgraph bench` prints)."""

from __future__ import annotations

import resource
import time
from pathlib import Path
from typing import Any, Iterable

from .config import Settings
from .records import Article


def _load(paths: Iterable[str | Path], limit: int) -> list[Article]:
    from .readers import ReadOptions, read_paths

    out: list[Article] = []
    for item in read_paths(paths, ReadOptions()):
        if isinstance(item, Article):
            out.append(item)
            if len(out) >= limit:
                break
    return out


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def bench(paths: Iterable[str | Path], limit: int = 200, workers: int = 1, settings: Settings | None = None) -> dict[str, Any]:
    from .nlp.spacy_nlp import load_model
    from .pipeline import Pipeline, run

    settings = settings or Settings.from_env()
    articles = _load(paths, limit)
    if not articles:
        return {"articles": 0}
    chars = sum(len(a.text) for a in articles)
    nlp = load_model(settings.spacy_model, settings.check_model_meta)

    t0 = time.perf_counter()
    n_sent = n_tok = 0
    for doc in nlp.pipe((a.text for a in articles), batch_size=settings.batch_size):
        n_tok += len(doc)
        n_sent += sum(1 for _ in doc.sents)
    parse_s = time.perf_counter() - t0

    pipeline = Pipeline(settings)
    pipeline.process(articles[0])  # warm caches (gazetteer, KB) outside the timing
    t0 = time.perf_counter()
    n_events = n_err = 0
    for res in pipeline.process_many(articles):
        n_events += len(res.events)
        n_err += bool(res.error)
    full_s = time.perf_counter() - t0

    out: dict[str, Any] = {
        "articles": len(articles),
        "characters": chars,
        "sentences": n_sent,
        "tokens": n_tok,
        "parser_alone": {
            "seconds": round(parse_s, 2),
            "articles_per_s": round(len(articles) / parse_s, 2),
            "sentences_per_s": round(n_sent / parse_s, 1),
            "tokens_per_s": round(n_tok / parse_s, 0),
        },
        "full_pipeline_1_process": {
            "seconds": round(full_s, 2),
            "articles_per_s": round(len(articles) / full_s, 2),
            "sentences_per_s": round(n_sent / full_s, 1),
            "events": n_events,
            "errors": n_err,
        },
        "overhead_vs_parser": round(full_s / parse_s, 2),
        "peak_rss_mb": round(_peak_mb(), 0),
        "settings": {"prefilter": settings.prefilter, "batch_size": settings.batch_size, "model": settings.spacy_model},
    }
    if workers > 1:
        t0 = time.perf_counter()
        n = sum(1 for _ in run(iter(articles), settings, workers=workers))
        par_s = time.perf_counter() - t0
        out[f"full_pipeline_{workers}_workers"] = {
            "seconds": round(par_s, 2),
            "articles_per_s": round(n / par_s, 2),
            "note": "includes starting the workers and loading the model in each",
        }
    return out
