"""Run by test_kill.py as a subprocess: ``python slow_ingest.py URL N BATCH DELAY``.

Ingests N synthetic articles; every SQL statement first sleeps DELAY seconds, so that nearly all
of the run is spent inside open write transactions and a SIGKILL lands in the middle of a batch.
"""

from __future__ import annotations

import sys
import time

from sqlalchemy import event
from sqlalchemy.engine import Engine

from newsgraph.store import ingest
from newsgraph.store.synthetic import synthetic_results


def main() -> None:
    url, n, batch, delay = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    if delay > 0:

        @event.listens_for(Engine, "before_cursor_execute")
        def _slow(*_args: object) -> None:
            time.sleep(delay)

    stats = ingest(synthetic_results(n, seed=7), url, batch_size=batch)
    print(stats.summary(), flush=True)


if __name__ == "__main__":
    main()
