"""Alembic migrations of the plan file schema (run by planner.storage.migrate, never by hand)."""
