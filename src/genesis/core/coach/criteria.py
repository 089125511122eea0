"""Which of a step's criteria an answer meets, and whether it is an answer at all.

The cues live in data/criteria_lexicon.json: words, word stems, phrases and
patterns per criterion, in French and English, plus shared lists (groups of
people, sales channels, vague words, "I don't know"). An answer is read once
(:func:`read`: tokens, place and sector) and every check works on that
reading, so judging an answer costs a few set look-ups and a handful of
regular expressions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Final

from genesis.core.coach.places import Place, detect_place
from genesis.core.coach.sectors import SectorMatch, detect_sector, singular
from genesis.core.coach.text import normalize

_TOKEN: Final = re.compile(r"[^\W_]+")
_VOWELS: Final = frozenset("aeiouy")
# Rows of AZERTY and QWERTY keyboards: five keys in a row is a keyboard mash,
# never a French or English word ("azert", "qsdfg", "lkjhg").
_KEYBOARD_ROWS: Final = ("azertyuiop", "qsdfghjklm", "wxcvbn", "qwertyuiop", "asdfghjkl", "zxcvbnm")
_MASH_LENGTH: Final = 5
# Four identical letters in a row ("mmmm", "zzzz") is a sound or a mash.
_REPEATED_LETTER: Final = re.compile(r"([a-z])\1{3,}")
# A syllable said twice or more as one word ("asdasd", "blabla", "hahaha").
_STUTTER: Final = re.compile(r"^([a-z]{2,4})\1+$")
# A French or English word rarely has five consonants in a row ("lkjhg").
_CONSONANT_RUN: Final = re.compile(r"[bcdfghjklmnpqrstvwxz]{5,}")


@dataclass(frozen=True, slots=True)
class Reading:
    """An answer, read once: what every check needs."""

    text: str
    normalized: str
    words: tuple[str, ...]
    word_set: frozenset[str]
    # The words joined by single spaces with a space at both ends, so that
    # " phrase " finds whole words only.
    joined: str
    place: Place | None
    sector: SectorMatch | None


@dataclass(frozen=True, slots=True)
class Cues:
    """What points at one criterion (or one shared notion) in an answer."""

    words: frozenset[str] = frozenset()
    stems: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()  # " word word " with surrounding spaces
    patterns: tuple[re.Pattern[str], ...] = ()
    money_patterns: tuple[re.Pattern[str], ...] = ()
    detectors: frozenset[str] = frozenset()
    # Lexical cues only count when the answer has no vague word ("stuff", "les gens").
    unless_vague: bool = False


@dataclass(frozen=True, slots=True)
class Lexicon:
    criteria: dict[str, dict[str, Cues]]  # step -> criterion id -> cues
    people: Cues
    channel: Cues
    vague: Cues
    business: Cues
    dont_know: Cues
    confirm: Cues
    negation: Cues
    revise: Cues
    generic_sector_words: frozenset[str]
    stopwords: frozenset[str]
    fillers: tuple[str, ...]
    step_names: dict[str, Cues]
    # Every word the lexicon knows, to tell words from keyboard mash.
    known_words: frozenset[str]


def read(text: str) -> Reading:
    normalized = normalize(text)
    words = tuple(_TOKEN.findall(normalized))
    return Reading(
        text=text,
        normalized=normalized,
        words=words,
        word_set=frozenset(words),
        joined=f" {' '.join(words)} ",
        place=detect_place(text),
        sector=detect_sector(text),
    )


def met_criteria(step: str, reading: Reading) -> frozenset[str]:
    """The ids of the criteria of ``step`` that the answer meets."""
    lexicon = _lexicon()
    cues_by_id = lexicon.criteria.get(step, {})
    vague = matches(lexicon.vague, reading)
    return frozenset(
        criterion for criterion, cues in cues_by_id.items() if _meets(cues, reading, vague)
    )


def matches(cues: Cues, reading: Reading) -> bool:
    """Whether any lexical cue (words, stems, phrases, patterns) is in the answer."""
    if cues.words and not cues.words.isdisjoint(reading.word_set):
        return True
    if cues.stems and any(word.startswith(cues.stems) for word in reading.words):
        return True
    if any(phrase in reading.joined for phrase in cues.phrases):
        return True
    if any(pattern.search(reading.joined) for pattern in cues.patterns):
        return True
    return any(pattern.search(reading.normalized) for pattern in cues.money_patterns)


def has_sector_evidence(reading: Reading) -> bool:
    """A sector is named by something more telling than "sell" or "products"."""
    if reading.sector is None:
        return False
    generic = _lexicon().generic_sector_words
    return any(
        not all(word in generic or singular(word) in generic for word in keyword.split())
        for keyword in reading.sector.keywords
    )


def meaningful_word_count(reading: Reading) -> int:
    """Words that carry meaning: not articles, pronouns, auxiliaries or fillers."""
    stopwords = _lexicon().stopwords
    return sum(1 for word in reading.words if word not in stopwords)


def says_dont_know(reading: Reading) -> bool:
    return matches(_lexicon().dont_know, reading)


def has_business_vocabulary(reading: Reading) -> bool:
    lexicon = _lexicon()
    return (
        reading.sector is not None
        or matches(lexicon.business, reading)
        or matches(lexicon.people, reading)
        or matches(lexicon.channel, reading)
    )


def is_gibberish(reading: Reading) -> bool:
    """Keyboard mash, repeated letters or strings of letters that are not words.

    Only letters are judged (numbers and prices are fine). An answer is gibberish
    when it has no word the lexicon knows and at least half of its letter-words
    do not look like words, or when mash makes up most of it.
    """
    letter_words = [word for word in reading.words if word.isalpha()]
    if not letter_words:
        return not reading.words  # nothing but punctuation or emoji
    known = _lexicon().known_words
    known_count = sum(1 for word in letter_words if word in known)
    unlike = sum(1 for word in letter_words if word not in known and not _looks_like_word(word))
    if known_count == 0:
        return unlike * 2 >= len(letter_words)
    return unlike > known_count * 2


def is_confirmation(reading: Reading) -> bool:
    """The person agrees with the synthesis ("oui", "c'est bon", "looks good")."""
    lexicon = _lexicon()
    return matches(lexicon.confirm, reading) and not matches(lexicon.negation, reading)


def asks_to_revise(reading: Reading) -> bool:
    return matches(_lexicon().revise, reading)


def named_steps(reading: Reading, titles: Mapping[str, str]) -> list[str]:
    """Steps the answer names, by their usual words or by their ``titles``."""
    lexicon = _lexicon()
    named = []
    for step, cues in lexicon.step_names.items():
        title = titles.get(step)
        title_words = f" {normalize(title)} " if title else None
        if matches(cues, reading) or (title_words is not None and title_words in reading.joined):
            named.append(step)
    return named


def fillers() -> tuple[str, ...]:
    """Hesitation words that a reformulation drops ("euh", "bon", "well")."""
    return _lexicon().fillers


def stopwords() -> frozenset[str]:
    return _lexicon().stopwords


def shared_cues(name: str) -> Cues:
    """One of the shared cue lists: "people", "channel", "vague", "business"."""
    cues = getattr(_lexicon(), name)
    if not isinstance(cues, Cues):
        raise KeyError(name)
    return cues


def criterion_cues(step: str, criterion: str) -> Cues:
    """The lexical cues of one criterion of ``step`` (without its detectors)."""
    return _lexicon().criteria[step][criterion]


def has_money(reading: Reading) -> bool:
    """An amount with a currency ("2 500 FCFA", "₦45,000", "KSh 350")."""
    price = _lexicon().criteria["offre"]["price"]
    return any(pattern.search(reading.normalized) for pattern in price.money_patterns)


def tokens_of(entry: str) -> list[str]:
    """The normalised words of a lexicon entry."""
    return _TOKEN.findall(normalize(entry))


@cache
def _lexicon() -> Lexicon:
    raw = json.loads(
        resources.files("genesis.core.coach")
        .joinpath("data/criteria_lexicon.json")
        .read_text("utf-8")
    )
    shared = raw["shared"]
    criteria = {
        step: {criterion: _cues(spec) for criterion, spec in by_criterion.items()}
        for step, by_criterion in raw["criteria"].items()
    }
    step_names = {step: _cues({"words": names}) for step, names in shared["steps"].items()}
    known: set[str] = set()
    for spec in _all_specs(raw):
        for entry in (*spec.get("words", ()), *spec.get("phrases", ()), *spec.get("stems", ())):
            known.update(_TOKEN.findall(normalize(entry)))
    for entry in shared["fillers"]:
        known.update(_TOKEN.findall(normalize(entry)))
    return Lexicon(
        criteria=criteria,
        people=_cues(shared["people"]),
        channel=_cues(shared["channel"]),
        vague=_cues(shared["vague"]),
        business=_cues(shared["business"]),
        dont_know=_cues(shared["dont_know"]),
        confirm=_cues(shared["confirm"]),
        negation=_cues(shared["negation"]),
        revise=_cues(shared["revise"]),
        generic_sector_words=frozenset(shared["generic_sector_keywords"]["words"]),
        stopwords=frozenset(shared["stopwords"]["words"]),
        fillers=tuple(normalize(filler) for filler in shared["fillers"]),
        step_names=step_names,
        known_words=frozenset(known),
    )


def _all_specs(raw: dict[str, Any]) -> Iterable[dict[str, Any]]:
    for value in raw["shared"].values():
        if isinstance(value, dict) and any(key in value for key in ("words", "phrases")):
            yield value
    yield {"words": [name for names in raw["shared"]["steps"].values() for name in names]}
    for by_criterion in raw["criteria"].values():
        yield from by_criterion.values()


def _cues(spec: dict[str, Any]) -> Cues:
    stems = tuple(normalize(stem) for stem in spec.get("stems", ()))
    if any(len(stem) < 4 for stem in stems):
        raise ValueError(f"criteria_lexicon.json: stems need 4+ letters: {stems}")
    return Cues(
        words=frozenset(normalize(word) for word in spec.get("words", ())),
        stems=stems,
        phrases=tuple(
            f" {' '.join(_TOKEN.findall(normalize(p)))} " for p in spec.get("phrases", ())
        ),
        patterns=tuple(re.compile(pattern) for pattern in spec.get("patterns", ())),
        money_patterns=tuple(re.compile(pattern) for pattern in spec.get("money_patterns", ())),
        detectors=frozenset(spec.get("detectors", ())),
        unless_vague=bool(spec.get("unless_vague", False)),
    )


def _meets(cues: Cues, reading: Reading, vague: bool) -> bool:
    if any(_detected(detector, reading) for detector in cues.detectors):
        return True
    if cues.unless_vague and vague:
        return False
    return matches(cues, reading)


def _detected(detector: str, reading: Reading) -> bool:
    lexicon = _lexicon()
    if detector == "place":
        # A language ("en wolof", "medaase") tells where people may be from, not where.
        return reading.place is not None and reading.place.clue != "language"
    if detector == "sector":
        return has_sector_evidence(reading)
    if detector == "people":
        return matches(lexicon.people, reading)
    if detector == "channel":
        return matches(lexicon.channel, reading)
    raise ValueError(f"criteria_lexicon.json: unknown detector {detector!r}")


def _looks_like_word(word: str) -> bool:
    if len(word) <= 2:
        return True  # "ok", "ça": too short to judge
    if _REPEATED_LETTER.search(word) or _STUTTER.match(word):
        return False
    if len(word) >= _MASH_LENGTH and _is_keyboard_run(word):
        return False
    vowels = sum(1 for char in word if char in _VOWELS)
    if vowels == 0 or (len(word) >= 6 and vowels / len(word) < 0.2):
        return False
    return not _CONSONANT_RUN.search(word)


def _is_keyboard_run(word: str) -> bool:
    for start in range(len(word) - _MASH_LENGTH + 1):
        chunk = word[start : start + _MASH_LENGTH]
        for row in _KEYBOARD_ROWS:
            if chunk in row or chunk in row[::-1]:
                return True
    return False
