"""The relations and export commands (click), on an events file."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsgraph.cli_graph import export_cmd, relations_cmd


def test_relations_command_prints_a_json_array(canonical_events_path):
    args = ["--events", str(canonical_events_path), "--actor", "Pakistani Taliban", "--as-of", "2014-10-05"]
    result = CliRunner().invoke(relations_cmd, args)
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert any(r["kind"] == "support" and r["target"]["id"] == "islamic_state" for r in records)


def test_relations_command_bad_date_is_one_line(canonical_events_path):
    result = CliRunner().invoke(relations_cmd, ["--events", str(canonical_events_path), "--as-of", "soon"])
    assert result.exit_code == 1
    assert result.output.startswith("Error:") and "YYYY-MM-DD" in result.output


def test_export_command_prints_the_files(tmp_path, canonical_events_path):
    args = ["--format", "graphml", "--out", str(tmp_path), "--events", str(canonical_events_path)]
    result = CliRunner().invoke(export_cmd, args)
    assert result.exit_code == 0, result.output
    assert str(tmp_path / "relations.graphml") in result.output.splitlines()
