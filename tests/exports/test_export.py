"""export(): format registry, folders, errors."""

from __future__ import annotations

import pytest

from newsgraph.errors import ConfigError
from newsgraph.exports import FORMATS, export


def test_unknown_format_lists_the_available_ones(tmp_path):
    with pytest.raises(ConfigError, match="plover-jsonl, gdelt-tsv, parquet, graphml, gexf"):
        export("csv", tmp_path, events=[])


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_writes_into_a_new_folder(tmp_path, events, fmt):
    needs = FORMATS[fmt][2]
    if needs:
        pytest.importorskip(needs)
    out = tmp_path / "a" / "b"
    paths = export(fmt, out, events=events)
    assert paths and all(p.parent == out and p.stat().st_size > 0 for p in paths)


def test_progress_wraps_the_event_stream(tmp_path, events):
    seen = []

    def progress(stream):
        for e in stream:
            seen.append(e["id"])
            yield e

    export("gdelt-tsv", tmp_path, events=events, progress=progress)
    assert seen == [e["id"] for e in events]
