"""The sector taxonomy: these ids are used everywhere (API, data files, brief)."""

from typing import Final

SECTORS: Final[tuple[str, ...]] = (
    "restaurant",
    "agriculture",
    "retail",
    "fashion",
    "beauty",
    "technology",
    "education",
    "health",
    "transport",
    "construction",
    "tourism",
    "energy",
    "finance",
    "crafts",
    "media",
    "services",  # anything else
)

DEFAULT_SECTOR: Final = "services"
