"""Make text printable with the PDF core fonts, which only know Latin-1.

fpdf2 ships no Unicode TTF font and the project installs none, so the PDF uses
Helvetica. French accents (é, è, à, ç, ô, «, ») are Latin-1 and print as is;
typographic quotes, dashes, ellipses, narrow spaces and the like are replaced
by their plain equivalents, and anything else (emoji, other scripts) by its
accent-free form or dropped, rather than failing the whole export.
"""

from __future__ import annotations

import unicodedata

_REPLACEMENTS = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": ",",
        "‛": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "‹": "<",
        "›": ">",
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "…": "...",
        "•": "-",
        "€": "EUR",
        "œ": "oe",
        "Œ": "OE",
        "™": "(TM)",
        "\u202f": " ",
        "\u2009": " ",
        "\u2007": " ",
        "\u200b": "",
        "\u2060": "",
        "\ufeff": "",
    }
)


def latin1(text: str) -> str:
    """``text`` with only Latin-1 characters, as close to the original as possible."""
    text = text.translate(_REPLACEMENTS)
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return "".join(_char(c) for c in text)
    return text


def _char(char: str) -> str:
    try:
        char.encode("latin-1")
    except UnicodeEncodeError:
        decomposed = unicodedata.normalize("NFKD", char)
        return "".join(c for c in decomposed if ord(c) < 256 and not unicodedata.combining(c))
    return char
