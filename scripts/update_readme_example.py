"""Rewrite the example output in README.md from a real run (tests/test_docs.py checks it)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CMD = ["extract", "examples/sahel-pledge.txt", "--published", "2019-05-12"]


def run(*extra: str) -> str:
    out = subprocess.run([sys.executable, "-m", "newsgraph", *CMD, *extra], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    return out.stdout


def main() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = json.dumps(json.loads(run().splitlines()[0]), ensure_ascii=False)
    table = run("--format", "table").rstrip()
    readme = re.sub(r"(```json\n)\{.*?\}(\n```)", lambda m: m.group(1) + first + m.group(2), readme, count=1, flags=re.S)
    readme = re.sub(r"(--format table\n)(.*?)(\n```)", lambda m: m.group(1) + table + m.group(3), readme, count=1,
                    flags=re.S)
    (ROOT / "README.md").write_text(readme, encoding="utf-8")


if __name__ == "__main__":
    main()
