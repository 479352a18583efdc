"""Scale: batch runs over many files with progress, many processes, and Dask for a cluster.

- ``newsgraph.store.ingest(paths, db, workers=N, progress=True, error_log=PATH)`` streams files
  through ``newsgraph.pipeline.run`` (bounded read-ahead: memory stays flat on a dump of any
  size), shows a progress bar, logs failed documents, and resumes an interrupted run from the
  journal it keeps in the store (``journal``).
- ``dask_ingest(paths, "local" | "tcp://scheduler:8786", out=DIR, db=URL)`` runs the same pipeline
  on a Dask cluster, one task per file or per range of a big JSON Lines file (``dask``).
- ``inputs.plan``/``inputs.read_unit``: files as units with sizes and byte positions.

See docs/scaling.md.
"""

from __future__ import annotations

from typing import Any

from .errorlog import ErrorLog, default_error_log, read_error_log
from .inputs import Unit, plan, read_unit
from .journal import Journal, Tracker, UnitState
from .progress import Progress

__all__ = [
    "ErrorLog",
    "Journal",
    "Progress",
    "Tracker",
    "Unit",
    "UnitState",
    "dask_ingest",
    "default_error_log",
    "plan",
    "read_error_log",
    "read_unit",
]


def dask_ingest(*args: Any, **kwargs: Any) -> Any:
    """``newsgraph.scale.dask.dask_ingest`` (imported on use: Dask is an optional dependency)."""
    from .dask import dask_ingest as run

    return run(*args, **kwargs)
