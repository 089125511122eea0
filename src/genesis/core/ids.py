"""Public ids: how a session id may be spelled."""

from __future__ import annotations

import uuid


def canonical_session_id(value: str) -> str | None:
    """The canonical spelling of a session id (a UUID: any case, with or without
    hyphens, braces or ``urn:uuid:``), or None when ``value`` is not one."""
    try:
        return str(uuid.UUID(value))
    except (ValueError, TypeError, AttributeError):
        return None
