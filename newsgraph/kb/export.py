"""Write knowledge-base actors and agent words back out in our YAML format (docs/knowledge-base.md),
e.g. after importing PETRARCH dictionaries, so users can review and extend them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from .model import Actor


def actor_entry(a: Actor) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": a.id, "name": a.name, "type": a.type}
    for key in ("sector", "country", "cameo", "wikidata", "parent", "founded", "dissolved"):
        value = getattr(a, key)
        if value:
            entry[key] = value
    if a.aliases:
        entry["aliases"] = list(a.aliases)
    if a.ambiguous_aliases:
        entry["ambiguous_aliases"] = list(a.ambiguous_aliases)
    if a.roles:
        entry["roles"] = [
            {k: v for k, v in (("role", r.role), ("of", r.of), ("since", r.since), ("until", r.until)) if v}
            for r in a.roles
        ]
    return entry


def write_kb_yaml(actors: Iterable[Actor], path: str | Path, agents: Mapping[str, str] | None = None) -> Path:
    """Actors as a list file; with ``agents`` (word -> sector) a mapping file with both."""
    entries = [actor_entry(a) for a in actors]
    data: Any = entries
    if agents:
        by_sector: dict[str, list[str]] = {}
        for word, sector in sorted(agents.items()):
            by_sector.setdefault(sector, []).append(word)
        data = {"actors": entries, "agents": [{"sector": s, "words": ws} for s, ws in sorted(by_sector.items())]}
    out = Path(path)
    out.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8")
    return out
