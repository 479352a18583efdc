"""The shipped learned model: it loads, predicts the same way every time, relabels the rule
coder's events with an explanation, and hybrid_coder.v1 is a registered coder."""

from __future__ import annotations

import numpy as np
import pytest

from newsgraph.errors import ModelError
from newsgraph.learn.model import GENERIC_CODE, LearnedModel, LinearHead, default_path, load_model, relabel
from newsgraph.records import Article

PLV_TYPES = set(GENERIC_CODE)


def test_shipped_artefact_loads_and_is_small():
    path = default_path()
    assert path.exists(), "newsgraph/data/models/learned.v1.npz is part of the package"
    assert path.stat().st_size < 6 * 1024 * 1024
    m = load_model()
    assert set(m.plover.labels) == PLV_TYPES
    assert m.case is not None and "ARMED_CLASH" in m.case.labels
    assert m.embedder is not None and m.embedder.dim == m.plover.w_dense.shape[0] // 4
    rep = m.meta["report"]
    assert rep["folds"] == 5 and rep["plv"]["classifier_given_dyad"]["macro_f1"] > 0.7


def test_missing_artefact_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="newsgraph train"):
        LearnedModel.load(tmp_path / "nope.npz")


def test_save_and_load_round_trip(tmp_path):
    rng = np.random.default_rng(0)
    head = LinearHead(
        labels=["A", "B", "C"],
        feats={"w:x": 0, "w:y": 1},
        w_sparse=rng.normal(size=(2, 3)).astype(np.float32),
        w_dense=np.zeros((0, 3), np.float32),
        bias=np.array([0.1, 0.0, -0.1], np.float32),
        dense_scale=1.0,
    )
    m = LearnedModel(None, head, None, {"note": "toy"})
    m.save(tmp_path / "m.npz")
    back = LearnedModel.load(tmp_path / "m.npz")
    assert back.meta["note"] == "toy" and back.embedder is None and back.case is None
    p1 = head.proba(["w:x", "w:unknown"], np.zeros(0, np.float32))
    p2 = back.plover.proba(["w:x", "w:unknown"], np.zeros(0, np.float32))
    assert np.allclose(p1, p2, atol=1e-3) and np.isclose(p2.sum(), 1.0)


@pytest.mark.slow
def test_relabel_is_deterministic_and_explained(pipeline):
    from newsgraph.coder.rules import RuleCoder

    text = (
        "Russian forces shelled the Ukrainian city of Kharkiv on Monday. "
        "The European Union imposed new sanctions on Iran. "
        "Protesters marched against the government in Khartoum."
    )
    doc = pipeline.annotate(Article(id="t", text=text))
    events = RuleCoder().code(doc)
    a = relabel(events, doc)
    b = relabel(events, doc)
    assert [(e.cameo, e.plover, e.rule, e.confidence) for e in a] == [
        (e.cameo, e.plover, e.rule, e.confidence) for e in b
    ]
    assert a, "the rule coder and the model find events here"
    for e in a:
        assert "plover_clf.v1" in e.rule
        if e.rule.startswith("rules_coder.v1"):
            assert " + plover_clf.v1(" in e.rule
    assert len(relabel(events, doc, propose=False)) == len(events)


@pytest.mark.slow
def test_hybrid_coder_is_registered_and_codes(pipeline):
    import newsgraph.learn.model  # noqa: F401  (registers hybrid_coder.v1)
    from newsgraph.registry import registry

    coder = registry.coders.make("hybrid_coder.v1")
    doc = pipeline.annotate(Article(id="t", text="Israeli warplanes struck Hamas positions in Gaza on Tuesday."))
    events = coder.code(doc)
    assert events and all("plover_clf.v1" in e.rule for e in events)
    assert events[0].plover in ("ASSAULT", "COERCE")


@pytest.mark.slow
def test_predict_case_is_deterministic():
    from newsgraph.learn import predict_case

    text = "Police fired tear gas to disperse hundreds of protesters who had blocked the highway."
    labels = {predict_case(text, []) for _ in range(3)}
    assert len(labels) == 1
    assert labels.pop() in load_model().case.labels  # type: ignore[union-attr]


@pytest.mark.slow
def test_hybrid_with_custom_patterns_passes_rule_events_through(pipeline):
    from newsgraph.coder.patterns import default_patterns
    from newsgraph.coder.rules import RuleCoder
    from newsgraph.learn.model import HybridCoder

    pats = default_patterns()
    doc = pipeline.annotate(Article(id="t", text="Israeli warplanes struck Hamas positions in Gaza on Tuesday."))
    assert HybridCoder(patterns=pats).code(doc) == RuleCoder(pats).code(doc)


def test_low_confidence_disagreement_keeps_the_rule_type():
    import dataclasses as dc

    from newsgraph.learn.model import Prediction, apply_prediction
    from newsgraph.records import Event as Ev
    from newsgraph.records import Sentence, Span

    art = Article(id="a", text="X hit Y.")
    e = Ev(
        article=art,
        sentence=Sentence(0, 0, 8, "X hit Y.", 0, 4),
        source=None,
        target=None,
        cameo="180",
        trigger=Span("hit", 2, 5),
        cameo_root="18",
        plover="ASSAULT",
        quad=4,
        rule="rules_coder.v1/verb:hit#0",
    )
    unsure = Prediction("COERCE", 0.35, {"COERCE": 0.35, "ASSAULT": 0.30})
    kept = apply_prediction(e, unsure, doc=None, min_override=0.4)  # type: ignore[arg-type]
    assert (kept.cameo, kept.plover) == ("180", "ASSAULT") and "model said COERCE" in kept.rule
    agree = apply_prediction(e, dc.replace(unsure, label="ASSAULT", p=0.9), doc=None)  # type: ignore[arg-type]
    assert agree.cameo == "180" and agree.rule.endswith("+ plover_clf.v1(p=0.90)")
    assert (
        unsure.quad == 4
        and dc.replace(unsure, label="CONSULT").quad == 1
        and dc.replace(unsure, label="x").quad is None
    )
