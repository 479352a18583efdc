"""Store commands: ``ingest``, ``events`` and ``recluster``, each a thin wrapper over
newsgraph.store. The main ``newsgraph`` group adds them (``main.add_command(ingest)``);
``python -m newsgraph.cli_store`` runs them on their own."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from .cli_common import fail_cleanly, field_mapping
from .records import FACTUALITY_VALUES

F = TypeVar("F", bound=Callable[..., Any])
DB_HELP = "the store: a file path (SQLite), sqlite:///PATH or postgresql://USER@HOST/DB [env NEWSGRAPH_DB]"


def _db_option(fn: F) -> F:
    return click.option(
        "--db", default="newsgraph.db", envvar="NEWSGRAPH_DB", show_default=True, help=DB_HELP
    )(fn)


class _EchoErrors(logging.Handler):
    """Shows the store's per-article warnings on stderr while a command runs."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"error: {record.getMessage()}", err=True)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--published", metavar="DATE", help="publication date (YYYY-MM-DD) for documents that give none"
)
@_db_option
@click.option(
    "--workers", type=click.IntRange(min=1), default=1, show_default=True, help="processes to run in parallel"
)
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=50, show_default=True, help="articles per transaction"
)
@click.option(
    "--window-days",
    type=click.IntRange(min=0),
    default=None,
    help="clustering window in days (a new store: 3; an existing store keeps its own)",
)
@click.option(
    "--input-format",
    "fmt_in",
    type=click.Choice(["text", "html", "jsonl", "csv", "warc"]),
    help="force a reader instead of choosing by file suffix",
)
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="OURS=THEIRS",
    help="map a JSONL/CSV key to ours (id, title, text, published, url, publisher)",
)
@click.option("--max-chars", type=click.IntRange(min=1), help="longest document accepted (characters)")
@click.option("--no-geocode", is_flag=True, help="skip place geocoding")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="the summary: one line, or a JSON object",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="progress bar on stderr: articles/s and time left  [default: when stderr is a terminal]",
)
@click.option(
    "--error-log",
    metavar="PATH",
    help="JSON lines of failed documents (origin, id, error)  [default: next to the store, DB.errors.jsonl]",
)
@click.option(
    "--no-resume",
    is_flag=True,
    help="read every file again, ignoring the journal of finished files (stored texts are still skipped)",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="run on a Dask cluster: a scheduler address (tcp://host:8786), "
    "or 'local' for a LocalCluster of --workers processes",
)
@click.option(
    "--out",
    metavar="DIR",
    help="with --dask: write Parquet partitions (events/, mentions/) here; "
    "the store is then written only if --db is given",
)
@click.option(
    "--partition-mb",
    type=click.FloatRange(min=0),
    default=16,
    show_default=True,
    help="with --dask: split uncompressed JSON Lines files into tasks of this many MB (0: one task per file)",
)
@fail_cleanly
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    published: str | None,
    db: str,
    workers: int,
    batch_size: int,
    window_days: int | None,
    fmt_in: str | None,
    fields: tuple[str, ...],
    max_chars: int | None,
    no_geocode: bool,
    fmt: str,
    progress: bool | None,
    error_log: str | None,
    no_resume: bool,
    dask_address: str | None,
    out: str | None,
    partition_mb: float,
) -> None:
    """Extract events from files (text, HTML, JSONL, CSV, WARC; directories, globs, - for stdin)
    and store them with their canonical events. Idempotent: stored articles are skipped, and an
    interrupted run resumes where it stopped. With --dask, runs on a Dask cluster."""
    from .config import Settings
    from .readers import ReadOptions
    from .scale import default_error_log
    from .store import ingest as run_ingest

    kw: dict[str, Any] = {"fields": field_mapping(fields), "format": fmt_in}
    if max_chars:
        kw["max_chars"] = max_chars
    options = ReadOptions(**kw)
    settings = Settings.from_env(geocode=False if no_geocode else None, max_chars=max_chars)
    if progress is None:
        progress = sys.stderr.isatty()
    db_given = ctx.get_parameter_source("db") not in (None, click.core.ParameterSource.DEFAULT)
    use_db = dask_address is None or db_given or out is None
    if out is not None and dask_address is None:
        raise click.UsageError("--out (Parquet partitions) goes with --dask; without it, events go to --db.")
    log_path = error_log or str(default_error_log(db if use_db else out))
    log = logging.getLogger("newsgraph.store")
    handler: logging.Handler = _EchoErrors(logging.WARNING)
    # With a bar, failed documents go to the error log only, not between the bar's redraws.
    if progress:
        handler = logging.NullHandler()
    log.addHandler(handler)
    try:
        if dask_address is not None:
            from .scale.dask import dask_ingest

            dstats = dask_ingest(
                paths,
                dask_address,
                out=out,
                db=db if use_db else None,
                settings=settings,
                read_options=options,
                published=published,
                workers=workers if ctx.get_parameter_source("workers") != click.core.ParameterSource.DEFAULT else None,
                partition_mb=partition_mb,
                batch_size=batch_size,
                window_days=window_days,
                progress=progress,
                error_log=log_path,
                resume=not no_resume,
            )
            click.echo(json.dumps(dstats.to_dict(), indent=2) if fmt == "json" else f"ingest: {dstats.summary()}")
            _tell_error_log(log_path, dstats.errors_logged)
            if dstats.failed and not (dstats.articles or dstats.units_skipped or dstats.stored_before):
                sys.exit(1)
            return
        from .scale import ErrorLog

        with ErrorLog(log_path) as errors_out:
            stats = run_ingest(
                paths,
                db,
                settings=settings,
                workers=workers,
                published=published,
                read_options=options,
                batch_size=batch_size,
                window_days=window_days,
                progress=progress,
                error_log=errors_out,
                resume=not no_resume,
            )
    finally:
        log.removeHandler(handler)
    click.echo(json.dumps(stats.to_dict(), indent=2) if fmt == "json" else f"ingest: {stats.summary()}")
    _tell_error_log(log_path, errors_out.count)
    if stats.articles_failed and not (stats.articles_new or stats.articles_skipped):
        sys.exit(1)


def _tell_error_log(path: str, count: int) -> None:
    if count:
        click.echo(f"ingest: {count} failed document(s) logged in {path}", err=True)


@click.command("events")
@_db_option
@click.option("--actor", metavar="NAME", help="a name, alias or id: events where it is source or target")
@click.option("--since", metavar="DATE", help="event dates from (YYYY-MM-DD, YYYY-MM or YYYY)")
@click.option("--until", metavar="DATE", help="event dates up to (inclusive)")
@click.option(
    "--dyad", metavar="SOURCE,TARGET", help="source and target (names or ids; leave one empty for any)"
)
@click.option("--cameo", metavar="CODE", help="CAMEO code or prefix (05, 051)")
@click.option("--plover", metavar="TYPE", help="PLOVER type (SUPPORT, ASSAULT, ...)")
@click.option("--quad", type=click.IntRange(1, 4), help="QuadClass 1-4")
@click.option("--country", metavar="ISO3", help="where it happened")
@click.option("--place", metavar="NAME", help="place name or GeoNames id of a mention")
@click.option("--factuality", type=click.Choice(FACTUALITY_VALUES), help="the canonical event's factuality")
@click.option("--publisher", metavar="NAME", help="publisher of a mention's article")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    help="one page of this many events (the next cursor goes to stderr)",
)
@click.option("--cursor", metavar="CURSOR", help="continue after the page that gave this cursor")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json", show_default=True)
@fail_cleanly
def events(
    db: str,
    actor: str | None,
    since: str | None,
    until: str | None,
    dyad: str | None,
    cameo: str | None,
    plover: str | None,
    quad: int | None,
    country: str | None,
    place: str | None,
    factuality: str | None,
    publisher: str | None,
    limit: int | None,
    cursor: str | None,
    fmt: str,
) -> None:
    """Stored canonical events with their mentions: a JSON array of event records."""
    from .store import events_page, iter_events

    filters: dict[str, Any] = dict(
        actor=actor,
        since=since,
        until=until,
        dyad=dyad,
        cameo=cameo,
        plover=plover,
        quad=quad,
        country=country,
        place=place,
        factuality=factuality,
        publisher=publisher,
    )
    if limit is None and cursor is None:
        records: Any = iter_events(db, **filters)  # streamed: a large store never sits in memory
        nxt = None
    else:
        page = events_page(db, limit=limit, cursor=cursor, **filters)
        records, nxt = page.items, page.next
    _write(records, fmt)
    if nxt:
        click.echo(f"next cursor: {nxt}", err=True)


def _write(records: Any, fmt: str) -> None:
    out = sys.stdout
    if fmt == "jsonl":
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
        out.flush()
        return
    out.write("[")
    for i, r in enumerate(records):
        out.write(("," if i else "") + "\n" + json.dumps(r, ensure_ascii=False, indent=2))
    out.write("\n]\n")
    out.flush()


@click.command("recluster")
@_db_option
@click.option("--window-days", type=click.IntRange(min=0), default=None, help="new clustering window in days")
@fail_cleanly
def recluster(db: str, window_days: int | None) -> None:
    """Rebuild the canonical events from the stored mentions (another window, or an
    ingest-order-independent result)."""
    from .store import recluster as run_recluster

    click.echo(f"recluster: {run_recluster(db, window_days=window_days)} canonical events")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """newsgraph store commands (also part of the main newsgraph command)."""


main.add_command(ingest)
main.add_command(events)
main.add_command(recluster)

if __name__ == "__main__":  # pragma: no cover - exercised through a subprocess in the tests
    main()
