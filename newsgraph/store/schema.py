"""The store's tables: one schema for SQLite and PostgreSQL (SQLAlchemy Core).

This module describes the schema as of the newest migration; the migrations in
``migrations/versions`` create it, and tests/store/test_migrations.py checks that the two agree.
Change both together: edit the tables here, then add a migration (docs/store.md, "Migrations").

Columns are flat: one column per field of the event record, so that SQL users can filter and
index anything. JSON is used only where the data is a list (``events.attribution``).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

# Named constraints, so that migrations can refer to them on both databases.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

JSONList = JSON().with_variant(JSONB(), "postgresql")
COARSE = text("date_lo <> date_hi")

articles = Table(
    "articles",
    metadata,
    Column("id", String, primary_key=True, comment="the reader's article id (given, or a hash of the text)"),
    Column("title", Text),
    Column("url", Text),
    Column("published", Date),
    Column("publisher", Text),
    Column("origin", Text, comment="where it was read from: path or path#record"),
    Column("text", Text, nullable=False, comment="cleaned text; every offset points into it"),
    Column(
        "content_hash",
        String(64),
        nullable=False,
        unique=True,
        comment="sha256 of text: what makes ingest idempotent",
    ),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

sentences = Table(
    "sentences",
    metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("index", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

actors = Table(
    "actors",
    metadata,
    Column("id", String, primary_key=True, comment="knowledge-base id"),
    Column("name", Text),
    Column("type", String, comment="country | igo | group | person | agent"),
    Column("country", String),
    Column("sector", String),
    Column("wikidata", String),
)

places = Table(
    "places",
    metadata,
    Column(
        "id", String, primary_key=True, comment="gn:<geonames id>, or a key made of country, admin1 and name"
    ),
    Column("name", Text),
    Column("country", String),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geonames_id", Integer),
    Column("feature", String),
)

canonical_events = Table(
    "canonical_events",
    metadata,
    Column("id", String, primary_key=True, comment="ce_ + hash of the id of the mention that started it"),
    Column("first_mention_id", String, nullable=False),
    Column("representative_id", String, nullable=False, comment="the mention whose fields the record shows"),
    # the dyad: actor ids, a person counted as its affiliation group
    Column("source_id", String),
    Column("target_id", String),
    Column("cameo", String),
    Column("cameo_root", String),
    Column("plover", String),
    Column("quad", Integer),
    Column("goldstein", Float),
    Column("date_value", String),
    Column("date_precision", String),
    Column("date_lo", Date),
    Column("date_hi", Date),
    Column("country", String, comment="where it happened (the mentions' one place country)"),
    Column("place_id", String),
    Column("place_name", Text),
    Column("factuality", String, comment="the best factuality of its mentions"),
    Column("negated", Boolean, nullable=False),
    Column("first_seen", Date, comment="earliest publication date of a mention's article"),
    Column("last_seen", Date),
    Column("n_mentions", Integer, nullable=False),
    Column(
        "n_sources",
        Integer,
        nullable=False,
        comment="independent publishers (an article without one counts alone)",
    ),
    Index(None, "date_lo", "id"),
    Index(None, "source_id"),
    Index(None, "target_id"),
)


def _actor_columns(role: str) -> list[Column]:  # type: ignore[type-arg]
    return [
        Column(f"{role}_id", String, ForeignKey("actors.id")),
        Column(f"{role}_name", Text),
        Column(f"{role}_text", Text, comment="null: the event has no " + role),
        Column(f"{role}_start", Integer),
        Column(f"{role}_end", Integer),
        Column(f"{role}_country", String),
        Column(f"{role}_sector", String),
        Column(f"{role}_type", String),
        Column(f"{role}_wikidata", String),
        Column(f"{role}_code", String),
        Column(f"{role}_affiliation", String, comment="id of the group a person acts for"),
        Column(f"{role}_affiliation_name", Text),
        Column(f"{role}_affiliation_role", String),
        Column(f"{role}_resolved_by", String),
        Column(
            f"{role}_group",
            String,
            comment="what clustering compares: the affiliation of a person, else the id",
        ),
    ]


events = Table(
    "events",
    metadata,
    Column("id", String, primary_key=True, comment="the pipeline's stable event id"),
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("canonical_id", String, ForeignKey("canonical_events.id", ondelete="SET NULL")),
    Column("sentence_index", Integer, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    *_actor_columns("source"),
    *_actor_columns("target"),
    Column("cameo", String, nullable=False),
    Column("cameo_root", String, nullable=False),
    Column("plover", String),
    Column("quad", Integer),
    Column("goldstein", Float),
    Column("trigger_text", Text, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("date_value", String),
    Column("date_precision", String, comment="null: the event has no date"),
    Column("date_text", Text),
    Column("date_start", Integer),
    Column("date_end", Integer),
    Column("date_lo", Date, comment="first day the date can mean (a month: its first day)"),
    Column("date_hi", Date, comment="last day the date can mean"),
    Column("place_id", String, ForeignKey("places.id")),
    Column("place_name", Text),
    Column("place_country", String),
    Column("place_admin1", Text),
    Column("place_lat", Float),
    Column("place_lon", Float),
    Column("place_geonames_id", Integer),
    Column("place_feature", String),
    Column("place_text", Text, comment="null: the event has no place"),
    Column("place_start", Integer),
    Column("place_end", Integer),
    Column("factuality", String, nullable=False),
    Column("factuality_cue_text", Text),
    Column("factuality_cue_start", Integer),
    Column("factuality_cue_end", Integer),
    Column("attribution", JSONList, nullable=False, comment="who says so, innermost last"),
    Column("quote_text", Text),
    Column("quote_start", Integer),
    Column("quote_end", Integer),
    Column("confidence", Float, nullable=False),
    Column("rule", Text),
    Column("context_from", Integer),
    Index(None, "article_id"),
    Index(None, "canonical_id"),
    Index(None, "source_id"),
    Index(None, "target_id"),
    Index(None, "source_group"),
    Index(None, "target_group"),
    Index(None, "cameo_root", "date_lo"),
    Index(None, "plover", "date_lo"),
    # Month- and year-precision mentions, which the clustering window query scans further back.
    Index(
        "ix_events_coarse_cameo_root", "cameo_root", "date_lo", sqlite_where=COARSE, postgresql_where=COARSE
    ),
    Index("ix_events_coarse_plover", "plover", "date_lo", sqlite_where=COARSE, postgresql_where=COARSE),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

TABLES = (articles, sentences, actors, places, canonical_events, events, meta)
