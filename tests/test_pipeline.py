"""The pipeline as a whole: stable ids, one bad article does not stop a batch, stage checks."""

from __future__ import annotations

import pytest

from newsgraph.errors import ConfigError, ReaderError
from newsgraph.pipeline import Pipeline, Stage
from newsgraph.records import Article

TEXT = (
    "Pakistani troops attacked Taliban fighters in South Waziristan on Monday. "
    "The Afghan government condemned the attack."
)


def test_event_ids_are_stable_across_runs(pipeline):
    a = Article(id="x1", text=TEXT, published="2015-03-04")
    first = [e.id for e in pipeline.process(a).events]
    second = [e.id for e in Pipeline(pipeline.settings).process(a).events]
    assert first and first == second
    assert len(set(first)) == len(first)


def test_bad_items_do_not_stop_the_batch(pipeline):
    items = [
        ReaderError("broken.jsonl#line 2", "not JSON"),
        Article(id="ok", text=TEXT, published="2015-03-04"),
    ]
    results = list(pipeline.process_many(items))
    assert results[0].error and "broken.jsonl#line 2" in results[0].error
    assert results[1].error is None and results[1].events


def test_a_stage_needing_what_nobody_provides_fails_at_build(pipeline):
    p = Pipeline.__new__(Pipeline)
    p.doc_stages = [Stage("needs_magic", frozenset({"magic"}), frozenset(), lambda d: d)]
    p.code_stage = pipeline.code_stage
    p.event_stages = []
    with pytest.raises(ConfigError, match="magic"):
        p._check()


def test_registry_lists_builtins():
    from newsgraph.registry import registry

    assert "rules_coder.v1" in registry.coders.names()
    assert "spacy.v1" in registry.annotators.names()
    with pytest.raises(ConfigError, match="Available: .*rules_coder.v1"):
        registry.coders.get("nope.v9")
