"""Alembic migrations of the store; run by newsgraph.store.migrate, never by hand."""
