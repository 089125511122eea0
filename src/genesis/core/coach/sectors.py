"""Which sector of the taxonomy a business belongs to, from how it is described.

Keywords (data/sectors.json) are weighted: 3 names the sector on its own
("maquis", "pharmacie"), 2 is a strong hint, 1 a weak one ("vendre"). Matching
is on normalised words (lowercase, no accents) with a final plural -s/-x
dropped, longest phrase first, so "mobile money" counts for finance and not
also "mobile" for technology.

A keyword does not weigh the same wherever it stands. What a sentence says the
business sells, makes or does matters more than the words around it, so each
match is weighed by its role in its clause (the cue lists are in the
``_roles`` entry of the data file):

- the object of an offer verb ("je vends des habits", "we make soap", "clients
  who need small loans") counts double: the first keyword after the verb, and
  those joined to it by "et"/"and", before a preposition ("au marché");
- a channel, payment or delivery means ("sur WhatsApp", "paiement par Orange
  Money", "livrées par tracteur", "au marché") counts a third: it says how the
  business sells, not what (unless it is the object: "je crée des sites web");
- an occupation that usually names the customers ("nurses", "commerçants")
  counts half, unless the speaker says it is theirs ("je suis infirmière");
- after a training cue ("formation en couture", "cours de cuisine") the trade
  is the subject taught: it counts for education;
- after a leisure cue ("j'aime", "I watched") nothing counts: a hobby is not a
  business;
- a few set phrases are neutral ("au cours de", "pain points", "mode de
  paiement").

Every sector scores the sum of its distinct keywords and the highest score
wins, so a restaurant that "also delivers" stays a restaurant. A best score
below :data:`MIN_SCORE` (one strong hint, or two weak ones) is no evidence.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Final

from genesis.core.coach.text import normalize, tokens
from genesis.core.taxonomy import SECTORS

# A stem shorter than this matches too many unrelated words.
MIN_STEM_LENGTH: Final = 4
WEIGHTS: Final = (1, 2, 3)
# Below this best score the text does not name a sector: one strong hint (2)
# or two weak ones are needed, so small talk and hobbies give None.
MIN_SCORE: Final = 2.0
# Score at which one sector is "clearly" named: a single weight-3 keyword gives
# a confidence of about 0.6, two of them about 0.85.
_CONFIDENCE_SCALE: Final = 3.0
# Role factors: what is sold counts double, who buys it half, and how it is
# sold, paid or delivered a third (so two channel words still make no sector).
OBJECT_FACTOR: Final = 2.0
CUSTOMER_FACTOR: Final = 0.5
CHANNEL_FACTOR: Final = 1 / 3
# How many words after an offer verb may come before what is offered ("je vends
# de la bonne nourriture"), and after "je suis"/"I am" before an occupation.
OBJECT_WINDOW: Final = 4
# How many words apart two coordinated objects may be ("food and cold drinks").
COORDINATION_GAP: Final = 3
# How many words after "par"/"via"/"by" still name the means ("par téléphone").
SHORT_WINDOW: Final = 3

# Punctuation that ends a clause: windows never cross it. A colon does not:
# what follows it ("mes loisirs : le cinéma", "notre offre : ...") belongs to it.
_CLAUSE_END = re.compile(r"[.,;!?()\[\]{}\n\r\t/|+=*\"«»“”•]+")

_ROLE_KEYS: Final = (
    "offer_cues",
    "teaching_cues",
    "leisure_cues",
    "self_cues",
    "means_cues",
)


@dataclass(frozen=True, slots=True)
class SectorMatch:
    sector: str  # an id of genesis.core.taxonomy.SECTORS
    score: float  # confidence in [0, 1]
    keywords: tuple[str, ...]  # the words of the text that matched, first seen first


@dataclass(frozen=True, slots=True)
class _Lexicon:
    # Singular word n-gram -> {sector: weight}; {} for a neutral phrase.
    phrases: dict[tuple[str, ...], dict[str, int]]
    # First word -> longest phrase starting with it, to bound the lookups.
    longest: dict[str, int]
    # Word prefix -> {sector: weight}, tried only when no phrase matched.
    stems: dict[str, dict[str, int]]
    # Cue kind -> first word -> the cue phrases starting with it, longest first.
    cues: dict[str, dict[str, tuple[tuple[str, ...], ...]]]
    # Keys (see _Hit.key) of keywords that name a channel / a kind of customer.
    channels: frozenset[str]
    people: frozenset[str]
    clause_breaks: frozenset[str]
    object_stops: tuple[str, ...]  # " au ", " a la ": padded with spaces
    coordinators: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Hit:
    position: int
    end: int  # position after the last word
    key: str  # what matched in the lexicon, to count each keyword once
    text: str  # the words of the answer, for the caller to show
    weights: dict[str, int]


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: str
    position: int
    end: int


@dataclass(frozen=True, slots=True)
class _Words:
    words: list[str]
    singulars: list[str]
    clauses: list[int]  # clause number of each word


def detect_sector(text: str) -> SectorMatch | None:
    """The dominant sector, or None when the text does not name one clearly."""
    lexicon = _lexicon()
    parsed = _split(lexicon, text)
    hits = _find_keywords(lexicon, parsed)
    if not hits:
        return None
    cues = _find_cues(lexicon, parsed, hits)
    objects, verbs = _objects(lexicon, parsed, hits, cues)
    weighed = [
        (hit, *_weigh(lexicon, hit, index in objects, cues, parsed.clauses))
        for index, hit in enumerate(hits)
        if index not in verbs
    ]
    # Each keyword counts once per sector, at its best role in the text.
    best_weight: dict[tuple[str, str], float] = {}
    first_seen: dict[str, int] = {}
    for hit, weights, factor in weighed:
        for sector, weight in weights.items():
            value = weight * factor
            if value <= 0:
                continue
            slot = (sector, hit.key)
            best_weight[slot] = max(best_weight.get(slot, 0.0), value)
            first_seen.setdefault(sector, hit.position)
    scores: dict[str, float] = {}
    strongest: dict[str, float] = {}
    for (sector, _), value in best_weight.items():
        scores[sector] = scores.get(sector, 0.0) + value
        strongest[sector] = max(strongest.get(sector, 0.0), value)
    if not scores:
        return None
    # Ties go to the sector with the most telling keyword, then to the one named
    # first, then to taxonomy order so the answer never depends on dict order.
    best = max(
        scores,
        key=lambda s: (scores[s], strongest[s], -first_seen[s], -SECTORS.index(s)),
    )
    if scores[best] < MIN_SCORE:
        return None
    share = scores[best] / sum(scores.values())
    strength = 1.0 - math.exp(-scores[best] / _CONFIDENCE_SCALE)
    keywords = dict.fromkeys(
        hit.text for hit, weights, factor in weighed if best in weights and factor > 0
    )
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


def _split(lexicon: _Lexicon, text: str) -> _Words:
    """The words of ``text`` with the clause each belongs to.

    A clause ends at punctuation and before a word that opens a new one ("so",
    "mais", "qui"): a verb's object or a channel never reaches across it.
    """
    words: list[str] = []
    clauses: list[int] = []
    clause = 0
    for part in _CLAUSE_END.split(normalize(text)):
        clause += 1
        for word in tokens(part):
            if word in lexicon.clause_breaks:
                clause += 1
            words.append(word)
            clauses.append(clause)
    return _Words(words, [singular(word) for word in words], clauses)


def _find_keywords(lexicon: _Lexicon, parsed: _Words) -> list[_Hit]:
    words, singulars = parsed.words, parsed.singulars
    hits: list[_Hit] = []
    position = 0
    while position < len(words):
        length = _longest_phrase_at(lexicon, singulars, position)
        if length:
            end = position + length
            key = tuple(singulars[position:end])
            text = " ".join(words[position:end])
            hits.append(_Hit(position, end, " ".join(key), text, lexicon.phrases[key]))
            position = end
            continue
        word = singulars[position]
        for stop in range(len(word), MIN_STEM_LENGTH - 1, -1):
            stem = word[:stop]
            if stem in lexicon.stems:
                weights = lexicon.stems[stem]
                hits.append(_Hit(position, position + 1, stem + "*", words[position], weights))
                break
        position += 1
    return hits


def _longest_phrase_at(lexicon: _Lexicon, singulars: list[str], position: int) -> int:
    longest = min(lexicon.longest.get(singulars[position], 0), len(singulars) - position)
    for length in range(longest, 0, -1):
        if tuple(singulars[position : position + length]) in lexicon.phrases:
            return length
    return 0


def _find_cues(lexicon: _Lexicon, parsed: _Words, hits: list[_Hit]) -> list[_Cue]:
    # A neutral phrase hides its words: "au cours de" is not a "cours de" lesson.
    hidden = {p for hit in hits if not hit.weights for p in range(hit.position, hit.end)}
    singulars = parsed.singulars
    found: list[_Cue] = []
    for position, word in enumerate(singulars):
        if position in hidden:
            continue
        for kind, by_first in lexicon.cues.items():
            for cue in by_first.get(word, ()):
                end = position + len(cue)
                if kind == "means_cues" and end < len(singulars) and _not_a_means(singulars[end]):
                    break  # "by 2030", "par mois", "by our kiosks": not how it is sold
                if tuple(singulars[position:end]) == cue:
                    found.append(_Cue(kind, position, end))
                    break
    return found


# After "par"/"by"/"via", these say a date, a rate or the business's own means
# ("by 2030", "par mois", "par nos kiosques solaires"), not a sales channel.
_RATE_OR_OWN: Final = frozenset(
    {
        "jour",
        "semaine",
        "mois",
        "an",
        "annee",
        "heure",
        "kilo",
        "kg",
        "personne",
        "unite",
        "day",
        "week",
        "month",
        "year",
        "hour",
        "person",
        "unit",
        "piece",
        "plate",
        "night",
        "nuit",
        "seance",
        "session",
        "tete",
        "head",
        "nos",
        "notre",
        "mes",
        "mon",
        "ma",
        "our",
        "my",
    }
)


def _not_a_means(word: str) -> bool:
    return word.isdigit() or word in _RATE_OR_OWN


def _objects(
    lexicon: _Lexicon, parsed: _Words, hits: list[_Hit], cues: list[_Cue]
) -> tuple[set[int], set[int]]:
    """Indexes of the hits that name what an offer verb offers, and of the verbs.

    The head of the object is the first keyword after the verb, in its clause,
    before a preposition ("vendre des habits au marché": not "marché"); keywords
    coordinated with it ("food and drinks") are objects too, and coordinated
    verbs share their object ("we cook and deliver lunch boxes"). A verb that
    has an object says nothing more: "vendre des habits" is fashion, not retail.
    """
    offers = [cue for cue in cues if cue.kind == "offer_cues"]
    verb_positions = {p for cue in offers for p in range(cue.position, cue.end)}
    objects: set[int] = set()
    verbs: set[int] = set()
    words, clauses = parsed.words, parsed.clauses
    for cue in offers:
        previous_end = cue.end
        for index, hit in enumerate(hits):
            if hit.position < cue.end or not hit.weights or hit.position in verb_positions:
                continue
            if clauses[hit.position] != clauses[cue.position]:
                break
            between = words[previous_end : hit.position]
            joined = f" {' '.join(between)} "
            if any(stop in joined for stop in lexicon.object_stops):
                break
            if previous_end == cue.end:
                if len(between) >= OBJECT_WINDOW:
                    break
            elif len(between) > COORDINATION_GAP or not any(
                word in lexicon.coordinators for word in between
            ):
                break
            objects.add(index)
            previous_end = hit.end
        if previous_end != cue.end:
            verbs.update(
                index
                for index, hit in enumerate(hits)
                if hit.position < cue.end and hit.end > cue.position
            )
    return objects, verbs - objects


def _weigh(
    lexicon: _Lexicon, hit: _Hit, is_object: bool, cues: list[_Cue], clauses: list[int]
) -> tuple[dict[str, int], float]:
    """The sectors a keyword counts for in its context, and by how much."""
    if not hit.weights:
        return hit.weights, 0.0
    clause = clauses[hit.position]
    before = [c for c in cues if c.end <= hit.position and clauses[c.position] == clause]

    def within(kind: str, window: int | None) -> bool:
        return any(
            c.kind == kind and (window is None or hit.position - c.end < window) for c in before
        )

    if within("leisure_cues", None):
        return hit.weights, 0.0
    weights = hit.weights
    if within("teaching_cues", None) and "education" not in weights:
        weights = {"education": max(weights.values())}
    factor = 1.0
    # A channel noun that is itself what is offered ("je crée des sites web",
    # "they need a website") is the product; a weak one ("online", "cash") is
    # a manner, never a product.
    as_product = is_object and max(weights.values()) > 1
    if is_object:
        factor *= OBJECT_FACTOR
    if not as_product and (hit.key in lexicon.channels or within("means_cues", SHORT_WINDOW)):
        factor *= CHANNEL_FACTOR
    if hit.key in lexicon.people and not within("self_cues", OBJECT_WINDOW):
        factor *= CUSTOMER_FACTOR
    return weights, factor


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
    roles = raw["_roles"]
    for keyword in roles["neutral"]:
        stem, phrase = _parse_keyword(keyword)
        if stem is not None or phrase in phrases:
            raise ValueError(f"sectors.json: a neutral phrase is a new phrase: {keyword!r}")
        phrases[phrase] = {}
    longest: dict[str, int] = {}
    for phrase in phrases:
        longest[phrase[0]] = max(longest.get(phrase[0], 0), len(phrase))
    known = {" ".join(p) for p in phrases if phrases[p]} | {stem + "*" for stem in stems}
    return _Lexicon(
        phrases=phrases,
        longest=longest,
        stems=stems,
        cues={kind: _cue_index(roles[kind]) for kind in _ROLE_KEYS},
        channels=_keyword_keys(roles["channels"], known),
        people=_keyword_keys(roles["people"], known),
        clause_breaks=frozenset(roles["clause_breaks"]),
        object_stops=tuple(f" {' '.join(tokens(stop))} " for stop in roles["object_stops"]),
        coordinators=frozenset(roles["coordinators"]),
    )


def _cue_index(cues: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for cue in cues:
        words = tuple(singular(word) for word in tokens(cue))
        if not words or cue.endswith("*"):
            raise ValueError(f"sectors.json: a cue is one or more whole words: {cue!r}")
        index.setdefault(words[0], []).append(words)
    return {first: tuple(sorted(found, key=len, reverse=True)) for first, found in index.items()}


def _keyword_keys(keywords: list[str], known: set[str]) -> frozenset[str]:
    """The lexicon keys of keywords that must already be sector keywords."""
    keys = set()
    for keyword in keywords:
        stem, phrase = _parse_keyword(keyword)
        key = stem + "*" if stem is not None else " ".join(phrase)
        if key not in known:
            raise ValueError(f"sectors.json: {keyword!r} is not a sector keyword")
        keys.add(key)
    return frozenset(keys)


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
