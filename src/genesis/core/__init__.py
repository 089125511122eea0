"""The pure domain: standard library and pydantic only.

Nothing in this package may import FastAPI, SQLAlchemy, Redis, httpx or the job
queue; ``tests/core/test_purity.py`` enforces it.
"""
