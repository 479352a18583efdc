"""Load the actor knowledge base from YAML files (package data plus user files)."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..datafiles import read_yaml
from ..errors import KnowledgeBaseError
from .model import Actor, AliasHit, Role
from .text import fold

BUILTIN_FILES = ("countries.yaml", "igos.yaml", "groups.yaml", "people.yaml")
AGENTS_FILE = "agents.yaml"


def _date(v: Any) -> str | None:
    if v is None or v == "":
        return None
    return str(v)


def _strs(v: Any) -> tuple[str, ...]:
    if not v:
        return ()
    if isinstance(v, str):
        return (v,)
    return tuple(str(x) for x in v if x is not None and str(x).strip())


def actor_from_entry(entry: Mapping[str, Any], default_type: str, source: str) -> Actor:
    if not isinstance(entry, Mapping) or "id" not in entry or "name" not in entry:
        raise KnowledgeBaseError(f"{source}: every entry needs at least 'id' and 'name'; found {str(entry)[:120]!r}")
    roles = []
    for r in entry.get("roles") or ():
        if not isinstance(r, Mapping) or "role" not in r or "of" not in r:
            raise KnowledgeBaseError(f"{source}: role of {entry['id']!r} needs 'role' and 'of': {r!r}")
        roles.append(Role(str(r["role"]), str(r["of"]), _date(r.get("since")), _date(r.get("until"))))
    governs = []
    g = entry.get("governs")
    if isinstance(g, Mapping) and g.get("country"):
        governs.append(Role("governs", str(g["country"]), _date(g.get("since")), _date(g.get("until"))))
    typ = str(entry.get("type") or default_type)
    return Actor(
        id=str(entry["id"]),
        name=str(entry["name"]),
        type=typ,
        sector=entry.get("sector") or ("IGO" if typ == "igo" else None),
        country=entry.get("country") or (str(entry["id"]) if typ == "country" else None),
        wikidata=entry.get("wikidata"),
        cameo=entry.get("cameo"),
        aliases=_strs(entry.get("aliases")),
        ambiguous_aliases=_strs(entry.get("ambiguous_aliases")),
        demonyms=_strs(entry.get("demonyms")),
        metonyms=_strs(entry.get("metonyms")),
        metonym_sectors=dict(entry.get("metonym_sectors") or {}),
        parent=entry.get("parent"),
        founded=_date(entry.get("founded")),
        dissolved=_date(entry.get("dissolved")),
        roles=tuple(roles),
        wikipedia=entry.get("wikipedia"),
        governs=tuple(governs),
        source_file=source,
    )


_DEFAULT_TYPES = {"countries": "country", "igos": "igo", "groups": "group", "people": "person"}


class KnowledgeBase:
    """Actors by id, agent and role words, and an alias index used by the matcher."""

    def __init__(self, actors: Iterable[Actor], agents: Mapping[str, str], role_words: Mapping[str, str]):
        self.actors: dict[str, Actor] = {}
        for a in actors:
            self.actors[a.id] = a  # later files override earlier entries
        self.agents = dict(agents)  # folded word -> sector
        self.role_words = dict(role_words)  # folded word -> role
        self._holders: dict[tuple[str, str], list[tuple[Actor, Role]]] = defaultdict(list)
        for a in self.actors.values():
            for r in a.roles:
                self._holders[(r.role, r.of)].append((a, r))
        self.aliases = self._build_alias_index()

    # -- lookups -------------------------------------------------------------------------
    def get(self, actor_id: str | None) -> Actor | None:
        return self.actors.get(actor_id) if actor_id else None

    def holders(self, role: str, of: str, day: str | None) -> list[Actor]:
        """People holding ``role`` of ``of`` on ``day`` (latest start first)."""
        found = [(a, r) for a, r in self._holders.get((role, of), []) if r.holds_on(day)]
        found.sort(key=lambda ar: ar[1].since or "", reverse=True)
        return [a for a, _ in found]

    def role_of(self, person: Actor, day: str | None, of: str | None = None) -> Role | None:
        """The most relevant role a person holds on ``day`` (optionally of one actor)."""
        roles = [r for r in person.roles_on(day) if of is None or r.of == of]
        if not roles and day:
            # Outside every dated role: the person is still known by the last one held.
            roles = [r for r in person.roles if of is None or r.of == of]
        if not roles:
            return None
        order = ("leader", "head_of_state", "president", "head_of_government", "prime_minister", "monarch")
        roles.sort(key=lambda r: (order.index(r.role) if r.role in order else len(order), r.since or ""))
        return roles[0]

    def lookup_alias(self, text: str) -> list[AliasHit]:
        return self.aliases.get(fold(text), [])

    # -- index ---------------------------------------------------------------------------
    def _build_alias_index(self) -> dict[str, list[AliasHit]]:
        index: dict[str, list[AliasHit]] = defaultdict(list)

        def add(surface: str, hit: AliasHit) -> None:
            key = fold(surface)
            if not key:
                return
            if hit not in index[key]:
                index[key].append(hit)

        for a in self.actors.values():
            add(a.name, AliasHit("actor", a.id, "name", _needs_case(a.name)))
            for s in a.aliases:
                add(s, AliasHit("actor", a.id, "alias", _needs_case(s)))
            for s in a.ambiguous_aliases:
                add(s, AliasHit("actor", a.id, "ambiguous", True))
            for s in a.demonyms:
                add(s, AliasHit("actor", a.id, "demonym", False))
            for s in a.metonyms:
                add(s, AliasHit("actor", a.id, "metonym", _needs_case(s), a.metonym_sectors.get(s)))
            for s, sec in a.metonym_sectors.items():
                add(s, AliasHit("actor", a.id, "metonym", _needs_case(s), sec))
        for w, sector in self.agents.items():
            add(w, AliasHit("agent", sector, "agent"))
        for w, role in self.role_words.items():
            add(w, AliasHit("role", role, "role"))
        return dict(index)


def _needs_case(alias: str) -> bool:
    # Short all-capital acronyms ("US", "IS", "AU") are ordinary words in lower case.
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and alias.upper() == alias and len(letters) <= 4


def _builtin_dir() -> Any:
    return resources.files("newsgraph") / "data" / "actors"


def _extra_paths() -> list[Path]:
    env = os.environ.get("NEWSGRAPH_KB_PATHS", "")
    return [Path(p) for p in env.split(os.pathsep) if p]


def load_kb(extra: Iterable[str | Path] = ()) -> KnowledgeBase:
    """Load the built-in files, then ``extra`` files/directories (later wins)."""
    actors: list[Actor] = []
    agents: dict[str, str] = {}
    role_words: dict[str, str] = {}
    base = _builtin_dir()
    sources: list[tuple[Any, str]] = [(base / f, f.split(".")[0]) for f in BUILTIN_FILES]
    sources.append((base / AGENTS_FILE, "agents"))
    for p in [*map(Path, extra), *_extra_paths()]:
        files = sorted(p.glob("*.y*ml")) if p.is_dir() else [p]
        for f in files:
            if not f.exists():
                raise KnowledgeBaseError(f"{f}: knowledge-base file not found; check kb_paths")
            sources.append((f, f.stem))
    for path, stem in sources:
        data = read_yaml(path)
        if data is None:
            continue
        if isinstance(data, Mapping) and ("agents" in data or "roles" in data):
            for group in data.get("agents") or ():
                for w in _strs(group.get("words")):
                    agents[fold(w)] = str(group["sector"])
            for group in data.get("roles") or ():
                for w in _strs(group.get("words")):
                    role_words[fold(w)] = str(group["role"])
            if "actors" not in data:
                continue
            data = data["actors"]
        if not isinstance(data, list):
            raise KnowledgeBaseError(f"{path}: expected a list of entries (see docs/knowledge-base.md)")
        default_type = _DEFAULT_TYPES.get(stem, "group")
        actors.extend(actor_from_entry(e, default_type, str(path)) for e in data)
    return KnowledgeBase(actors, agents, role_words)


@lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    return load_kb()
