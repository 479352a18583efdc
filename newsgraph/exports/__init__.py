"""Exports of stored events: PLOVER JSONL, GDELT 2.0 TSV, Parquet, and the relation graph as
GraphML or GEXF (formats in docs/graph.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from importlib import import_module
from pathlib import Path
from typing import Any

from ..errors import ConfigError, StoreError

__all__ = ["FORMATS", "export"]

# format -> (module, writer, what to install when its library is missing). Writers are imported
# on use, so that pyarrow and networkx load only for the formats that need them.
FORMATS: Mapping[str, tuple[str, str, str | None]] = {
    "plover-jsonl": ("plover", "write_plover", None),
    "gdelt-tsv": ("gdelt", "write_gdelt", None),
    "parquet": ("parquet", "write_parquet", "pyarrow"),
    "graphml": ("graphs", "write_graphml", "networkx"),
    "gexf": ("graphs", "write_gexf", "networkx"),
}

Writer = Callable[[Iterable[Mapping[str, Any]], Path], list[Path]]


def _writer(fmt: str) -> Writer:
    if fmt not in FORMATS:
        raise ConfigError(f"Unknown export format {fmt!r}. Available: {', '.join(FORMATS)}")
    module, name, needs = FORMATS[fmt]
    try:
        return getattr(import_module(f"{__name__}.{module}"), name)  # type: ignore[no-any-return]
    except ImportError as exc:
        hint = f"pip install {needs}" if needs else "reinstall newsgraph"
        raise ConfigError(f"the {fmt} export cannot load ({exc}); {hint}") from exc


def export(
    fmt: str,
    out_dir: str | Path,
    db_url: str | None = None,
    events: Iterable[Mapping[str, Any]] | str | None = None,
    progress: Callable[[Iterable[Mapping[str, Any]]], Iterable[Mapping[str, Any]]] | None = None,
) -> list[Path]:
    """Write the events of the store at ``db_url`` (or ``events``: records, or the path of a
    JSONL/JSON events file) to ``out_dir`` in format ``fmt``; returns the files written.
    ``progress`` wraps the event stream (the CLI's progress bar)."""
    from ..graph.source import read_event_lines, stored_events

    write = _writer(fmt)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{out}: cannot create the export folder ({exc.strerror or exc})") from exc
    if events is None:
        source: Iterable[Mapping[str, Any]] = stored_events(db_url)
    elif isinstance(events, str):
        source = read_event_lines(events)
    else:
        source = events
    return write(progress(source) if progress else source, out)
