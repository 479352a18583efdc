"""Initial schema: articles, sentences, actors, places, events (mentions), canonical_events, meta.

Revision ID: 0001
Revises:
Create Date: 2026-11-27

Written out in full rather than from newsgraph.store.schema: a migration must keep creating the
schema of its day after schema.py moves on.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _actor(role: str) -> list[sa.schema.SchemaItem]:
    return [
        sa.Column(f"{role}_id", sa.String(), nullable=True),
        sa.Column(f"{role}_name", sa.Text(), nullable=True),
        sa.Column(f"{role}_text", sa.Text(), nullable=True, comment=f"null: the event has no {role}"),
        sa.Column(f"{role}_start", sa.Integer(), nullable=True),
        sa.Column(f"{role}_end", sa.Integer(), nullable=True),
        sa.Column(f"{role}_country", sa.String(), nullable=True),
        sa.Column(f"{role}_sector", sa.String(), nullable=True),
        sa.Column(f"{role}_type", sa.String(), nullable=True),
        sa.Column(f"{role}_wikidata", sa.String(), nullable=True),
        sa.Column(f"{role}_code", sa.String(), nullable=True),
        sa.Column(
            f"{role}_affiliation", sa.String(), nullable=True, comment="id of the group a person acts for"
        ),
        sa.Column(f"{role}_affiliation_name", sa.Text(), nullable=True),
        sa.Column(f"{role}_affiliation_role", sa.String(), nullable=True),
        sa.Column(f"{role}_resolved_by", sa.String(), nullable=True),
        sa.Column(
            f"{role}_group",
            sa.String(),
            nullable=True,
            comment="what clustering compares: the affiliation of a person, else the id",
        ),
        sa.ForeignKeyConstraint([f"{role}_id"], ["actors.id"], name=f"fk_events_{role}_id_actors"),
    ]


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("id", sa.String(), nullable=False, comment="knowledge-base id"),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("type", sa.String(), nullable=True, comment="country | igo | group | person | agent"),
        sa.Column("country", sa.String(), nullable=True),
        sa.Column("sector", sa.String(), nullable=True),
        sa.Column("wikidata", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_actors"),
    )
    op.create_table(
        "articles",
        sa.Column(
            "id",
            sa.String(),
            nullable=False,
            comment="the reader's article id (given, or a hash of the text)",
        ),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("origin", sa.Text(), nullable=True, comment="where it was read from: path or path#record"),
        sa.Column("text", sa.Text(), nullable=False, comment="cleaned text; every offset points into it"),
        sa.Column(
            "content_hash",
            sa.String(length=64),
            nullable=False,
            comment="sha256 of text: what makes ingest idempotent",
        ),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    )
    op.create_table(
        "canonical_events",
        sa.Column(
            "id", sa.String(), nullable=False, comment="ce_ + hash of the id of the mention that started it"
        ),
        sa.Column("first_mention_id", sa.String(), nullable=False),
        sa.Column(
            "representative_id",
            sa.String(),
            nullable=False,
            comment="the mention whose fields the record shows",
        ),
        sa.Column("source_id", sa.String(), nullable=True),
        sa.Column("target_id", sa.String(), nullable=True),
        sa.Column("cameo", sa.String(), nullable=True),
        sa.Column("cameo_root", sa.String(), nullable=True),
        sa.Column("plover", sa.String(), nullable=True),
        sa.Column("quad", sa.Integer(), nullable=True),
        sa.Column("goldstein", sa.Float(), nullable=True),
        sa.Column("date_value", sa.String(), nullable=True),
        sa.Column("date_precision", sa.String(), nullable=True),
        sa.Column("date_lo", sa.Date(), nullable=True),
        sa.Column("date_hi", sa.Date(), nullable=True),
        sa.Column(
            "country",
            sa.String(),
            nullable=True,
            comment="where it happened (the mentions' one place country)",
        ),
        sa.Column("place_id", sa.String(), nullable=True),
        sa.Column("place_name", sa.Text(), nullable=True),
        sa.Column("factuality", sa.String(), nullable=True, comment="the best factuality of its mentions"),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column(
            "first_seen", sa.Date(), nullable=True, comment="earliest publication date of a mention's article"
        ),
        sa.Column("last_seen", sa.Date(), nullable=True),
        sa.Column("n_mentions", sa.Integer(), nullable=False),
        sa.Column(
            "n_sources",
            sa.Integer(),
            nullable=False,
            comment="independent publishers (an article without one counts alone)",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_canonical_events"),
    )
    op.create_index("ix_canonical_events_date_lo_id", "canonical_events", ["date_lo", "id"])
    op.create_index("ix_canonical_events_source_id", "canonical_events", ["source_id"])
    op.create_index("ix_canonical_events_target_id", "canonical_events", ["target_id"])
    op.create_table(
        "meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_meta"),
    )
    op.create_table(
        "places",
        sa.Column(
            "id",
            sa.String(),
            nullable=False,
            comment="gn:<geonames id>, or a key made of country, admin1 and name",
        ),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("country", sa.String(), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("geonames_id", sa.Integer(), nullable=True),
        sa.Column("feature", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_places"),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(), nullable=False, comment="the pipeline's stable event id"),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("canonical_id", sa.String(), nullable=True),
        sa.Column("sentence_index", sa.Integer(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        *_actor("source"),
        *_actor("target"),
        sa.Column("cameo", sa.String(), nullable=False),
        sa.Column("cameo_root", sa.String(), nullable=False),
        sa.Column("plover", sa.String(), nullable=True),
        sa.Column("quad", sa.Integer(), nullable=True),
        sa.Column("goldstein", sa.Float(), nullable=True),
        sa.Column("trigger_text", sa.Text(), nullable=False),
        sa.Column("trigger_start", sa.Integer(), nullable=False),
        sa.Column("trigger_end", sa.Integer(), nullable=False),
        sa.Column("date_value", sa.String(), nullable=True),
        sa.Column("date_precision", sa.String(), nullable=True, comment="null: the event has no date"),
        sa.Column("date_text", sa.Text(), nullable=True),
        sa.Column("date_start", sa.Integer(), nullable=True),
        sa.Column("date_end", sa.Integer(), nullable=True),
        sa.Column(
            "date_lo",
            sa.Date(),
            nullable=True,
            comment="first day the date can mean (a month: its first day)",
        ),
        sa.Column("date_hi", sa.Date(), nullable=True, comment="last day the date can mean"),
        sa.Column("place_id", sa.String(), nullable=True),
        sa.Column("place_name", sa.Text(), nullable=True),
        sa.Column("place_country", sa.String(), nullable=True),
        sa.Column("place_admin1", sa.Text(), nullable=True),
        sa.Column("place_lat", sa.Float(), nullable=True),
        sa.Column("place_lon", sa.Float(), nullable=True),
        sa.Column("place_geonames_id", sa.Integer(), nullable=True),
        sa.Column("place_feature", sa.String(), nullable=True),
        sa.Column("place_text", sa.Text(), nullable=True, comment="null: the event has no place"),
        sa.Column("place_start", sa.Integer(), nullable=True),
        sa.Column("place_end", sa.Integer(), nullable=True),
        sa.Column("factuality", sa.String(), nullable=False),
        sa.Column("factuality_cue_text", sa.Text(), nullable=True),
        sa.Column("factuality_cue_start", sa.Integer(), nullable=True),
        sa.Column("factuality_cue_end", sa.Integer(), nullable=True),
        sa.Column(
            "attribution",
            sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
            nullable=False,
            comment="who says so, innermost last",
        ),
        sa.Column("quote_text", sa.Text(), nullable=True),
        sa.Column("quote_start", sa.Integer(), nullable=True),
        sa.Column("quote_end", sa.Integer(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=True),
        sa.Column("context_from", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_events_article_id_articles", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["canonical_id"],
            ["canonical_events.id"],
            name="fk_events_canonical_id_canonical_events",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(["place_id"], ["places.id"], name="fk_events_place_id_places"),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    for cols in (
        ["article_id"],
        ["canonical_id"],
        ["source_id"],
        ["target_id"],
        ["source_group"],
        ["target_group"],
        ["cameo_root", "date_lo"],
        ["plover", "date_lo"],
    ):
        op.create_index("ix_events_" + "_".join(cols), "events", cols)
    coarse = sa.text("date_lo <> date_hi")  # month/year-precision dates, few and scanned further back
    for col in ("cameo_root", "plover"):
        op.create_index(
            f"ix_events_coarse_{col}",
            "events",
            [col, "date_lo"],
            sqlite_where=coarse,
            postgresql_where=coarse,
        )
    op.create_table(
        "sentences",
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_sentences_article_id_articles", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("article_id", "index", name="pk_sentences"),
    )


def downgrade() -> None:
    for table in ("sentences", "events", "places", "meta", "canonical_events", "articles", "actors"):
        op.drop_table(table)  # their indexes go with them
