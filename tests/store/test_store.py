"""Opening stores: created and migrated on open, one schema on both databases, clear errors."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from newsgraph.errors import StoreError
from newsgraph.registry import registry
from newsgraph.store import Store, open_store
from newsgraph.store.migrate import current_revision, head_revision
from newsgraph.store.schema import metadata

TABLES = {"articles", "sentences", "actors", "places", "events", "canonical_events"}


def test_open_creates_every_table_at_the_newest_revision(store_url):
    with open_store(store_url) as store:
        assert set(store.counts()) == TABLES
        assert all(n == 0 for n in store.counts().values())
        with store.read() as conn:
            assert current_revision(conn) == head_revision()


def test_the_migrations_build_exactly_the_schema_the_code_describes(store_url):
    # Alembic's autogenerate finds no difference: schema.py and migrations/ agree, on both databases.
    with open_store(store_url) as store, store.read() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    assert diffs == []


def test_reopening_keeps_the_data_and_migrates_nothing(store_url):
    with open_store(store_url) as store, store.write() as conn:
        store.set_meta(conn, "probe", "kept")
    with open_store(store_url) as store, store.read() as conn:
        assert store.get_meta(conn, "probe") == "kept"


def test_a_store_from_a_newer_newsgraph_is_refused(store_url):
    with open_store(store_url) as store, store.write() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(StoreError, match="newer newsgraph"):
        open_store(store_url)


def test_a_write_that_fails_leaves_nothing(store_url):
    with open_store(store_url) as store:
        with pytest.raises(RuntimeError), store.write() as conn:
            store.set_meta(conn, "half", "done")
            raise RuntimeError("killed")
        with store.read() as conn:
            assert store.get_meta(conn, "half") is None


def test_reading_a_missing_sqlite_store_says_to_ingest_first(tmp_path):
    with pytest.raises(StoreError, match="Ingest articles first"):
        open_store(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_a_file_that_is_not_a_database_is_reported(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="notes.db"):
        open_store(bad)


def test_an_unreachable_postgres_says_what_to_check():
    with pytest.raises(StoreError, match="Is the PostgreSQL server running"):
        open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_the_store_is_registered():
    assert "sql.v1" in registry.stores.names()
    store = registry.stores.make("sql.v1", url="sqlite://")
    assert isinstance(store, Store)
    store.close()
