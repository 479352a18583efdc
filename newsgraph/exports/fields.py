"""Reading event records for the exports: tolerant accessors over the contract event record.

Exports take canonical events from the store (with ``mentions``, ``n_mentions``, ``n_sources``)
or single-article records from ``newsgraph extract``; every accessor works on both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..coder.ontology import load_codes

__all__ = ["articles", "happened", "mentions", "part", "plover_mode", "plover_quad"]

# PLOVER's own quad categories (PLOVER README), which differ from CAMEO's QuadClass for PROTEST
# (material conflict in PLOVER). The CAMEO2PLOVER-2021 names ACCUSE and REQUEST are the later
# names of DISAPPROVE and DEMAND.
_PLOVER_QUADS: Mapping[str, int] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
    **dict.fromkeys(("DEMAND", "REQUEST", "DISAPPROVE", "ACCUSE", "REJECT", "THREATEN", "SANCTION"), 3),
    **dict.fromkeys(("PROTEST", "CRIME", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"), 4),
}


def part(record: Mapping[str, Any] | None, key: str) -> Mapping[str, Any]:
    """A nested object of a record (``source``, ``place``, ...), or an empty mapping."""
    value = record.get(key) if record else None
    return value if isinstance(value, Mapping) else {}


def mentions(event: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The single-article mentions of a canonical event; a single-article record is its own."""
    found = [m for m in event.get("mentions") or () if isinstance(m, Mapping)]
    return found or [event]


def articles(event: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The distinct articles that report an event, in mention order."""
    out: dict[str, Mapping[str, Any]] = {}
    for m in mentions(event):
        art = part(m, "article")
        if art:
            out.setdefault(str(art.get("id") or art.get("url") or len(out)), art)
    return list(out.values())


def happened(event: Mapping[str, Any]) -> bool:
    """False for events the text says did not or might not happen. GDELT and PLOVER rows carry no
    factuality, so every row there reads as an event that took place; these are left out."""
    return event.get("factuality") not in ("negated", "hypothetical")


def plover_quad(plover: str | None) -> int | None:
    return _PLOVER_QUADS.get(plover or "")


def plover_mode(code: str | None) -> str | None:
    """The PLOVER mode of a CAMEO code (codes.tsv). An empty cell is the table's decision (1823
    "kill" is not its parent's "beat"), so only codes missing from the table borrow their parent's."""
    if not code:
        return None
    rows = load_codes()
    for c in dict.fromkeys((code, code[:3], code[:2])):
        if c in rows:
            return rows[c].plover_mode
    return None
