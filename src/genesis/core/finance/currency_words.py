"""How people name a currency when they type an amount, mapped to ISO 4217.

Many names are shared ("francs" are CFA, Guinean, Rwandan...; "shillings" are
Kenyan, Ugandan, Tanzanian, Somali; "FCFA" is XOF or XAF): such a name is a
*family*, resolved to the session's currency when it belongs to the family and
otherwise left open (no guess), except where one reading dominates ("$" is the
US dollar outside Liberia and Namibia).

Single letters (``R150``, ``N45,000``, ``K500``) are currencies only when glued
in front of a number: "R" alone in a sentence is not the rand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class CurrencyFamily:
    """A currency name that may mean several currencies."""

    members: tuple[str, ...]
    default: str | None = None  # the reading when the session's currency is not a member

    def resolve(self, session_currency: str | None) -> str | None:
        if session_currency and session_currency.upper() in self.members:
            return session_currency.upper()
        return self.default


FRANCS = CurrencyFamily(("XOF", "XAF", "GNF", "RWF", "BIF", "KMF", "CDF", "DJF"))
CFA = CurrencyFamily(("XOF", "XAF"))
SHILLINGS = CurrencyFamily(("KES", "UGX", "TZS", "SOS"))
DINARS = CurrencyFamily(("DZD", "TND", "LYD"))
POUNDS = CurrencyFamily(("EGP", "SDG", "SSP"))
DOLLARS = CurrencyFamily(("USD", "LRD", "NAD"), default="USD")
KWACHA = CurrencyFamily(("ZMW", "MWK"))
RUPEES = CurrencyFamily(("MUR", "SCR"))

# A word or symbol -> one ISO code or a family. Keys are lowercase tokens.
NAMES: Final[dict[str, str | CurrencyFamily]] = {
    # CFA francs and other francs
    "fcfa": CFA,
    "cfa": CFA,
    "cfaf": CFA,
    "franc": FRANCS,
    "francs": FRANCS,
    "frs": FRANCS,
    "fr": FRANCS,
    "f": FRANCS,
    "fg": "GNF",
    "gnf": "GNF",
    "rwf": "RWF",
    "frw": "RWF",
    "rf": "RWF",
    "fbu": "BIF",
    "bif": "BIF",
    "fc": "CDF",
    "cdf": "CDF",
    "fdj": "DJF",
    "djf": "DJF",
    "kmf": "KMF",
    "xof": "XOF",
    "xaf": "XAF",
    # West and Southern Africa
    "₦": "NGN",
    "naira": "NGN",
    "ngn": "NGN",
    "₵": "GHS",
    "¢": "GHS",
    "cedi": "GHS",
    "cedis": "GHS",
    "ghs": "GHS",
    "ghc": "GHS",
    "rand": "ZAR",
    "rands": "ZAR",
    "zar": "ZAR",
    "dalasi": "GMD",
    "dalasis": "GMD",
    "gmd": "GMD",
    "leone": "SLE",
    "leones": "SLE",
    "sle": "SLE",
    "sll": "SLE",
    "pula": "BWP",
    "bwp": "BWP",
    "loti": "LSL",
    "maloti": "LSL",
    "lsl": "LSL",
    "lilangeni": "SZL",
    "emalangeni": "SZL",
    "szl": "SZL",
    "kwanza": "AOA",
    "kwanzas": "AOA",
    "kz": "AOA",
    "aoa": "AOA",
    "metical": "MZN",
    "meticais": "MZN",
    "meticals": "MZN",
    "mzn": "MZN",
    "mt": "MZN",
    "escudo": "CVE",
    "escudos": "CVE",
    "cve": "CVE",
    "dobra": "STN",
    "dobras": "STN",
    "stn": "STN",
    "ouguiya": "MRU",
    "ouguiyas": "MRU",
    "mru": "MRU",
    "nad": "NAD",
    "lrd": "LRD",
    "zig": "ZWG",
    "zwg": "ZWG",
    # East Africa
    "ksh": "KES",
    "kshs": "KES",
    "kes": "KES",
    "bob": "KES",
    "ush": "UGX",
    "ugx": "UGX",
    "tsh": "TZS",
    "tshs": "TZS",
    "tzs": "TZS",
    "sos": "SOS",
    "shilling": SHILLINGS,
    "shillings": SHILLINGS,
    "shilingi": SHILLINGS,
    "sh": SHILLINGS,
    "shs": SHILLINGS,
    "/=": SHILLINGS,
    "birr": "ETB",
    "br": "ETB",
    "etb": "ETB",
    "nakfa": "ERN",
    "ern": "ERN",
    "ariary": "MGA",
    "ar": "MGA",
    "mga": "MGA",
    "kwacha": KWACHA,
    "mk": "MWK",
    "mwk": "MWK",
    "zmw": "ZMW",
    "rupee": RUPEES,
    "rupees": RUPEES,
    "roupie": RUPEES,
    "roupies": RUPEES,
    "rs": RUPEES,
    "mur": "MUR",
    "scr": "SCR",
    # North Africa
    "dh": "MAD",
    "dhs": "MAD",
    "dirham": "MAD",
    "dirhams": "MAD",
    "mad": "MAD",
    "dinar": DINARS,
    "dinars": DINARS,
    "da": "DZD",
    "dzd": "DZD",
    "dt": "TND",
    "tnd": "TND",
    "ld": "LYD",
    "lyd": "LYD",
    "pound": POUNDS,
    "pounds": POUNDS,
    "livre": POUNDS,
    "livres": POUNDS,
    "egp": "EGP",
    "sdg": "SDG",
    "ssp": "SSP",
    "£": POUNDS,
    # Other currencies people price in
    "$": DOLLARS,
    "dollar": DOLLARS,
    "dollars": DOLLARS,
    "usd": "USD",
    "€": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
}

# Only when glued in front of a number: "R150", "N45,000", "K500", "P20", "E50", "D100".
PREFIX_ONLY: Final[dict[str, str | CurrencyFamily]] = {
    "r": "ZAR",
    "n": "NGN",
    "k": KWACHA,
    "p": "BWP",
    "e": "SZL",
    "d": "GMD",
}

# Written as one token after normalisation ("F CFA", "franc CFA", "GH₵", "US$").
PHRASES: Final[tuple[tuple[str, str], ...]] = (
    (r"\bf\s*\.?\s*cfa\b", " fcfa "),
    (r"\bfrancs?\s+cfa\b", " fcfa "),
    (r"\bcfa\s+francs?\b", " fcfa "),
    (r"\bgh\s*[₵¢]", " ghs "),
    (r"\bus\s*\$", " usd "),
    (r"\bus\s+dollars?\b", " usd "),
    (r"\bkenya(?:n)?\s+shillings?\b", " kes "),
    (r"\bugand(?:a|an)\s+shillings?\b", " ugx "),
    (r"\btanzani(?:a|an)\s+shillings?\b", " tzs "),
    (r"\bsomali\s+shillings?\b", " sos "),
)


def lookup(token: str, *, glued_to_number: bool) -> str | CurrencyFamily | None:
    """The currency a token names, if any."""
    found = NAMES.get(token)
    if found is None and glued_to_number:
        found = PREFIX_ONLY.get(token)
    return found


def resolve(
    named: str | CurrencyFamily, session_currency: str | None
) -> tuple[str | None, tuple[str, ...]]:
    """The ISO code and, when it stays open, the candidates."""
    if isinstance(named, str):
        return named, ()
    code = named.resolve(session_currency)
    return code, () if code else named.members
