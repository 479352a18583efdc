"""Imported dictionaries written back in our YAML format load as a knowledge base again."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.kb.export import write_kb_yaml
from newsgraph.kb.loader import load_kb
from newsgraph.kb.petrarch import load_petrarch_actors, load_petrarch_agents

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "petrarch"


def test_petrarch_actors_round_trip_through_yaml(tmp_path):
    actors = load_petrarch_actors(FIXTURES / "actors.txt")
    agents = load_petrarch_agents(FIXTURES / "agents.txt")
    out = write_kb_yaml(actors, tmp_path / "petr.yaml", agents)
    kb = load_kb([out])
    for a in actors:
        back = kb.get(a.id)
        assert back is not None and back.name == a.name and back.cameo == a.cameo
        assert set(a.aliases) <= set(back.aliases)
    assert all(kb.agents.get(w) == s for w, s in agents.items() if w in kb.agents)


def test_cli_import_and_lookup(tmp_path, monkeypatch):
    out = tmp_path / "kb.yaml"
    res = CliRunner().invoke(main, ["kb", "import-petrarch", str(FIXTURES / "actors.txt"), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert out.exists()
    res = CliRunner().invoke(main, ["kb", "lookup", "the Pakistani Taliban leader", "--date", "2014-10-06"])
    assert res.exit_code == 0, res.output
    assert '"maulana_fazlullah"' in res.stdout
