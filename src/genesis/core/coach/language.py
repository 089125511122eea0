"""Guess whether an answer is written in French or English.

Function words (articles, pronouns, prepositions) are the most frequent words
of any sentence and differ between the two languages, so counting them is
reliable on a sentence or two, fast, and needs no model. Words spelt the same
in both languages ("a", "on", "me", "plus", "son", "as") are left out, and so
are the letters left by English contractions ("it's", "don't").
"""

from __future__ import annotations

import re
from typing import Final

from genesis.core.coach.types import Language

# Lowercased but accents kept: "à" is French while "a" is also English.
_WORD: Final = re.compile(r"[^\W\d_]+")
_ACCENTED: Final = re.compile(r"[éèêëàâîïôûùüçœ]")

# Written as text to keep the lists readable; split once at import.
_FRENCH_WORDS = """
le la les un une des du de au aux et ou où à je j tu il elle nous vous ils elles l d qu
c n y en dans pour avec sur par sans chez entre vers depuis mais donc car ni est sont
suis sommes êtes ai avons avez ont était être avoir fait faire ce cet cette ces mon ma
mes ton ta tes sa ses notre nos votre vos leur leurs qui que quoi dont ne pas très
aussi comme tout tous toute toutes bien peu beaucoup ça cela ceci leurs moi toi lui eux
se été veux voulons vend vends vendons parce lorsque quand alors ainsi encore déjà puis
selon afin non oui
"""
_ENGLISH_WORDS = """
the and or of to in for with at by from into about is are am was were be been being have
has had do does did will would can could should shall may might must i we you he she
they it my our your his her their its them us this that these those which who whom what
where when why how not no yes but so because if than then also very just only all any
some each every more most other such own same there here sell selling sells want wants
people customers
"""
_FRENCH: Final = frozenset(_FRENCH_WORDS.split())
_ENGLISH: Final = frozenset(_ENGLISH_WORDS.split())
# Below this many signals the guess is a coin toss (e.g. "Bonjour", "ok merci").
_MIN_SIGNALS: Final = 2.0
# The winning language must carry this share of the signals (mixed text -> None).
_MIN_SHARE: Final = 0.65
# An accented letter hints at French but is weaker than a French function word:
# English answers quote "attiéké" or "Côte d'Ivoire" too.
_ACCENT_WEIGHT: Final = 0.5


def detect_language(text: str) -> Language | None:
    """``"fr"`` or ``"en"`` when the text clearly leans one way, else ``None``."""
    words = _WORD.findall(text.casefold())
    if len(words) < 3:
        return None
    french = sum(word in _FRENCH for word in words)
    english = sum(word in _ENGLISH for word in words)
    french_score = french + _ACCENT_WEIGHT * sum(
        1 for word in words if _ACCENTED.search(word) and word not in _FRENCH
    )
    total = french_score + english
    if total < _MIN_SIGNALS:
        return None
    if french_score / total >= _MIN_SHARE:
        return "fr"
    if english / total >= _MIN_SHARE:
        return "en"
    return None


def speaks_neither(text: str) -> bool:
    """Four words or more and not one French or English function word among them:
    an answer in another language (Swahili, Wolof, Hausa...)."""
    words = _WORD.findall(text.casefold())
    return len(words) >= 4 and not any(word in _FRENCH or word in _ENGLISH for word in words)
