"""The docs stay honest: the README's example output is what the command prints today, every
command is documented with help, and every registry name resolves."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CMD = ["extract", str(ROOT / "examples" / "sahel-pledge.txt"), "--published", "2019-05-12"]
FIX = "run `python scripts/update_readme_example.py` after checking the new output reads right"


@pytest.mark.slow
def test_readme_table_is_the_real_output():
    res = CliRunner().invoke(main, [*CMD, "--format", "table"])
    assert res.exit_code == 0, res.output
    shown = re.search(r"--format table\n(.*?)\n```", README, re.S)
    assert shown, "README lost its example table"
    assert shown.group(1).strip() == res.stdout.strip(), f"README example table is stale: {FIX}"


@pytest.mark.slow
def test_readme_first_record_is_the_real_output():
    res = CliRunner().invoke(main, CMD)
    first = json.dumps(json.loads(res.stdout.splitlines()[0]), ensure_ascii=False)
    assert first in README, f"README example record is stale: {FIX}"


def test_readme_opens_with_install_and_test_commands():
    block = re.search(r"```bash\n(.*?)\n```", README, re.S)
    assert block
    lines = [x for x in block.group(1).splitlines() if x.strip()]
    assert lines[0].startswith("pip install") and "newsgraph extract" in lines[0]
    assert lines[1] == "python -m pytest"
    assert "python -m pytest" in (ROOT / ".ci" / "run").read_text()


def test_every_command_has_help_and_is_in_the_readme():
    for name, cmd in main.commands.items():
        assert cmd.help or cmd.short_help, f"command {name} has no help"
        assert f"newsgraph {name}" in README, f"command {name} is not in README's command table"


def test_registry_names_resolve():
    from newsgraph.registry import registry

    for reg in registry.all().values():
        for name in reg.names():
            assert callable(reg.get(name))
