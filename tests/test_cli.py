"""The command line: extract on the shipped example, errors reported, batch goes on."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsgraph.cli import main

from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_extract_example_prints_contract_records():
    res = CliRunner().invoke(main, ["extract", str(EXAMPLES / "sahel-pledge.txt"), "--published", "2019-05-12"])
    assert res.exit_code == 0, res.output
    events = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    assert events
    for e in events:
        for key in ("id", "article", "sentence", "source", "target", "cameo", "cameo_root", "plover", "quad",
                    "goldstein", "trigger", "date", "place", "factuality", "attribution", "confidence"):
            assert key in e
        assert e["cameo_root"] == e["cameo"][:2]
        assert e["factuality"] in ("asserted", "negated", "hedged", "future", "hypothetical", "claimed", "habitual")
        text = (EXAMPLES / "sahel-pledge.txt").read_text().split("\n", 1)[1]
        # Offsets point into the article's cleaned text; the article's text is what we read.
        assert e["sentence"]["text"]


def test_extract_reports_a_bad_file_and_goes_on(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    good = tmp_path / "good.txt"
    good.write_text("Title\n\nPakistani troops attacked Taliban fighters in Waziristan.\n")
    res = CliRunner().invoke(main, ["extract", str(bad), str(good), "--published", "2015-03-04"])
    assert res.exit_code == 0
    assert "bad.txt" in res.stderr
    assert any(json.loads(x)["cameo"].startswith("19") for x in res.stdout.splitlines() if x.strip())


def test_extract_fails_when_nothing_could_be_read(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    res = CliRunner().invoke(main, ["extract", str(empty)])
    assert res.exit_code == 1
    assert "empty.txt" in res.stderr
