"""Numbers as people type them on a phone, in French and English.

Turns "2 500", "2.500", "1,2 million", "45k", "deux mille", "two hundred and
fifty", "3 mille", "quatre-vingt-dix" into Decimals. The text is cut into
tokens, runs of number tokens are grouped ("1 million 200 000" is one number,
"3 plats à 2500" is two) and each group is evaluated; what to do with several
groups (a range, an ambiguity) is the caller's decision.

Separators: a space, "." or "," followed by exactly three digits is a
thousands separator ("2 500", "2.500", "45,000"); one separator followed by
one, two or four+ digits is a decimal mark ("1,2", "1.5", "2,50"). With both
"." and ",", the last one is the decimal mark ("1.234,50", "1,234.50").
Three-decimal currencies (the Tunisian and Libyan dinars) are written with
three decimals, so there "12,500" in French and "12.500" in English read as
twelve and a half.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, auto
from typing import Final, Literal

from genesis.core.finance import currency_words
from genesis.core.finance.currency_words import CurrencyFamily

Language = Literal["fr", "en"]


class Kind(Enum):
    NUM = auto()  # digits
    WORDNUM = auto()  # "deux", "twenty": added to the running value
    HUNDRED = auto()  # "cent", "hundred": multiplies the running value
    SCALE = auto()  # "mille", "k", "million": closes a block
    HALF = auto()  # "demi", "half"
    ARTICLE = auto()  # "a", "un": one, before a scale ("a thousand", "un million")
    AND = auto()  # "et", "and": inside number words ("vingt et un")
    CURRENCY = auto()
    APPROX = auto()  # "environ", "about", "~"
    RANGE_OPEN = auto()  # "entre", "between"
    RANGE_SEP = auto()  # "à", "to", "-", "ou", "or"
    PERCENT = auto()
    WORD = auto()  # anything else
    PUNCT = auto()


@dataclass(slots=True)
class Token:
    kind: Kind
    text: str
    spaced: bool  # whitespace before it in the text
    value: Decimal = Decimal(0)
    currency: str | CurrencyFamily | None = None


@dataclass(slots=True)
class Group:
    """A run of tokens that make one number, and where it sits in the token list."""

    start: int
    end: int  # exclusive
    value: Decimal
    scale: Decimal | None  # the last scale word ("million"), for ranges like "2 à 3 millions"


UNITS: Final[dict[str, int]] = {
    "zéro": 0, "zero": 0, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60, "septante": 70, "huitante": 80,
    "octante": 80, "nonante": 90, "quatrevingt": 80,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# Number words of the other language that are ordinary words in this one:
# "un four" is an oven in French, "50 cents" are coins in English.
NOT_NUMBERS: Final[dict[Language, frozenset[str]]] = {
    "fr": frozenset({"four"}),
    "en": frozenset({"sept"}),
}
ARTICLES: Final = frozenset({"a", "an", "un", "une"})
HUNDREDS: Final = frozenset({"cent", "cents", "hundred", "hundreds"})
SCALES: Final[dict[str, Decimal]] = {
    "mille": Decimal(1000), "milles": Decimal(1000), "thousand": Decimal(1000),
    "thousands": Decimal(1000), "million": Decimal(10) ** 6, "millions": Decimal(10) ** 6,
    "milliard": Decimal(10) ** 9, "milliards": Decimal(10) ** 9,
}  # fmt: skip
# Abbreviations that are scales only right after a number ("45k", "1.2m", "3 mds").
SCALE_AFTER_NUMBER: Final[dict[str, Decimal]] = {
    "k": Decimal(1000), "m": Decimal(10) ** 6, "mn": Decimal(10) ** 6,
    "mio": Decimal(10) ** 6, "mln": Decimal(10) ** 6, "bn": Decimal(10) ** 9,
    "md": Decimal(10) ** 9, "mds": Decimal(10) ** 9, "mrd": Decimal(10) ** 9,
}  # fmt: skip
# "billion" is 10^9 in English and 10^12 (a million millions) in French.
BILLION: Final[dict[Language, Decimal]] = {"en": Decimal(10) ** 9, "fr": Decimal(10) ** 12}
HALVES: Final = frozenset({"demi", "demie", "half"})
ANDS: Final = frozenset({"et", "and"})
APPROX_WORDS: Final = frozenset(
    {
        "environ", "approximativement", "presque", "autour", "vers", "about", "around",
        "approximately", "approx", "roughly", "nearly", "almost", "some", "près", "pres",
        "moins", "plus", "less", "more", "under", "over", "max", "maximum", "minimum",
        "least", "~", "±", "≈",
    }
)  # fmt: skip
RANGE_OPENERS: Final = frozenset({"entre", "between", "from"})
RANGE_SEPARATORS: Final = frozenset({"à", "to", "ou", "or", "-", "–", "—"})

_SPACES = re.compile(r"[\u00a0\u202f\u2007\u2009\u200a\t]")
_LETTER_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_QUATRE_VINGT = re.compile(r"\bquatre[\s-]+vingts?\b")
_TOKEN = re.compile(
    r"(?P<num>\d+(?:[.,' ]\d+)*)"
    r"|(?P<sym>/=|[₦₵¢$€£%~±≈])"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<punct>\S)"
)


def normalize(text: str) -> str:
    """Lowercase, one kind of space and apostrophe, currency phrases as one token."""
    text = unicodedata.normalize("NFC", text).lower()
    text = _SPACES.sub(" ", text).replace("’", "'").replace("‘", "'")
    text = _QUATRE_VINGT.sub("quatrevingt", text)
    text = _LETTER_HYPHEN.sub(" ", text)
    for pattern, replacement in currency_words.PHRASES:
        text = re.sub(pattern, replacement, text)
    return text


def _split_spaced_digits(raw: str) -> list[str]:
    """ "2 500 000" stays one number; "3 2500" is two (a space groups only 3 digits)."""
    chunks = raw.split(" ")
    numbers = [chunks[0]]
    for chunk in chunks[1:]:
        grouping = re.fullmatch(r"\d{1,3}", numbers[-1]) or re.fullmatch(
            r"\d{1,3}( \d{3})+", numbers[-1]
        )
        if grouping and re.fullmatch(r"\d{3}(?:[.,]\d+)?", chunk):
            numbers[-1] += " " + chunk
        else:
            numbers.append(chunk)
    return numbers


def resolve_digits(raw: str, language: Language, decimals: int) -> Decimal | None:
    """The value of a digit string with its separators, or None when they make no sense."""
    if " " in raw:
        # spaces were checked to group thousands: any "." or "," left is a decimal mark
        integer, _, fraction = raw.replace(" ", "").replace(",", ".").partition(".")
        return Decimal(f"{integer}.{fraction}" if fraction else integer)
    raw = raw.replace("'", "") if re.fullmatch(r"\d{1,3}('\d{3})+([.,]\d+)?", raw) else raw
    if "'" in raw:
        return None
    marks = [ch for ch in raw if ch in ".,"]
    if not marks:
        return Decimal(raw)
    if len(set(marks)) == 2:
        decimal_mark = marks[-1]
        group_mark = "." if decimal_mark == "," else ","
        integer, _, fraction = raw.rpartition(decimal_mark)
        if decimal_mark in integer or not _grouped(integer, group_mark):
            return None
        return Decimal(integer.replace(group_mark, "") + "." + fraction)
    mark = marks[0]
    if len(marks) > 1:
        return Decimal(raw.replace(mark, "")) if _grouped(raw, mark) else None
    integer, _, fraction = raw.partition(mark)
    language_decimal_mark = "," if language == "fr" else "."
    thousands_like = len(fraction) == 3 and len(integer) <= 3 and integer != "0"
    if thousands_like and not (decimals == 3 and mark == language_decimal_mark):
        return Decimal(integer + fraction)
    return Decimal(integer + "." + fraction)


def _grouped(integer: str, mark: str) -> bool:
    head, *groups = integer.split(mark)
    return 1 <= len(head) <= 3 and all(len(group) == 3 for group in groups)


def tokenize(text: str, language: Language, decimals: int) -> list[Token]:
    """Typed tokens of a normalised text; digits resolved with ``decimals`` in mind."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        spaced = match.start() > 0 and text[match.start() - 1].isspace()
        raw = match.group()
        if match.lastgroup == "num":
            for index, part in enumerate(_split_spaced_digits(raw)):
                value = resolve_digits(part, language, decimals)
                kind = Kind.NUM if value is not None else Kind.PUNCT
                tokens.append(Token(kind, part, spaced or index > 0, value or Decimal(0)))
            continue
        tokens.append(_word_token(raw, spaced, language))
    _glue_in_context(tokens)
    return tokens


def _word_token(raw: str, spaced: bool, language: Language) -> Token:
    if raw in UNITS and raw not in NOT_NUMBERS[language]:
        return Token(Kind.WORDNUM, raw, spaced, Decimal(UNITS[raw]))
    if raw in HUNDREDS:
        return Token(Kind.HUNDRED, raw, spaced)
    if raw in SCALES:
        return Token(Kind.SCALE, raw, spaced, SCALES[raw])
    if raw in {"billion", "billions"}:
        return Token(Kind.SCALE, raw, spaced, BILLION[language])
    if raw in ARTICLES:
        return Token(Kind.ARTICLE, raw, spaced, Decimal(1))
    if raw in HALVES:
        return Token(Kind.HALF, raw, spaced)
    if raw in ANDS:
        return Token(Kind.AND, raw, spaced)
    if raw in APPROX_WORDS:
        return Token(Kind.APPROX, raw, spaced)
    if raw in RANGE_OPENERS:
        return Token(Kind.RANGE_OPEN, raw, spaced)
    if raw in RANGE_SEPARATORS:
        return Token(Kind.RANGE_SEP, raw, spaced)
    if raw == "%":
        return Token(Kind.PERCENT, raw, spaced)
    named = currency_words.lookup(raw, glued_to_number=False)
    if named is not None:
        return Token(Kind.CURRENCY, raw, spaced, currency=named)
    return Token(Kind.WORD if raw[0].isalpha() else Kind.PUNCT, raw, spaced)


def _glue_in_context(tokens: list[Token]) -> None:
    """Readings that depend on the neighbours: "45k", "R150", "un" alone."""
    for index, token in enumerate(tokens):
        before = tokens[index - 1] if index else None
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        after_number = before is not None and before.kind is Kind.NUM
        if token.text in SCALE_AFTER_NUMBER and after_number:
            token.kind, token.value, token.currency = (
                Kind.SCALE,
                SCALE_AFTER_NUMBER[token.text],
                None,
            )
            continue
        glued = after is not None and after.kind is Kind.NUM and not after.spaced
        if token.kind in {Kind.WORD, Kind.ARTICLE, Kind.CURRENCY} and glued:
            named = currency_words.lookup(token.text, glued_to_number=True)
            if named is not None:
                token.kind, token.currency = Kind.CURRENCY, named
                continue
        if token.kind is not Kind.ARTICLE:
            continue
        after_et = before is not None and before.kind is Kind.AND
        before_scale = after is not None and after.kind in {Kind.SCALE, Kind.HUNDRED, Kind.HALF}
        if after_et and token.text in {"un", "une"} and not before_scale:
            token.kind = Kind.WORDNUM  # "vingt et un"
        elif not before_scale:
            token.kind = Kind.WORD  # "un peu", "a lot": not a number


_JOINS_AFTER: Final[dict[Kind, frozenset[Kind]]] = {
    # which token kinds may follow which inside one number
    Kind.NUM: frozenset({Kind.SCALE, Kind.HUNDRED}),
    Kind.WORDNUM: frozenset({Kind.WORDNUM, Kind.SCALE, Kind.HUNDRED, Kind.AND}),
    Kind.HUNDRED: frozenset({Kind.WORDNUM, Kind.SCALE, Kind.AND}),
    Kind.SCALE: frozenset({Kind.NUM, Kind.WORDNUM, Kind.ARTICLE, Kind.AND, Kind.SCALE}),
    Kind.ARTICLE: frozenset({Kind.SCALE, Kind.HUNDRED, Kind.HALF}),
    Kind.HALF: frozenset({Kind.SCALE, Kind.ARTICLE}),
    Kind.AND: frozenset({Kind.WORDNUM, Kind.HALF, Kind.ARTICLE}),
}
_STARTS: Final = frozenset({Kind.NUM, Kind.WORDNUM, Kind.HUNDRED, Kind.SCALE, Kind.ARTICLE})
_TENS_BEFORE_ET_UN: Final = frozenset({20, 30, 40, 50, 60})


def _joins(tokens: list[Token], end: int) -> bool:
    previous, token = tokens[end - 1], tokens[end]
    if token.kind not in _JOINS_AFTER[previous.kind]:
        return False
    if token.kind is Kind.SCALE and previous.kind is Kind.SCALE:
        return token.value < previous.value  # "million mille"? only downwards
    if token.kind is Kind.AND and previous.kind is Kind.WORDNUM:
        # "vingt et un", "soixante et onze"; not "deux et trois" (a range)
        following = tokens[end + 1] if end + 1 < len(tokens) else None
        return previous.value in _TENS_BEFORE_ET_UN and (
            following is not None and following.text in {"un", "une", "onze"}
        )
    return True


def _split_repeated_scale(start: int, end: int, tokens: list[Token]) -> list[tuple[int, int]]:
    """ "deux mille et trois mille" is two numbers: a scale cannot come back after "et"."""
    smallest: Decimal | None = None
    for index in range(start, end):
        token = tokens[index]
        if token.kind is Kind.SCALE:
            smallest = token.value if smallest is None else min(smallest, token.value)
        elif token.kind is Kind.AND and smallest is not None:
            later = [t.value for t in tokens[index + 1 : end] if t.kind is Kind.SCALE]
            if later and max(later) >= smallest:
                return [(start, index), *_split_repeated_scale(index + 1, end, tokens)]
    return [(start, end)]


def groups(tokens: list[Token]) -> list[Group]:
    """The numbers of a token list, each evaluated."""
    found: list[Group] = []
    index = 0
    while index < len(tokens):
        first = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        starts_with_half = first.kind is Kind.HALF and (
            following is not None and following.kind in {Kind.SCALE, Kind.ARTICLE}
        )
        if first.kind not in _STARTS and not starts_with_half:
            index += 1
            continue
        end = index + 1
        while end < len(tokens) and _joins(tokens, end):
            end += 1
        while end > index + 1 and tokens[end - 1].kind is Kind.AND:
            end -= 1  # "2000 et" : the "et" belongs to what follows
        for start, stop in _split_repeated_scale(index, end, tokens):
            group = _evaluate(tokens[start:stop], start)
            if group is not None:
                found.append(group)
        index = end
    return found


def _evaluate(parts: list[Token], start: int) -> Group | None:
    if len(parts) == 1 and parts[0].kind is Kind.SCALE and parts[0].text in SCALE_AFTER_NUMBER:
        return None
    total = Decimal(0)
    current = Decimal(0)
    scale: Decimal | None = None
    previous: Kind | None = None
    for token in parts:
        kind = token.kind
        if kind is Kind.ARTICLE and previous is Kind.HALF:
            pass  # "half a million"
        elif kind in {Kind.NUM, Kind.WORDNUM, Kind.ARTICLE}:
            current += token.value
        elif kind is Kind.HUNDRED:
            current = (current or Decimal(1)) * 100
        elif kind is Kind.SCALE:
            total += (current or Decimal(1)) * token.value
            current = Decimal(0)
            scale = token.value
        elif kind is Kind.HALF:
            if previous is None or (previous is Kind.ARTICLE and current == 1 and not total):
                current = Decimal("0.5")
            elif scale is not None and not current:
                total += scale / 2
            else:
                current += Decimal("0.5")
        previous = kind
    return Group(start, start + len(parts), total + current, scale)
