"""What --db accepts: file paths, sqlite:/// and postgresql:// URLs; clear errors otherwise."""

from __future__ import annotations

import pytest

from newsgraph.errors import StoreError
from newsgraph.store.url import display_url, parse_db_url


def test_a_bare_path_is_a_sqlite_file(tmp_path):
    url = parse_db_url(str(tmp_path / "news.db"))
    assert url.drivername == "sqlite+pysqlite"
    assert url.database == str((tmp_path / "news.db").resolve())


def test_a_relative_path_is_made_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert parse_db_url("newsgraph.db").database == str(tmp_path / "newsgraph.db")


def test_sqlite_urls(tmp_path):
    assert parse_db_url(f"sqlite:///{tmp_path}/x.db").database == str(tmp_path / "x.db")
    assert parse_db_url("sqlite://").database == ":memory:"


@pytest.mark.parametrize(
    "raw",
    [
        "postgresql://u:secret@db.example:5433/news",
        "postgres://u:secret@db.example:5433/news",
        "postgresql+psycopg://u:secret@db.example:5433/news",
    ],
)
def test_postgres_urls_get_psycopg(raw):
    url = parse_db_url(raw)
    assert url.drivername == "postgresql+psycopg"
    assert (url.host, url.port, url.database, url.username) == ("db.example", 5433, "news", "u")
    assert "secret" not in display_url(url)


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("mysql://u@h/db", "not supported"),
        ("postgresql+psycopg2://u@h/db", "psycopg 3"),
        ("", "No database given"),
    ],
)
def test_unsupported_urls_say_what_works(raw, says):
    with pytest.raises(StoreError, match=says) as err:
        parse_db_url(raw)
    assert "postgresql://" in str(err.value) or "psycopg" in str(err.value)


def test_a_missing_folder_or_a_directory_is_refused(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        parse_db_url(str(tmp_path / "nowhere" / "x.db"))
    with pytest.raises(StoreError, match="is a directory"):
        parse_db_url(str(tmp_path))
