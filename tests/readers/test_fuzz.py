"""Whatever bytes a file holds, read_paths yields Articles and ReaderErrors and never raises."""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import ReaderError
from newsgraph.readers import ReadOptions, read_paths
from newsgraph.records import Article

SUFFIXES = (".txt", ".html", ".jsonl", ".json", ".csv", ".tsv", ".warc", ".jsonl.gz", ".warc.gz", ".unknown")
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Bytes that look like the start of each format, so the fuzzing gets past the first check.
PREFIXES = st.sampled_from(
    [
        b"",
        b"WARC/1.0\r\n",
        b"\x1f\x8b\x08\x00",
        b'{"text": "',
        b"[",
        b"<html><body><p>",
        b"id,text\n",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
    ]
)


def _check(results: Sequence[object]) -> None:
    for result in results:
        assert isinstance(result, (Article, ReaderError)), result
        if isinstance(result, Article):
            assert result.text and result.id


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.mark.parametrize("suffix", SUFFIXES)
@FUZZ
@given(prefix=PREFIXES, data=st.binary(max_size=600))
def test_random_bytes_never_raise(fuzz_dir: Path, suffix: str, prefix: bytes, data: bytes) -> None:
    path = fuzz_dir / f"doc{suffix}"
    content = prefix + data
    if suffix.endswith(".gz") and not prefix.startswith(b"\x1f\x8b"):
        content = gzip.compress(content)[: len(content) + 20]  # gzip, sometimes cut short
    path.write_bytes(content)
    _check(list(read_paths([path], ReadOptions(max_chars=400))))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "title", "text", "published", "url", "publisher", "other"])
            | st.text(max_size=5),
            children,
            max_size=6,
        )
    ),
    max_leaves=12,
)


@FUZZ
@given(values=st.lists(JSON_VALUES, max_size=8))
def test_random_json_values_as_lines_never_raise(fuzz_dir: Path, values: list[object]) -> None:
    path = fuzz_dir / "values.jsonl"
    # allow_nan: NaN and Infinity are what careless JSON writers produce, and json.loads accepts them.
    path.write_text("".join(json.dumps(v) + "\n" for v in values), encoding="utf-8")
    results = list(read_paths([path]))
    _check(results)
    assert len(results) == max(1, len(values))  # one result per line; an empty file is one error


@FUZZ
@given(values=st.lists(JSON_VALUES, max_size=8))
def test_random_json_arrays_never_raise(fuzz_dir: Path, values: list[object]) -> None:
    path = fuzz_dir / "values.json"
    path.write_text(json.dumps(values), encoding="utf-8")
    results = list(read_paths([path]))
    _check(results)
    assert len(results) == max(1, len(values))
