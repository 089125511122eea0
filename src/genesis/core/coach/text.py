"""Text normalisation shared by the detectors (language, sector, place).

Answers arrive in French or English, typed on phones: accents are often
missing, apostrophes come in several shapes and capitals are random. Every
detector compares normalised text so that "Côte d'Ivoire", "cote d ivoire"
and "COTE D'IVOIRE" are the same thing.
"""

from __future__ import annotations

import re
import unicodedata

# Apostrophes become spaces so that "l'attiéké" gives the tokens "l" and "attieke".
_APOSTROPHES = re.compile(r"['’‘`´ʼʹ]")
_SPACES = re.compile(r"\s+")
# Letters without a decomposition in NFKD that people still type.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l"})
# A token is a run of letters or digits; hyphens and punctuation split words.
_TOKEN = re.compile(r"[^\W_]+")


# The combining marks of Latin letters (U+034F, the grapheme joiner, is not a mark).
_LATIN_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]")


def strip_accents(text: str) -> str:
    """Remove diacritics ("é" -> "e") but keep the case."""
    if text.isascii():  # most answers typed on a phone: nothing to decompose
        return text
    decomposed = _LATIN_MARKS.sub("", unicodedata.normalize("NFKD", text))
    if decomposed.isascii():
        return decomposed
    # Other scripts' marks (Arabic vowels...): the character-by-character rule.
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalize(text: str) -> str:
    """Lowercase, accent-free text with apostrophes as spaces and single spaces."""
    lowered = text.casefold().translate(_LIGATURES)
    without_apostrophes = _APOSTROPHES.sub(" ", strip_accents(lowered))
    return _SPACES.sub(" ", without_apostrophes).strip()


def tokens(text: str) -> list[str]:
    """The words of ``text`` after :func:`normalize` (punctuation and hyphens split)."""
    return _TOKEN.findall(normalize(text))


def capitalised(text: str) -> list[bool]:
    """For each word of :func:`tokens`, whether it was typed with a capital first letter."""
    words = _TOKEN.findall(_APOSTROPHES.sub(" ", strip_accents(text)))
    return [word[0].isupper() for word in words]
