"""The CAMEO codebook as data: names, Goldstein scores, PLOVER types and graph relations.

The table lives in ``newsgraph/data/cameo/codes.tsv`` (format in docs/patterns.md); this module
only reads and checks it. Lookups accept any well-formed code, also ones the table lacks (coders
and gold files use extensions such as ``1717``): they fall back to the 3-digit parent, then the root.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import KnowledgeBaseError

__all__ = [
    "RELATION_KINDS",
    "CameoCode",
    "goldstein_of",
    "is_code",
    "load_codes",
    "plover_of",
    "quad_of",
    "relation_of",
    "root_of",
]

CODES_FILE = "codes.tsv"
COLUMNS = ("code", "name", "goldstein", "plover", "plover_mode", "relation")

# Relation kinds of the actor graph (the relation record's `kind` in ../shared/contract.md).
# codes.tsv uses the first six; affiliation, leadership and membership come from the knowledge base.
RELATION_KINDS = frozenset(
    {
        "support",
        "alliance",
        "harbouring",
        "split",
        "accusation",
        "hostility",
        "affiliation",
        "leadership",
        "membership",
    }
)

# A code is a root (2 digits) plus at most two more digits; CAMEO roots run 01..20.
_CODE_RE = re.compile(r"^\d{2,4}$")
_PLOVER_RE = re.compile(r"^[A-Z]+$")
_MODE_RE = re.compile(r"^[a-z_-]+$")


@dataclass(frozen=True)
class CameoCode:
    """One row of the codebook. ``goldstein`` is always set: empty cells inherit the parent's."""

    code: str
    name: str
    goldstein: float
    plover: str | None
    plover_mode: str | None
    relation: str | None
    root: str
    quad: int


def root_of(code: str) -> str:
    """The two-digit root of a code: ``root_of("1823") == "18"``."""
    code = str(code).strip()
    if not _CODE_RE.match(code) or not 1 <= int(code[:2]) <= 20:
        raise ValueError(f"{code!r} is not a CAMEO event code: expected 2 to 4 digits starting with a root 01-20")
    return code[:2]


def quad_of(code: str) -> int:
    """GDELT's QuadClass, from the root: 1 verbal coop, 2 material coop, 3 verbal / 4 material conflict."""
    root = int(root_of(code))
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def _lineage(code: str) -> tuple[str, ...]:
    """The code itself, its 3-digit parent, its root: most specific first, no repeats."""
    root = root_of(code)
    chain = [code]
    if len(code) == 4:
        chain.append(code[:3])
    if len(code) > 2:
        chain.append(root)
    return tuple(chain)


def _fail(line: int, problem: str) -> KnowledgeBaseError:
    return KnowledgeBaseError(
        f"newsgraph/data/cameo/{CODES_FILE}, line {line}: {problem} "
        f"(columns: {', '.join(COLUMNS)}; see docs/patterns.md)"
    )


def parse_codes(text: str) -> dict[str, CameoCode]:
    """Parse the text of codes.tsv; raise KnowledgeBaseError naming the line of the first problem."""
    rows: dict[str, tuple[int, list[str]]] = {}
    header_seen = False
    for lineno, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if not header_seen:
            if tuple(cells) != COLUMNS:
                raise _fail(lineno, f"header must be the tab-separated columns {COLUMNS}, found {cells}")
            header_seen = True
            continue
        if len(cells) != len(COLUMNS):
            raise _fail(lineno, f"expected {len(COLUMNS)} tab-separated cells, found {len(cells)}")
        code = cells[0]
        try:
            root_of(code)
        except ValueError as exc:
            raise _fail(lineno, str(exc)) from None
        if code in rows:
            raise _fail(lineno, f"code {code} is listed twice (first on line {rows[code][0]})")
        rows[code] = (lineno, cells)
    if not header_seen:
        raise _fail(1, "no header line found")

    # Parents first, so that an empty Goldstein cell can take its parent's score.
    out: dict[str, CameoCode] = {}
    for code in sorted(rows, key=lambda c: (len(c), c)):
        lineno, (_, name, gold_s, plover, mode, relation) = rows[code]
        parents = _lineage(code)[1:]
        missing = [p for p in parents if p not in rows]
        if missing:
            raise _fail(lineno, f"code {code} has no parent row {missing[0]}; add the parent first")
        if not name:
            raise _fail(lineno, f"code {code} has no name")
        if gold_s:
            try:
                gold = float(gold_s)
            except ValueError:
                raise _fail(lineno, f"Goldstein score {gold_s!r} of {code} is not a number") from None
            if not (math.isfinite(gold) and -10.0 <= gold <= 10.0):
                raise _fail(lineno, f"Goldstein score {gold} of {code} is outside -10..10")
        elif parents:
            gold = out[parents[0]].goldstein
        else:
            raise _fail(lineno, f"root {code} needs a Goldstein score (codes below it may inherit it)")
        if plover and not _PLOVER_RE.match(plover):
            raise _fail(lineno, f"PLOVER type {plover!r} of {code} must be an upper-case word, e.g. ASSAULT")
        if mode and not _MODE_RE.match(mode):
            raise _fail(lineno, f"PLOVER mode {mode!r} of {code} must be a lower-case word, e.g. visit")
        if mode and not plover:
            raise _fail(lineno, f"code {code} has a PLOVER mode but no PLOVER type")
        if relation and relation not in RELATION_KINDS:
            raise _fail(lineno, f"relation {relation!r} of {code} is unknown; use one of {sorted(RELATION_KINDS)}")
        out[code] = CameoCode(
            code=code,
            name=name,
            goldstein=gold,
            plover=plover or None,
            plover_mode=mode or None,
            relation=relation or None,
            root=code[:2],
            quad=quad_of(code),
        )
    # Hand back in codebook order (0211 after 021, before 022), which is string order.
    return {c: out[c] for c in sorted(out)}


@lru_cache(maxsize=1)
def load_codes() -> dict[str, CameoCode]:
    """The built-in codebook, code -> CameoCode (read once; do not mutate the result)."""
    path = resources.files("newsgraph") / "data" / "cameo" / CODES_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeBaseError(
            f"newsgraph/data/cameo/{CODES_FILE} is missing from the installed package; reinstall newsgraph"
        ) from None
    return parse_codes(text)


def is_code(code: str) -> bool:
    """True when ``code`` is a row of the codebook (roots included)."""
    return str(code).strip() in load_codes()


def _first(code: str, attr: str) -> object | None:
    codes = load_codes()
    for c in _lineage(str(code).strip()):
        row = codes.get(c)
        value = getattr(row, attr) if row else None
        if value is not None:
            return value
    return None


def plover_of(code: str) -> str | None:
    """PLOVER type of a code: the code's own, else its 3-digit parent's, else its root's, else None
    (roots 01, 02 and the bare root 08 have none)."""
    value = _first(code, "plover")
    return str(value) if value is not None else None


def goldstein_of(code: str) -> float:
    """Goldstein score of a code, else of its 3-digit parent, else of its root."""
    value = _first(code, "goldstein")
    if value is None:  # unreachable while every root has a score; parse_codes checks that
        raise KnowledgeBaseError(f"no Goldstein score for {code} or its root in {CODES_FILE}")
    return float(value)  # type: ignore[arg-type]


def relation_of(code: str) -> str | None:
    """Relation kind a code is evidence for (codes.tsv ``relation``), else None.

    An empty cell is a decision ("says nothing lasting"), so only codes missing from the table
    fall back to their parent or root."""
    code = str(code).strip()
    row = load_codes().get(code)
    if row is not None:
        return row.relation
    value = _first(code, "relation")
    return str(value) if value is not None else None
