"""A counting stand-in for the NLP, and a script that ingests with it.

``counting.v1`` is the null annotator (no parse, no events) that also appends the id of every
article it annotates to the file named by $NEWSGRAPH_TEST_COUNT_LOG, sleeps
$NEWSGRAPH_TEST_DELAY seconds per article, raises on texts containing "FAIL" and ends its
process on texts containing "DIE". Forked pipeline workers inherit the registration and the
environment, so the log counts the NLP calls of every process.

Run by test_resume.py as ``python stub_ingest.py DB WORKERS BATCH PATH...``.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator

from newsgraph.records import AnnotatedArticle, Article
from newsgraph.registry import registry
from newsgraph.scale.stub import NullAnnotator

NAME = "counting.v1"


class CountingAnnotator(NullAnnotator):
    name = NAME

    def annotate(self, article: Article) -> AnnotatedArticle:
        log = os.environ.get("NEWSGRAPH_TEST_COUNT_LOG")
        if log:
            with open(log, "a", encoding="utf-8") as f:
                f.write(article.id + "\n")
        delay = float(os.environ.get("NEWSGRAPH_TEST_DELAY", "0") or 0)
        if delay:
            time.sleep(delay)
        if "DIE" in article.text:
            os._exit(3)
        if "FAIL" in article.text:
            raise ValueError("this article is meant to fail")
        return super().annotate(article)

    def annotate_many(self, articles: Iterable[Article]) -> Iterator[AnnotatedArticle]:
        for a in articles:
            yield self.annotate(a)


registry.annotators.register(NAME)(CountingAnnotator)


def main() -> None:
    from newsgraph.config import Settings
    from newsgraph.store import ingest

    db, workers, batch, *paths = sys.argv[1:]
    stats = ingest(
        paths,
        db,
        settings=Settings.from_env(annotator=NAME, geocode=False, batch_size=2),
        workers=int(workers),
        batch_size=int(batch),
        error_log=db + ".errors.jsonl",
    )
    print(stats.summary(), flush=True)


if __name__ == "__main__":
    main()
