"""Shared fixtures: the real spaCy pipeline is loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.config import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "articles" / "pakistani-taliban-islamic-state.txt"
EVAL_DEV = SHARED / "eval" / "dev"
CORPUS = SHARED / "corpus"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here (development data from ../shared is not shipped)")
    return path


@pytest.fixture(scope="session")
def pipeline():
    from newsgraph.pipeline import Pipeline

    return Pipeline(Settings.from_env(geocode=True))


@pytest.fixture(scope="session")
def kb():
    from newsgraph.kb.loader import default_kb

    return default_kb()


@pytest.fixture(scope="session")
def code_text(pipeline):
    """Run the whole pipeline on a text; returns the events."""
    from newsgraph.records import Article

    def run(text: str, published: str | None = "2020-06-15"):
        res = pipeline.process(Article(id="t", text=text, published=published))
        assert res.error is None, res.error
        return list(res.events)

    return run
