"""The ``train`` and ``model-info`` commands: thin wrappers over newsgraph.learn.train and the
learned model's stored report. Registered on the main group in cli.py
(``main.add_command(train_cmd)``, ``main.add_command(model_info_cmd)``)."""

from __future__ import annotations

import json

import click

from .cli_common import fail_cleanly

__all__ = ["model_info_cmd", "train_cmd"]


@click.command("train")
@click.argument("dev_dir", type=click.Path(exists=True, file_okay=False))
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False),
    help="where to write the model (default: the packaged newsgraph/data/models/learned.v1.npz)",
)
@click.option("--folds", type=int, default=5, show_default=True, help="cross-validation folds")
@click.option("--seed", type=int, default=0, show_default=True, help="seed of the fold split")
@click.option(
    "--embeddings",
    "embeddings_kind",
    type=click.Choice(["auto", "distill", "shipped", "none"]),
    default="auto",
    show_default=True,
    help="distill the MiniLM table (needs the train extra), reuse the shipped one, or none",
)
@click.option(
    "--cache",
    type=click.Path(file_okay=False),
    envvar="NEWSGRAPH_TRAIN_CACHE",
    help="folder to keep the parsed and rule-coded dev texts between runs",
)
@click.option("--no-end-to-end", is_flag=True, help="skip the end-to-end hybrid coder scores in the CV report")
@click.option("--no-save", is_flag=True, help="only cross-validate: write no model")
@click.option("--bench", is_flag=True, help="also time the coder stage, rules alone and hybrid (sentences/s)")
@fail_cleanly
def train_cmd(
    dev_dir: str,
    out_path: str | None,
    folds: int,
    seed: int,
    embeddings_kind: str,
    cache: str | None,
    no_end_to_end: bool,
    no_save: bool,
    bench: bool,
) -> None:
    """Train the learned layer (PLOVER dyad classifier, CASE 2021 snippet classifier) on the
    development gold sets in DEV_DIR (plv_train.jsonl, case2021_task2_dev.jsonl) and print the
    cross-validation report as JSON."""
    from .learn.model import default_path
    from .learn.train import train

    res = train(
        dev_dir,
        None if no_save else (out_path or default_path()),
        folds=folds,
        seed=seed,
        embeddings_kind=embeddings_kind,
        cache=cache,
        end_to_end=not no_end_to_end,
        bench=bench,
    )
    click.echo(json.dumps(res.report, indent=2))


@click.command("model-info")
@click.option(
    "--model",
    "model_path",
    type=click.Path(exists=True, dir_okay=False),
    help="a model file (default: the packaged one)",
)
@fail_cleanly
def model_info_cmd(model_path: str | None) -> None:
    """The learned model's training report (data, hyperparameters, cross-validation scores)."""
    from .learn.model import LearnedModel

    m = LearnedModel.load(model_path)
    click.echo(json.dumps(m.meta, indent=2))
