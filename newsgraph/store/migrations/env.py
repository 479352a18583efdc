"""Alembic environment: newsgraph hands it an open connection (config.attributes["connection"])
inside a transaction; nothing here reads alembic.ini or connects on its own."""

from __future__ import annotations

from alembic import context

from newsgraph.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable when someone runs `alembic` by hand
    raise RuntimeError("Run migrations through newsgraph.store.open_store() or newsgraph.store.migrate.")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things in place
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
