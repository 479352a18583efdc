"""Records of the actor knowledge base (see docs/knowledge-base.md for the file format)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Role:
    role: str
    of: str  # actor id (group/IGO) or ISO3
    since: str | None = None
    until: str | None = None

    def holds_on(self, day: str | None) -> bool:
        """True when the role is held on ``day`` (ISO date); unknown day -> True."""
        if not day:
            return True
        if self.since and _cmp_start(self.since) > day:
            return False
        if self.until and _cmp_end(self.until) < day:
            return False
        return True


def _cmp_start(d: str) -> str:
    # "2013" -> "2013-01-01"; "2013-11" -> "2013-11-01": earliest day of a partial date.
    return (d + "-01-01")[:10] if len(d) == 4 else (d + "-01")[:10] if len(d) == 7 else d[:10]


def _cmp_end(d: str) -> str:
    return (d + "-12-31")[:10] if len(d) == 4 else (d + "-31")[:10] if len(d) == 7 else d[:10]


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    type: str  # country | igo | ngo | group | person
    sector: str | None = None
    country: str | None = None
    wikidata: str | None = None
    cameo: str | None = None
    aliases: tuple[str, ...] = ()
    ambiguous_aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    metonym_sectors: Mapping[str, str] = field(default_factory=dict)
    parent: str | None = None
    founded: str | None = None
    dissolved: str | None = None
    roles: tuple[Role, ...] = ()
    wikipedia: str | None = None
    governs: tuple[Role, ...] = ()  # de facto rule of a country: Role("governs", ISO3, since, until)
    source_file: str | None = None

    def governing(self, day: str | None) -> str | None:
        """The country this actor rules on ``day`` (the Taliban after 2021-08-15), if any."""
        for r in self.governs:
            if r.holds_on(day):
                return r.of
        return None

    def roles_on(self, day: str | None) -> list[Role]:
        return [r for r in self.roles if r.holds_on(day)]


@dataclass(frozen=True)
class AliasHit:
    """What an alias stands for: an actor (how: name/alias/demonym/metonym), an agent word
    (key = sector) or a role word (key = role name)."""

    kind: str  # actor | agent | role
    key: str
    how: str
    case_sensitive: bool = False
    sector: str | None = None  # metonyms that stand for one sector ("the Pentagon" -> MIL)
