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

from .cli_common import fail_cleanly
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
@fail_cleanly
def ingest(
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
) -> None:
    """Extract events from files (text, HTML, JSONL, CSV, WARC; directories, globs, - for stdin)
    and store them with their canonical events. Idempotent: stored articles are skipped."""
    from .config import Settings
    from .readers import ReadOptions
    from .store import ingest as run_ingest

    mapping = {}
    for f in fields:
        if "=" not in f:
            raise click.BadParameter(f"{f!r}: use OURS=THEIRS, e.g. --field text=body", param_hint="--field")
        ours, theirs = f.split("=", 1)
        mapping[ours.strip()] = theirs.strip()
    kw: dict[str, Any] = {"fields": mapping, "format": fmt_in}
    if max_chars:
        kw["max_chars"] = max_chars
    options = ReadOptions(**kw)
    settings = Settings.from_env(geocode=False if no_geocode else None, max_chars=max_chars)
    log = logging.getLogger("newsgraph.store")
    handler = _EchoErrors(logging.WARNING)
    log.addHandler(handler)
    try:
        stats = run_ingest(
            paths,
            db,
            settings=settings,
            workers=workers,
            published=published,
            read_options=options,
            batch_size=batch_size,
            window_days=window_days,
        )
    finally:
        log.removeHandler(handler)
    click.echo(json.dumps(stats.to_dict(), indent=2) if fmt == "json" else f"ingest: {stats.summary()}")
    if stats.articles_failed and not (stats.articles_new or stats.articles_skipped):
        sys.exit(1)


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
