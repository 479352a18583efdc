"""A tiny training run on a hand-written toy set (no shared data needed), and, where the
development sets are present, that the shipped model was trained on them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from newsgraph.learn.model import LearnedModel, default_path

EVAL_DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev"

# (text, source, target, type): invented sentences, four types, six each.
TOY_PLV = [
    ("Government troops attacked rebel positions near the border.", "Government troops", "rebel positions", "ASSAULT"),
    ("Militants bombed a police station in the north.", "Militants", "a police station", "ASSAULT"),
    ("The army shelled villages held by the insurgents.", "The army", "villages", "ASSAULT"),
    ("Gunmen killed three soldiers at a checkpoint.", "Gunmen", "three soldiers", "ASSAULT"),
    ("Rebels ambushed a military convoy on the highway.", "Rebels", "a military convoy", "ASSAULT"),
    ("Fighter jets struck militant camps in the valley.", "Fighter jets", "militant camps", "ASSAULT"),
    (
        "The president met the prime minister of Japan in Tokyo.",
        "The president",
        "the prime minister of Japan",
        "CONSULT",
    ),
    (
        "The foreign minister held talks with his French counterpart.",
        "The foreign minister",
        "his French counterpart",
        "CONSULT",
    ),
    ("Chinese leaders hosted a delegation from Brazil.", "Chinese leaders", "a delegation from Brazil", "CONSULT"),
    ("The envoy visited Kenya to discuss trade.", "The envoy", "Kenya", "CONSULT"),
    (
        "Officials from both countries negotiated with the union.",
        "Officials from both countries",
        "the union",
        "CONSULT",
    ),
    ("The chancellor phoned the Russian president on Monday.", "The chancellor", "the Russian president", "CONSULT"),
    ("The opposition accused the government of fraud.", "The opposition", "the government", "ACCUSE"),
    ("Human rights groups criticized the police for the killings.", "Human rights groups", "the police", "ACCUSE"),
    ("The minister condemned the attack by the militants.", "The minister", "the militants", "ACCUSE"),
    ("Activists blamed the company for the spill.", "Activists", "the company", "ACCUSE"),
    ("Prosecutors charged the former mayor with corruption.", "Prosecutors", "the former mayor", "ACCUSE"),
    ("The senator denounced the regime for its crackdown.", "The senator", "the regime", "ACCUSE"),
    ("Japan sent food and medicine to the flood victims.", "Japan", "the flood victims", "AID"),
    ("The World Bank gave a loan to Ghana.", "The World Bank", "Ghana", "AID"),
    ("Volunteers delivered blankets to refugees at the camp.", "Volunteers", "refugees", "AID"),
    ("The United States provided military aid to Ukraine.", "The United States", "Ukraine", "AID"),
    ("The charity donated water pumps to farmers.", "The charity", "farmers", "AID"),
    ("Germany granted asylum to the dissidents.", "Germany", "the dissidents", "AID"),
]
TOY_CASE = [
    ("Police arrested five men suspected of smuggling drugs.", "ARREST"),
    ("Two suspects were detained by police after the raid.", "ARREST"),
    ("Officers arrested the leader of the gang on Friday.", "ARREST"),
    ("Thousands of workers marched through the capital to protest low wages.", "PEACE_PROTEST"),
    ("Students held a peaceful rally outside parliament.", "PEACE_PROTEST"),
    ("Farmers protested against the new law in front of the ministry.", "PEACE_PROTEST"),
    ("Heavy floods destroyed hundreds of homes after days of rain.", "NATURAL_DISASTER"),
    ("An earthquake struck the coastal region, killing twelve people.", "NATURAL_DISASTER"),
    ("A cyclone hit the islands and left thousands homeless.", "NATURAL_DISASTER"),
]


def _write_toy(folder: Path) -> Path:
    folder.mkdir()
    with (folder / "plv_train.jsonl").open("w", encoding="utf-8") as fh:
        for i, (text, s, t, lab) in enumerate(TOY_PLV):
            fh.write(
                json.dumps(
                    {
                        "id": f"toy-{i}",
                        "set": "plv_train",
                        "text": text,
                        "source": s,
                        "target": t,
                        "plover": lab,
                        "quad": None,
                    }
                )
                + "\n"
            )
    with (folder / "case2021_task2_dev.jsonl").open("w", encoding="utf-8") as fh:
        for i, (text, lab) in enumerate(TOY_CASE):
            fh.write(json.dumps({"id": f"case-{i}", "set": "case2021_task2_dev", "text": text, "label": lab}) + "\n")
    return folder


@pytest.mark.slow
def test_tiny_training_run(tmp_path):
    pytest.importorskip("sklearn", reason="training needs scikit-learn (the 'train' extra)")
    from newsgraph.learn.train import train

    dev = _write_toy(tmp_path / "dev")
    kinds = ["none"] + (["shipped"] if default_path().exists() else [])
    for kind in kinds:
        out = tmp_path / f"toy-{kind}.npz"
        res = train(dev, out, folds=2, seed=0, embeddings_kind=kind, cache=tmp_path / "cache")
        rep = res.report
        assert rep["plv"]["n"] == len(TOY_PLV) and rep["case2021"]["n"] == len(TOY_CASE)
        assert 0.0 <= rep["plv"]["classifier_given_dyad"]["macro_f1"] <= 1.0
        assert "hybrid_coder" in rep["plv"]["end_to_end"]
        m = LearnedModel.load(out)
        assert set(m.plover.labels) == {"ASSAULT", "CONSULT", "ACCUSE", "AID"}
        assert m.meta["report"]["seed"] == 0
        # The text of the data is not in the artefact: only feature names and numbers.
        raw = out.read_bytes()
        assert b"flood victims" not in raw
        # Same data, same seed: the same model.
        again = tmp_path / f"toy-{kind}-again.npz"
        train(dev, again, folds=2, seed=0, embeddings_kind=kind, cache=tmp_path / "cache")
        a, b = np.load(out), np.load(again)
        assert sorted(a.files) == sorted(b.files)
        for k in a.files:
            if k != "meta":  # the report's "seconds" differ
                assert np.array_equal(a[k], b[k]), k
        ra, rb = LearnedModel.load(again).meta["report"], m.meta["report"]
        assert {k: v for k, v in ra.items() if k != "seconds"} == {k: v for k, v in rb.items() if k != "seconds"}


def test_shipped_model_was_trained_on_the_dev_sets():
    if not EVAL_DEV.exists():
        pytest.skip(f"{EVAL_DEV} is not here (development data from ../shared is not shipped)")
    meta = LearnedModel.load().meta
    for name, info in meta["report"]["data"].items():
        path = EVAL_DEV / name
        if not path.exists():
            pytest.skip(f"{path} is not here")
        assert hashlib.sha256(path.read_bytes()).hexdigest()[:16] == info["sha256_16"], name


def test_model_info_command_prints_the_report():
    from click.testing import CliRunner

    from newsgraph.cli_learn import model_info_cmd

    res = CliRunner().invoke(model_info_cmd, [])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["report"]["folds"] == 5


@pytest.mark.slow
def test_train_command_on_the_toy_set(tmp_path):
    pytest.importorskip("sklearn", reason="training needs scikit-learn (the 'train' extra)")
    from click.testing import CliRunner

    from newsgraph.cli_learn import train_cmd

    dev = _write_toy(tmp_path / "dev")
    out = tmp_path / "m.npz"
    res = CliRunner().invoke(
        train_cmd, [str(dev), "--out", str(out), "--folds", "2", "--embeddings", "none", "--bench"]
    )
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert report["throughput_coder_stage"]["hybrid_sentences_per_s"] > 0
    assert out.exists()
    res = CliRunner().invoke(train_cmd, [str(dev), "--no-save", "--folds", "2", "--embeddings", "none"])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(train_cmd, [str(tmp_path / "dev"), "--out", str(tmp_path / "x.npz"), "--embeddings", "x"])
    assert res.exit_code != 0
