"""Persistence: SQLAlchemy models, the queries, the session cache."""
