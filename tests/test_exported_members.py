"""The public surface: __all__ lists exactly what the package exports, every name resolves,
and importing newsgraph does not load spaCy (reading files should stay cheap)."""

from __future__ import annotations

import subprocess
import sys

import newsgraph


def test_all_names_resolve_and_nothing_public_is_missing():
    public = {
        n for n in dir(newsgraph)
        if not n.startswith("_") and n != "annotations" and not isinstance(getattr(newsgraph, n), type(sys))
    }
    assert set(newsgraph.__all__) - {"__version__"} == public
    for name in newsgraph.__all__:
        assert getattr(newsgraph, name) is not None


def test_import_is_light():
    code = "import sys, newsgraph; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
