"""The CAMEO codebook table (newsgraph/data/cameo/codes.tsv) and its loader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph.coder.ontology import (
    RELATION_KINDS,
    CameoCode,
    goldstein_of,
    is_code,
    load_codes,
    parse_codes,
    plover_of,
    quad_of,
    relation_of,
    root_of,
)
from newsgraph.errors import KnowledgeBaseError

PLOVER_TABLE = Path("/work/shared/eval/dev/CAMEO2PLOVER-2021.txt")
ROOTS = [f"{i:02d}" for i in range(1, 21)]
HEADER = "code\tname\tgoldstein\tplover\tplover_mode\trelation\n"


@pytest.fixture(scope="module")
def codes() -> dict[str, CameoCode]:
    return load_codes()


# --- the table ----------------------------------------------------------------------------------


def test_every_root_is_present(codes: dict[str, CameoCode]) -> None:
    assert [c for c in ROOTS if c not in codes] == []


def test_the_whole_codebook_is_there(codes: dict[str, CameoCode]) -> None:
    # CAMEO 1.1b3 has 296 three- and four-digit codes under its 20 roots.
    assert len([c for c in codes if len(c) > 2]) >= 296
    for code in ["010", "0214", "0356", "046", "057", "075", "0874", "094", "1056", "1125", "1246",
                 "1385", "1454", "155", "1663", "176", "1834", "1952", "196", "2042"]:
        assert code in codes, code


def test_every_code_has_its_parents(codes: dict[str, CameoCode]) -> None:
    orphans = [c for c in codes if c[:2] not in codes or (len(c) == 4 and c[:3] not in codes)]
    assert orphans == []


def test_goldstein_scores_are_on_the_scale(codes: dict[str, CameoCode]) -> None:
    assert [c for c, row in codes.items() if not -10.0 <= row.goldstein <= 10.0] == []


@pytest.mark.parametrize(
    "root, quad",
    [("01", 1), ("03", 1), ("05", 1), ("06", 2), ("07", 2), ("08", 2), ("09", 3), ("11", 3), ("13", 3),
     ("14", 4), ("17", 4), ("20", 4)],
)
def test_quad_follows_the_root(codes: dict[str, CameoCode], root: str, quad: int) -> None:
    assert quad_of(root) == quad
    assert {row.quad for row in codes.values() if row.root == root} == {quad}


def test_known_values(codes: dict[str, CameoCode]) -> None:
    assert codes["051"].plover == "SUPPORT" and codes["051"].goldstein == 3.4
    assert codes["051"].name == "Praise or endorse"
    assert plover_of("190") == "ASSAULT" and goldstein_of("190") == -10.0
    assert plover_of("112") == "ACCUSE" and quad_of("112") == 3
    assert codes["057"].goldstein == 8.0 and codes["0874"].goldstein == 10.0
    assert codes["041"].plover_mode == "phone"


def test_relations_follow_the_stated_policy(codes: dict[str, CameoCode]) -> None:
    assert {row.relation for row in codes.values()} - {None} <= RELATION_KINDS
    assert relation_of("051") == "support"  # praise or endorse
    assert relation_of("057") == "alliance"  # formal agreement
    assert relation_of("075") == "harbouring"  # grant asylum
    assert relation_of("161") == "split"  # break diplomatic relations
    assert relation_of("112") == "accusation"
    assert relation_of("138") == "hostility" and relation_of("190") == "hostility"
    # One-off moves say nothing lasting about a relation.
    assert relation_of("010") is None and relation_of("020") is None and relation_of("040") is None
    # Every conflict code from threats on is hostile or a split or an accusation, never support.
    assert all(codes[c].relation in {"hostility", "split", "accusation"} for c in codes if c[:2] >= "13")


# --- lookups ------------------------------------------------------------------------------------


def test_lookups_fall_back_to_parent_then_root() -> None:
    # 1834 is in the codebook but not in the PLOVER table: it takes 183's type.
    assert plover_of("1834") == plover_of("183") == "ASSAULT"
    # GDELT gives 1951 no score: it takes 195's.
    assert goldstein_of("1951") == goldstein_of("195") == -10.0
    # Codes outside the codebook (PETRARCH test codes) still get their parent's values.
    assert not is_code("1717")
    assert plover_of("1717") == "COERCE" and goldstein_of("1717") == goldstein_of("171")
    assert relation_of("1717") == "hostility"
    # PLOVER drops roots 01/02 and splits 08, so those have no type.
    assert plover_of("010") is None and plover_of("0211") is None and plover_of("08") is None
    assert plover_of("080") == "CONCEDE" and plover_of("0871") == "RETREAT"


def test_root_of_and_is_code() -> None:
    assert root_of("1823") == "18" and root_of("05") == "05"
    assert is_code("0211") and is_code("20") and not is_code("21") and not is_code("abc")
    for bad in ["", "5", "21", "00", "12345", "x12"]:
        with pytest.raises(ValueError, match="not a CAMEO event code"):
            root_of(bad)


# --- malformed data -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, problem",
    [
        ("01\tStatement\t0.0\t\t\t\n01\tAgain\t0.0\t\t\t\n", "listed twice"),
        ("01\tStatement\t0.0\t\t\n", "expected 6 tab-separated cells"),
        ("01\tStatement\tlots\t\t\t\n", "not a number"),
        ("01\tStatement\t12.0\t\t\t\n", "outside -10..10"),
        ("01\tStatement\t\t\t\t\n", "needs a Goldstein score"),
        ("01\tStatement\t0.0\t\t\t\n0111\tOrphan\t0.0\t\t\t\n", "no parent row 011"),
        ("01\tStatement\t0.0\tagree\t\t\n", "PLOVER type"),
        ("01\tStatement\t0.0\t\tphone\t\n", "PLOVER mode but no PLOVER type"),
        ("01\tStatement\t0.0\t\t\tfriendship\n", "relation 'friendship'"),
        ("1x\tBad\t0.0\t\t\t\n", "not a CAMEO event code"),
    ],
)
def test_malformed_rows_name_the_line_and_problem(body: str, problem: str) -> None:
    text = "# a comment\n" + HEADER + body
    with pytest.raises(KnowledgeBaseError, match=re.escape(problem)) as err:
        parse_codes(text)
    assert "codes.tsv, line" in str(err.value)


def test_bad_header_is_reported() -> None:
    with pytest.raises(KnowledgeBaseError, match="line 1: header"):
        parse_codes("code\tname\n01\tStatement\n")


def test_empty_goldstein_inherits_the_parent() -> None:
    body = "18\tAssault\t-9.0\tASSAULT\t\thostility\n183\tBombing\t-10.0\t\t\t\n1834\tX\t\t\t\t\n"
    rows = parse_codes(HEADER + body)
    assert rows["1834"].goldstein == -10.0 and rows["1834"].plover is None
    assert list(rows) == ["18", "183", "1834"]


# --- agreement with the PLOVER project's table ----------------------------------------------------


def _read_plover_table(path: Path) -> dict[str, set[str]]:
    """code -> PLOVER types the table gives it (lines like '0841: RETREAT, release, legal # ...')."""
    out: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s*(\d{2,4}):\s*([A-Z]+)", line.split("#", 1)[0])
        if m:
            out.setdefault(m.group(1), set()).add(m.group(2))
    return out


def test_plover_column_agrees_with_the_plover_table(codes: dict[str, CameoCode]) -> None:
    if not PLOVER_TABLE.exists():
        pytest.skip(f"{PLOVER_TABLE} is not here (development data); nothing to compare with")
    table = _read_plover_table(PLOVER_TABLE)
    assert len(table) > 250, "the PLOVER table did not parse"
    disagreements = []
    for code, types in sorted(table.items()):
        # A code the table lists under two types (the bare root 08) is ambiguous: we give none.
        expected = next(iter(types)) if len(types) == 1 else None
        ours = codes[code].plover if code in codes else "<missing code>"
        if ours != expected:
            disagreements.append(f"{code}: ours {ours}, table {sorted(types)}")
    agreement = 1 - len(disagreements) / len(table)
    print("\n".join(disagreements) or "no disagreements")
    assert agreement >= 0.98, f"{len(disagreements)} disagreements: " + "; ".join(disagreements)
