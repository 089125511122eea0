"""Every text of the pages, in French and English, from ``web/i18n/messages_*.json``."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Final

from genesis.core.coach.types import LANGUAGES, Language

DEFAULT_LANGUAGE: Final[Language] = "fr"


@cache
def messages(language: Language) -> dict[str, str]:
    raw = (
        resources.files("genesis.web")
        .joinpath(f"i18n/messages_{language}.json")
        .read_text(encoding="utf-8")
    )
    data: dict[str, str] = json.loads(raw)
    return data


def as_language(value: object) -> Language | None:
    """``value`` if it is one of our languages ("fr", "en"), else None."""
    return next((lang for lang in LANGUAGES if lang == value), None)


def from_accept_language(header: str) -> Language:
    """The first of our languages the browser asks for (its order, quality aside)."""
    for part in header.split(","):
        tag = part.split(";", 1)[0].strip().lower()[:2]
        found = as_language(tag)
        if found is not None:
            return found
    return DEFAULT_LANGUAGE


class Translator:
    """``t("key", name=...)``: the text in the page's language; the key itself if missing,
    so a forgotten text shows up in tests instead of breaking a page."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self._texts = messages(language)

    def __call__(self, key: str, **values: object) -> str:
        text = self._texts.get(key, key)
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in self._texts
