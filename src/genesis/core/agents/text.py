"""Small text tools the agents share: sentences, word-boundary truncation, slugs.

Answers are free text typed on phones; copy and metadata built from them must
never cut a word in half (a meta description ending in "livr" looks broken in
search results) and slugs must be plain ASCII whatever the accents.
"""

from __future__ import annotations

import re

from genesis.core.coach.text import strip_accents

ELLIPSIS = "…"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_NOT_WORD = re.compile(r"[\W_]+")
_SPACES = re.compile(r"\s+")
# Articles and links do not make initials: "L'Atelier de Fatou" is "AF", not "LA".
_LINK_WORDS = frozenset({"l", "d", "le", "la", "les", "de", "du", "des", "et", "the", "of", "and"})


def squash(text: str) -> str:
    """Single spaces, no leading or trailing space."""
    return _SPACES.sub(" ", text).strip()


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(squash(text), maxsplit=1)[0] if text.strip() else ""


def sentence(text: str) -> str:
    """Capitalised, ending with a full stop (unless it already ends a sentence)."""
    text = squash(text).rstrip(" ,;:")
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else text + "."


def lower_first(text: str) -> str:
    """Lowercase the first letter, unless the first word is an acronym or a name-like
    all-caps word ("PME", "ONG")."""
    text = squash(text)
    if not text:
        return text
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return text
    return text[0].lower() + text[1:]


def shorten(text: str, limit: int, *, ellipsis: bool = True) -> str:
    """``text`` in at most ``limit`` characters, cut at a word boundary.

    With ``ellipsis`` the cut is marked with "…" (counted in the limit). A single
    word longer than the limit is the only thing ever cut mid-word.
    """
    text = squash(text)
    if len(text) <= limit:
        return text
    room = limit - (1 if ellipsis else 0)
    cut = text[: room + 1]
    cut = cut[: cut.rfind(" ")] if " " in cut else cut[:room]
    cut = cut.rstrip(" ,;:.-–—|")
    return cut + ELLIPSIS if ellipsis else cut


def slugify(text: str, *, max_len: int = 60) -> str:
    """Lowercase ASCII words joined by hyphens ("Chez Awa & Fils" -> "chez-awa-fils")."""
    # Separators first, so "d’Awa" gives "d-awa" and not "dawa".
    words = _NOT_WORD.sub("-", strip_accents(text).lower())
    slug = _NOT_SLUG.sub("-", words.encode("ascii", "ignore").decode()).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0] if "-" in slug[:max_len] else slug[:max_len]
    return slug


def initials(name: str, *, count: int = 2) -> str:
    """The first letters of the first words ("Chez Awa" -> "CA"), uppercase."""
    words = [w for w in re.split(r"[^\w]+", name) if w and w[0].isalnum()]
    significant = [w for w in words if w.casefold() not in _LINK_WORDS]
    words = significant or words
    letters = "".join(w[0] for w in words[:count]).upper()
    return letters or "?"
