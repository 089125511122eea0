"""An SVG logo made offline: a monogram badge, or the badge with the name beside it.

The badge (initials over a small sector symbol, on the sector's colour) is a
64x64 square drawn with basic shapes only, so it stays readable as a 32 px
favicon and needs no font download or raster image. A short name also gets a
wordmark version. The business name is XML-escaped: it is user input.

An uploaded logo: when ``sector_context["uploaded_logo_svg"]`` holds an SVG the
person gave, its sanitised copy (``svg.sanitize_svg``) is used instead (kind
"uploaded"); when the sanitiser refuses it, the generated logo stands and a note
in the result's ``notes`` says why. With an LLM configured, the model
may pick the symbol and the kind among the fixed choices.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, quoteattr

from genesis.core.agents.data import load_json
from genesis.core.agents.facts import Facts, read_facts
from genesis.core.agents.provider import UnusableReplyError, improved, with_llm
from genesis.core.agents.svg import sanitize_svg
from genesis.core.agents.text import initials
from genesis.core.agents.types import AgentInput, AgentResult
from genesis.core.errors import InvalidLogoError
from genesis.core.ports import LLMPort, SearchPort

# Each symbol is drawn in a 24x24 box; "{c}" is the accent colour.
SYMBOLS: dict[str, str] = {
    "bowl": '<path d="M2 9h20a10 10 0 0 1-20 0z" fill="{c}"/>',
    "leaf": '<path d="M4 21C4 9 11 3 21 3c0 10-6 18-17 18z" fill="{c}"/>',
    "bag": (
        '<rect x="4" y="8" width="16" height="14" rx="2" fill="{c}"/>'
        '<path d="M8 9V7a4 4 0 0 1 8 0v2" fill="none" stroke="{c}" stroke-width="2.5"/>'
    ),
    "hanger": '<path d="M12 7L2 19h20z" fill="none" stroke="{c}" stroke-width="3"/>',
    "flower": (
        '<circle cx="12" cy="6" r="5" fill="{c}"/><circle cx="6" cy="14" r="5" fill="{c}"/>'
        '<circle cx="18" cy="14" r="5" fill="{c}"/>'
    ),
    "code": '<path d="M8 5l-6 7 6 7M16 5l6 7-6 7" fill="none" stroke="{c}" stroke-width="3"/>',
    "book": '<path d="M1 4l11 3 11-3v16l-11 3-11-3z" fill="{c}"/>',
    "cross": '<path d="M8 1h8v7h7v8h-7v7H8v-7H1V8h7z" fill="{c}"/>',
    "arrow": '<path d="M1 8h13V2l9 10-9 10v-6H1z" fill="{c}"/>',
    "house": '<path d="M2 12L12 2l10 10v10H2z" fill="{c}"/>',
    "sun": (
        '<circle cx="12" cy="13" r="7" fill="{c}"/>'
        '<rect x="0" y="20" width="24" height="3" fill="{c}"/>'
    ),
    "bolt": '<path d="M14 0L3 14h8l-2 10 12-15h-8z" fill="{c}"/>',
    "coins": (
        '<circle cx="8" cy="12" r="7" fill="{c}"/>'
        '<circle cx="16" cy="12" r="7" fill="none" stroke="{c}" stroke-width="2.5"/>'
    ),
    "diamond": '<path d="M12 1l11 11-11 11L1 12z" fill="{c}"/>',
    "play": '<path d="M5 2l17 10L5 22z" fill="{c}"/>',
    "check": '<path d="M2 13l7 7L22 5" fill="none" stroke="{c}" stroke-width="4"/>',
}
KINDS = ("monogram", "wordmark")
WORDMARK_MAX_CHARS = 18
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
UPLOADED_LOGO_KEY = "uploaded_logo_svg"
NOTES = {
    "fr": {"uploaded_rejected": "Le logo envoyé n'a pas pu être utilisé ({why}) : logo généré."},
    "en": {"uploaded_rejected": "The uploaded logo could not be used ({why}): generated logo."},
}


async def run(
    inp: AgentInput,
    *,
    llm: LLMPort | None,
    search: SearchPort | None,
    provider_timeout_s: float,
) -> AgentResult:
    facts = read_facts(inp)
    uploaded = inp.sector_context.get(UPLOADED_LOGO_KEY)
    offline = make_logo(facts, uploaded=uploaded if isinstance(uploaded, str) else None)
    improve = (
        with_llm(llm, _choose, facts, provider_timeout_s) if offline["kind"] != "uploaded" else None
    )
    return await improved(offline, improve, what="LLM logo choice", timeout_s=provider_timeout_s)


def make_logo(
    facts: Facts, *, uploaded: str | None = None, symbol: str | None = None, kind: str | None = None
) -> dict[str, Any]:
    """The logo: the uploaded one when usable, else a generated monogram or wordmark."""
    notes: list[str] = []
    if uploaded:
        try:
            clean = sanitize_svg(uploaded)
        except InvalidLogoError as refused:
            notes.append(NOTES[facts.language]["uploaded_rejected"].format(why=refused.reason))
        else:
            return {"kind": "uploaded", "svg": clean, "icon_svg": clean, "notes": []}
    styles = load_json("logo_styles.json")
    palette = dict(styles["palettes"][facts.sector])
    symbol = symbol if symbol in SYMBOLS else styles["symbols"][facts.sector]
    letters = initials(facts.name)
    if kind not in KINDS:
        kind = "wordmark" if facts.named and len(facts.name) <= WORDMARK_MAX_CHARS else "monogram"
    icon = monogram_svg(letters, symbol, palette)
    svg = wordmark_svg(facts.name, letters, symbol, palette) if kind == "wordmark" else icon
    return {
        "kind": kind,
        "svg": svg,
        "icon_svg": icon,
        "initials": letters,
        "symbol": symbol,
        "palette": palette,
        "notes": notes,
    }


def _badge(letters: str, symbol: str, palette: dict[str, str]) -> str:
    size = 26 if len(letters) <= 2 else 20
    drawn = SYMBOLS[symbol].format(c=palette["accent"])
    return (
        f'<rect width="64" height="64" rx="14" fill="{palette["primary"]}"/>'
        f'<g transform="translate(22 7) scale(0.83)">{drawn}</g>'
        f'<text x="32" y="55" text-anchor="middle" font-family="{FONT}" font-size="{size}" '
        f'font-weight="700" fill="#FFFFFF">{escape(letters)}</text>'
    )


def monogram_svg(letters: str, symbol: str, palette: dict[str, str]) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64" '
        f'role="img" aria-label={quoteattr(letters)}>{_badge(letters, symbol, palette)}</svg>'
    )


def wordmark_svg(name: str, letters: str, symbol: str, palette: dict[str, str]) -> str:
    # Average glyph width of a bold sans at 28 px, rounded up so nothing is clipped.
    width = 76 + round(len(name) * 28 * 0.62) + 8
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 64" width="{width}" '
        f'height="64" role="img" aria-label={quoteattr(name)}>'
        f"{_badge(letters, symbol, palette)}"
        f'<text x="76" y="42" font-family="{FONT}" font-size="28" font-weight="700" '
        f'fill="{palette["text"]}">{escape(name)}</text></svg>'
    )


async def _choose(
    data: dict[str, Any], facts: Facts, llm: LLMPort, timeout_s: float
) -> dict[str, Any]:
    schema = {
        "type": "object",
        "properties": {
            "symbol": {"type": "string", "enum": sorted(SYMBOLS)},
            "kind": {"type": "string", "enum": list(KINDS)},
        },
        "required": ["symbol", "kind"],
    }
    reply = await llm.chat_json(
        [
            {
                "role": "system",
                "content": "Pick the simple symbol and logo kind that best fit this business. "
                "A wordmark only suits short names. Reply with JSON only.",
            },
            {
                "role": "user",
                "content": f"Name: {facts.name}\nSector: {facts.sector_label}\n"
                f"Offer: {facts.answer('offre')}",
            },
        ],
        schema=schema,
        timeout_s=timeout_s,
    )
    symbol, kind = reply.get("symbol"), reply.get("kind")
    if symbol not in SYMBOLS or kind not in KINDS:
        raise UnusableReplyError("the logo choice is not one of the allowed values")
    if kind == "wordmark" and (not facts.named or len(facts.name) > WORDMARK_MAX_CHARS):
        kind = "monogram"  # a long wordmark is unreadable at small sizes
    return {**make_logo(facts, symbol=str(symbol), kind=str(kind)), "chosen_by": "llm"}
