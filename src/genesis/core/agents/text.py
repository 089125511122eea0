"""Small text tools the agents share: sentences, word-boundary truncation, slugs.

Answers are free text typed on phones; copy and metadata built from them must
never cut a word in half (a meta description ending in "livr" looks broken in
search results) and slugs must be plain ASCII whatever the accents.
"""

from __future__ import annotations

import re
from typing import Final

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


# Where a clause may end: after a comma, a semicolon, a colon or a dash, or before
# a word that opens a subordinate clause or a complement ("qui", "because", "pour");
# not a bare preposition, which may be a verb's particle ("try them on").
_CLAUSE_MARK: Final = re.compile(r"\s*[,;:\u2013\u2014]\s+|\s+-\s+")
_SUBORDINATE: Final = re.compile(
    r"\s+(?=(?:qui|que|qu'|qu’|dont|où|lorsque|quand|parce|afin|pour|avec|sans|car|mais"
    r"|who|which|that|where|when|because|so|while|whereas|for|with|without|but)\b)",
    re.IGNORECASE,
)
# Words a cut text must not end on: it would dangle ("... paiement à 15 jours pour les").
_DANGLING_WORDS = """
le la les l' un une des du de d' au aux à a et ou mais pour par sur sous dans avec sans chez
en vers entre que qu' qui dont où ni car notre nos votre vos leur leurs son sa ses ce cet
cette ces très plus moins the an and or but for to of in on at by with from into via our
your their his her its this that these those which who whose where when as so very more
less than
"""
_DANGLING: Final = frozenset(_DANGLING_WORDS.split())
# A cut shorter than this share of the limit loses too much: the next boundary is tried.
_MIN_SHARE: Final = 0.4
_PREFER_MARK: Final = 0.8


def fit(text: str, limit: int, *, end: str = ".") -> str:
    """``text`` in at most ``limit`` characters, never cut inside a clause when it
    can be helped and never with an ellipsis: whole sentences first, else up to the
    end of a clause (dropping a trailing subordinate clause or complement), else
    whole words without a dangling article or preposition. The result ends with
    ``end`` ("." for a sentence, "" for a title) unless it ends a sentence already."""
    text = squash(text)
    if len(text) <= limit:
        return text
    room = limit - len(end)
    floor = int(room * _MIN_SHARE)
    cut = ""
    sentences = [m.end() for m in _SENTENCE_END.finditer(text) if m.start() <= room]
    ends = [
        i for i in sentences if text[:i].rstrip()[-1:] in ".!?" and len(text[:i].rstrip()) >= floor
    ]
    if ends:
        return text[: ends[-1]].rstrip()
    marks = [m.start() for m in _CLAUSE_MARK.finditer(text) if floor <= m.start() <= room]
    words = [m.start() for m in _SUBORDINATE.finditer(text) if floor <= m.start() <= room]
    # A comma or a semicolon is the surest end of a clause; a word that opens a
    # subordinate clause is taken when it keeps much more of the text.
    if marks and (not words or marks[-1] >= _PREFER_MARK * max(words)):
        cut = text[: marks[-1]]
    elif marks or words:
        cut = text[: max(marks + words)]
    if not cut:
        cut = text[: room + 1]
        cut = cut[: cut.rfind(" ")] if " " in cut else cut[:room]
    cut = _without_dangling(cut)
    if not cut:
        return text[:room].rstrip() + end
    return cut if cut[-1] in ".!?" else cut + end


def _without_dangling(text: str) -> str:
    words = text.rstrip(" ,;:.-–—|").split(" ")
    while len(words) > 1 and words[-1].lower().strip(",;:") in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(" ,;:.-–—|")


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
