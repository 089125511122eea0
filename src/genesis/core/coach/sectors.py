"""Which sector of the taxonomy a business belongs to, from how it is described.

Keywords (data/sectors.json) are weighted: 3 names the sector on its own
("maquis", "pharmacie"), 2 is a strong hint, 1 a weak one ("vendre"). Every
sector mentioned scores the sum of its distinct keywords and the highest score
wins, so a restaurant that "also delivers" stays a restaurant. Matching is on
normalised words with a final plural -s/-x dropped, longest phrase first, so
"mobile money" counts for finance and not also "mobile" for technology.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Final

from genesis.core.coach.text import tokens
from genesis.core.taxonomy import SECTORS

# A stem shorter than this matches too many unrelated words.
MIN_STEM_LENGTH: Final = 4
WEIGHTS: Final = (1, 2, 3)
# Score at which one sector is "clearly" named: a single weight-3 keyword gives
# a confidence of about 0.6, two of them about 0.85.
_CONFIDENCE_SCALE: Final = 3.0


@dataclass(frozen=True, slots=True)
class SectorMatch:
    sector: str  # an id of genesis.core.taxonomy.SECTORS
    score: float  # confidence in [0, 1]
    keywords: tuple[str, ...]  # the words of the text that matched, first seen first


@dataclass(frozen=True, slots=True)
class _Lexicon:
    # Singular word n-gram -> {sector: weight}.
    phrases: dict[tuple[str, ...], dict[str, int]]
    # First word -> longest phrase starting with it, to bound the lookups.
    longest: dict[str, int]
    # Word prefix -> {sector: weight}, tried only when no phrase matched.
    stems: dict[str, dict[str, int]]


@dataclass(frozen=True, slots=True)
class _Hit:
    position: int
    key: str  # what matched in the lexicon, to count each keyword once
    text: str  # the words of the answer, for the caller to show
    weights: dict[str, int]


def detect_sector(text: str) -> SectorMatch | None:
    """The dominant sector, or None when no sector keyword appears at all."""
    hits = _find_keywords(_lexicon(), tokens(text))
    if not hits:
        return None
    scores: dict[str, float] = {}
    strongest: dict[str, int] = {}
    first_seen: dict[str, int] = {}
    counted: set[tuple[str, str]] = set()
    for hit in hits:
        for sector, weight in hit.weights.items():
            if (sector, hit.key) in counted:
                continue
            counted.add((sector, hit.key))
            scores[sector] = scores.get(sector, 0.0) + weight
            strongest[sector] = max(strongest.get(sector, 0), weight)
            first_seen.setdefault(sector, hit.position)
    # Ties go to the sector with the most telling keyword, then to the one named
    # first, then to taxonomy order so the answer never depends on dict order.
    best = max(
        scores,
        key=lambda s: (scores[s], strongest[s], -first_seen[s], -SECTORS.index(s)),
    )
    share = scores[best] / sum(scores.values())
    strength = 1.0 - math.exp(-scores[best] / _CONFIDENCE_SCALE)
    keywords = dict.fromkeys(hit.text for hit in hits if best in hit.weights)
    return SectorMatch(best, round(share * strength, 2), tuple(keywords))


def sector_context(match: SectorMatch) -> dict[str, Any]:
    """The ``sector_context`` stored on a session."""
    return {"sector": match.sector, "keywords": list(match.keywords), "confidence": match.score}


def singular(word: str) -> str:
    """Drop a plural ending so "tresses" matches "tresse" and "bijoux" matches "bijou".

    Crude on purpose: both the keywords and the answer go through it, so a wrong
    singular ("cours" -> "cour") still matches itself.
    """
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    if len(word) > 4 and word.endswith(("aux", "eux", "oux")):
        return word[:-1]
    return word


def _find_keywords(lexicon: _Lexicon, words: list[str]) -> list[_Hit]:
    singulars = [singular(word) for word in words]
    hits: list[_Hit] = []
    position = 0
    while position < len(words):
        length = _longest_phrase_at(lexicon, singulars, position)
        if length:
            key = tuple(singulars[position : position + length])
            text = " ".join(words[position : position + length])
            hits.append(_Hit(position, " ".join(key), text, lexicon.phrases[key]))
            position += length
            continue
        word = singulars[position]
        for end in range(len(word), MIN_STEM_LENGTH - 1, -1):
            stem = word[:end]
            if stem in lexicon.stems:
                hits.append(_Hit(position, stem + "*", words[position], lexicon.stems[stem]))
                break
        position += 1
    return hits


def _longest_phrase_at(lexicon: _Lexicon, singulars: list[str], position: int) -> int:
    longest = min(lexicon.longest.get(singulars[position], 0), len(singulars) - position)
    for length in range(longest, 0, -1):
        if tuple(singulars[position : position + length]) in lexicon.phrases:
            return length
    return 0


@cache
def _lexicon() -> _Lexicon:
    raw = json.loads(
        resources.files("genesis.core.coach").joinpath("data/sectors.json").read_text("utf-8")
    )
    phrases: dict[tuple[str, ...], dict[str, int]] = {}
    stems: dict[str, dict[str, int]] = {}
    for sector, by_weight in raw.items():
        if sector.startswith("_"):
            continue
        if sector not in SECTORS:
            raise ValueError(f"sectors.json: unknown sector {sector!r}")
        for weight_text, keywords in by_weight.items():
            weight = int(weight_text)
            if weight not in WEIGHTS:
                raise ValueError(f"sectors.json: {sector}: weight must be 1, 2 or 3")
            for keyword in keywords:
                stem, phrase = _parse_keyword(keyword)
                entry = (
                    phrases.setdefault(phrase, {}) if stem is None else stems.setdefault(stem, {})
                )
                entry[sector] = max(entry.get(sector, 0), weight)
    longest: dict[str, int] = {}
    for phrase in phrases:
        longest[phrase[0]] = max(longest.get(phrase[0], 0), len(phrase))
    return _Lexicon(phrases=phrases, longest=longest, stems=stems)


def _parse_keyword(keyword: str) -> tuple[str | None, tuple[str, ...]]:
    """(stem, ()) for "restaur*", (None, ("chop", "bar")) for "chop bar"."""
    words = tokens(keyword.rstrip("*"))
    if not words:
        raise ValueError(f"sectors.json: empty keyword {keyword!r}")
    if not keyword.endswith("*"):
        return None, tuple(singular(word) for word in words)
    if len(words) != 1 or len(words[0]) < MIN_STEM_LENGTH:
        raise ValueError(f"sectors.json: a stem is one word of 4+ letters: {keyword!r}")
    # Stems are prefixes of the answer's singular words: never singularise them.
    return words[0], ()
