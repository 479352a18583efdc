"""The ``relations`` and ``export`` commands: thin wrappers over newsgraph.graph.relations and
newsgraph.exports.export. Registered on the main group in cli.py (``main.add_command``)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

import click

from .cli_common import fail_cleanly as _fail_cleanly

__all__ = ["export_cmd", "relations_cmd"]

F = TypeVar("F", bound=Callable[..., Any])

_DB_HELP = "store: a SQLite file path or a database URL (sqlite:///..., postgresql://...)"
_EVENTS_HELP = (
    "read event records from this JSONL/JSON file (e.g. `newsgraph extract` output) instead of the store"
)




@click.command("relations")
@click.option("--db", "db_url", metavar="URL", help=_DB_HELP)
@click.option("--events", "events_path", type=click.Path(exists=True, dir_okay=False), help=_EVENTS_HELP)
@click.option(
    "--actor", metavar="NAME", help="only relations of this actor (a name, an alias or a knowledge-base id)"
)
@click.option("--as-of", "as_of", metavar="DATE", help="the graph as it stood on this day (YYYY-MM-DD)")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@_fail_cleanly
def relations_cmd(
    db_url: str | None, events_path: str | None, actor: str | None, as_of: str | None, fmt: str
) -> None:
    """The actor-relation graph as of a date: a JSON array of relation records."""
    from .graph import relations

    records = relations(db_url, actor=actor, as_of=as_of, events=events_path)
    click.echo(json.dumps(records, indent=2, ensure_ascii=False))


def _with_progress(label: str) -> Callable[[Iterable[Mapping[str, Any]]], Iterator[Mapping[str, Any]]]:
    """A progress bar over the event stream on stderr (click draws it only on a terminal)."""

    def wrap(events: Iterable[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
        with click.progressbar(events, label=label, show_pos=True, file=sys.stderr) as bar:
            yield from bar

    return wrap


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["plover-jsonl", "gdelt-tsv", "parquet", "graphml", "gexf"]),
    required=True,
    help="plover-jsonl, gdelt-tsv and parquet hold events; graphml and gexf the relation graph",
)
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False), required=True, help="folder to write into"
)
@click.option("--db", "db_url", metavar="URL", help=_DB_HELP)
@click.option("--events", "events_path", type=click.Path(exists=True, dir_okay=False), help=_EVENTS_HELP)
@_fail_cleanly
def export_cmd(fmt: str, out_dir: str, db_url: str | None, events_path: str | None) -> None:
    """Export stored events (PLOVER JSONL, GDELT 2.0 TSV, Parquet) or the relation graph (GraphML,
    GEXF) into a folder; prints the files written."""
    from .exports import export

    for path in export(fmt, out_dir, db_url, events=events_path, progress=_with_progress(f"export {fmt}")):
        click.echo(str(path))
