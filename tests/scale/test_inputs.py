"""Units of input: a unit reads exactly what read_paths reads (same Articles, errors, origins),
whole or split into ranges of lines."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsgraph.errors import ReaderError
from newsgraph.readers import ReadOptions, read_paths
from newsgraph.scale.inputs import Unit, plan, read_unit, split_jsonl

ARTICLES = Path(__file__).parents[1] / "data" / "articles"


def _key(item):
    if isinstance(item, ReaderError):
        return ("error", type(item).__name__, item.origin, str(item))
    return ("article", item)


def _via_units(paths, options=None, split=None):
    options = options or ReadOptions()
    out = []
    for unit in plan(paths, options, split_bytes=split):
        if isinstance(unit, ReaderError):
            out.append(unit)
        else:
            out.extend(item for item, _pos in read_unit(unit, options))
    return [_key(i) for i in out]


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    lines = []
    for i in range(120):
        if i % 17 == 3:
            lines.append("")  # blank
        if i % 29 == 5:
            lines.append("{broken")
        lines.append(json.dumps({"title": f"T{i}", "text": f"Text number {i}. " + "word " * (i % 40), "url": f"u{i}"}))
    body = "\n".join(lines) + "\n"
    (d / "a.jsonl").write_text(body, encoding="utf-8")
    with gzip.open(d / "b.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(body[:3000])
    (d / "c.csv").write_text("id,title,text\n1,One,First text here\n2,Two,\n3,Three,Third text\n", encoding="utf-8")
    (d / "d.txt").write_text("A plain text article about a meeting.\n", encoding="utf-8")
    (d / "e.html").write_text("<html><body><article><p>An HTML article about talks.</p></article></body></html>")
    (d / "f.json").write_text(json.dumps([{"text": "array one"}, {"text": "array two"}, 3]), encoding="utf-8")
    (d / "g").write_text('{"text": "sniffed as JSON lines"}\n', encoding="utf-8")
    (d / "empty.jsonl").write_text("", encoding="utf-8")
    return d


def test_units_read_what_read_paths_reads(mixed, tmp_path):
    paths = [str(mixed), str(ARTICLES / "congo-m23.txt"), str(tmp_path / "absent.jsonl"), str(mixed / "*.csv")]
    want = [_key(i) for i in read_paths(paths)]
    assert len(want) > 140
    assert _via_units(paths) == want
    opts = ReadOptions(published="2020-01-02", fields={"title": "url"})
    assert _via_units(paths, opts) == [_key(i) for i in read_paths(paths, opts)]


@pytest.mark.parametrize("split", [1, 200, 1000, 5000])
def test_split_ranges_read_what_the_whole_file_reads(mixed, split):
    path = mixed / "a.jsonl"
    units = plan([path], split_bytes=split)
    assert len(units) > 1
    assert all(isinstance(u, Unit) and u.is_part for u in units)
    assert units[0].start == 0 and units[-1].end == path.stat().st_size
    assert all(a.end == b.start for a, b in zip(units, units[1:], strict=False))
    assert _via_units([path], split=split) == [_key(i) for i in read_paths([path])]


def test_only_plain_json_lines_files_are_split(mixed):
    for name in ("b.jsonl.gz", "c.csv", "f.json"):
        (unit,) = plan([mixed / name], split_bytes=10)
        assert not unit.is_part
    (unit,) = plan([mixed / "a.jsonl"], ReadOptions(format="csv"), split_bytes=10)
    assert not unit.is_part


def test_split_points_start_lines(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(b"".join(b'{"text": "%d"}\n' % i for i in range(1000)))
    unit = plan([path])[0]
    parts = list(split_jsonl(unit, 999))
    data = path.read_bytes()
    for p in parts:
        assert p.start == 0 or data[p.start - 1 : p.start] == b"\n"
        assert p.first_line == data[: p.start].count(b"\n") + 1
        assert p.length >= 999 or p is parts[-1]


def test_positions_grow_to_the_unit_size(mixed):
    (unit,) = plan([mixed / "a.jsonl"])
    positions = [pos for _item, pos in read_unit(unit)]
    assert positions == sorted(positions)
    assert positions[-1] == unit.size
    for part in plan([mixed / "a.jsonl"], split_bytes=2000):
        positions = [pos for _item, pos in read_unit(part)]
        assert positions == sorted(positions) and 0 < positions[-1] <= part.length
