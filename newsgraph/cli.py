"""The ``newsgraph`` command. Each command is a thin wrapper over a library function; library
errors (NewsgraphError) become a one-line message and exit code 1."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from . import __version__
from .cli_common import fail_cleanly as _fail_cleanly
from .cli_common import field_mapping

F = TypeVar("F", bound=Callable[..., Any])


def _read_options(published: str | None, max_chars: int | None, fmt_in: str | None, fields: tuple[str, ...]) -> Any:
    from .readers import ReadOptions

    kw: dict[str, Any] = {"published": published, "fields": field_mapping(fields), "format": fmt_in}
    if max_chars:
        kw["max_chars"] = max_chars
    return ReadOptions(**kw)


def _common_read_options(fn: F) -> F:
    fn = click.option("--published", metavar="DATE", help="publication date (YYYY-MM-DD) for documents that give none")(
        fn
    )
    fn = click.option(
        "--input-format",
        "fmt_in",
        type=click.Choice(["text", "html", "jsonl", "csv", "warc"]),
        help="force a reader instead of choosing by file suffix",
    )(fn)
    fn = click.option(
        "--field",
        "fields",
        multiple=True,
        metavar="OURS=THEIRS",
        help="map a JSONL/CSV key to ours (id, title, text, published, url, publisher)",
    )(fn)
    fn = click.option("--max-chars", type=int, help="longest document accepted (characters)")(fn)
    return fn


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsgraph")
def main() -> None:
    """newsgraph: news articles to political event data and an actor-relation graph."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_common_read_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json", "table"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one event record per line; table: one readable line per event",
)
@click.option("--workers", type=int, default=1, show_default=True, help="processes to run in parallel")
@click.option("--no-geocode", is_flag=True, help="skip place geocoding")
@click.option("--coder", metavar="NAME", help="registered coder: rules_coder.v1 (default) or hybrid_coder.v1")
@_fail_cleanly
def extract(
    paths: tuple[str, ...],
    published: str | None,
    fmt_in: str | None,
    fields: tuple[str, ...],
    max_chars: int | None,
    fmt: str,
    workers: int,
    no_geocode: bool,
    coder: str | None,
) -> None:
    """Events of the given files (text, HTML, JSONL, CSV, WARC; directories, globs, - for stdin)
    as JSON lines on stdout. Unreadable documents are reported on stderr; the rest go on."""
    from .extract import extract as run_extract

    options = _read_options(published, max_chars, fmt_in, fields)
    n_ok = n_err = 0
    out = sys.stdout
    events_all: list[dict[str, Any]] = []
    from .config import Settings

    settings = Settings.from_env(geocode=not no_geocode, coder=coder, max_chars=options.max_chars)
    for result in run_extract(paths, options, workers=workers, settings=settings):
        if result.error:
            n_err += 1
            click.echo(f"error: {result.error}", err=True)
            continue
        n_ok += 1
        for e in result.events:
            if fmt == "jsonl":
                out.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
            elif fmt == "table":
                out.write(_table_row(e.to_dict()) + "\n")
            else:
                events_all.append(e.to_dict())
    if fmt == "json":
        json.dump(events_all, out, ensure_ascii=False, indent=2)
        out.write("\n")
    out.flush()
    if n_err:
        click.echo(f"{n_ok} documents coded, {n_err} failed (see the errors above)", err=True)
    if n_ok == 0 and n_err:
        sys.exit(1)


def _table_row(d: dict[str, Any]) -> str:
    def actor(a: dict[str, Any] | None) -> str:
        if not a:
            return "-"
        name = a.get("name") or a.get("text") or "?"
        aff = a.get("affiliation")
        return f"{name} ({aff['name']})" if aff and aff.get("name") and a.get("type") == "person" else name

    place = (d.get("place") or {}).get("name") or ""
    said = "; ".join(a.get("name") or a.get("text") for a in d.get("attribution") or [])
    return (
        f"{actor(d['source'])[:34]:34} -> {actor(d['target'])[:30]:30} {d['cameo']:5} {str(d['plover'] or '-'):9} "
        f"{(d['date'] or {}).get('value') or '-':10} {d['factuality']:12} {place[:14]:14} {said[:30]}"
    ).rstrip()


@main.command("eval")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True)
@click.option(
    "--petrarch-dicts",
    type=click.Path(exists=True, file_okay=False),
    help="folder with PETR.Validate.{actors,agents,verbs}.txt: code PETRARCH sets with those dictionaries",
)
@click.option("--coder", metavar="NAME", help="registered coder to score (default rules_coder.v1)")
@_fail_cleanly
def eval_cmd(files: tuple[str, ...], fmt: str, petrarch_dicts: str | None, coder: str | None) -> None:
    """Score the coder on gold JSONL files (event records and actor/place/factuality records)."""
    from .config import Settings
    from .evaluate import evaluate

    report = evaluate(files, settings=Settings.from_env(geocode=False, coder=coder), petrarch_dicts=petrarch_dicts)
    if fmt == "json":
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    for name, scores in report["sets"].items():
        click.echo(f"== {name}")
        for k, v in scores.items():
            if isinstance(v, dict):
                inner = (
                    ", ".join(f"{a}={b}" for a, b in v.items())
                    if all(not isinstance(b, (dict, list)) for b in v.values())
                    else json.dumps(v)
                )
                click.echo(f"  {k}: {inner}")
            elif isinstance(v, list):
                for item in v[:10]:
                    click.echo(f"  {k}: {item}")
            else:
                click.echo(f"  {k}: {v}")


def _add_subcommands() -> None:
    """Store, graph and training commands live in their own modules (each a thin wrapper over
    its library package)."""
    from .bench import bench_command
    from .cli_graph import export_cmd, relations_cmd
    from .cli_learn import model_info_cmd, train_cmd
    from .cli_serve import serve
    from .cli_store import events, ingest

    for cmd in (ingest, events, relations_cmd, export_cmd, serve, train_cmd, model_info_cmd, bench_command):
        main.add_command(cmd)
    try:
        from .cli_store import recluster
    except ImportError:
        return
    main.add_command(recluster)


_add_subcommands()


@main.group("kb")
def kb_group() -> None:
    """The actor knowledge base: import dictionaries, look actors up."""


@kb_group.command("import-petrarch")
@click.argument("actors", type=click.Path(exists=True, dir_okay=False))
@click.option("--agents", type=click.Path(exists=True, dir_okay=False), help="a PETRARCH agents dictionary")
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False), help="YAML file to write (load it with NEWSGRAPH_KB_PATHS)"
)
@_fail_cleanly
def kb_import_petrarch(actors: str, agents: str | None, out: str) -> None:
    """Convert PETRARCH/CAMEO-format actor (and agent) dictionaries into newsgraph's YAML format."""
    from .kb.export import write_kb_yaml
    from .kb.petrarch import load_petrarch_actors, load_petrarch_agents

    loaded = load_petrarch_actors(actors)
    agent_words = load_petrarch_agents(agents) if agents else None
    path = write_kb_yaml(loaded, out, agent_words)
    click.echo(f"{len(loaded)} actors{f' and {len(agent_words)} agent words' if agent_words else ''} written to {path}")


@kb_group.command("lookup")
@click.argument("name")
@click.option("--date", metavar="DATE", help="resolve roles as of this date (YYYY-MM-DD)")
@_fail_cleanly
def kb_lookup(name: str, date: str | None) -> None:
    """Resolve a name, alias or role ("the Pakistani Taliban leader") to an actor."""
    from .resolve.actors import ActorResolver

    click.echo(json.dumps(ActorResolver().resolve_name(name, date).to_dict(), indent=2, ensure_ascii=False))


if __name__ == "__main__":  # pragma: no cover
    main()
