"""What every agent needs to know about the business, read once from an AgentInput.

The session's context comes from detectors that may have found nothing (no
city, no country, a sector outside the taxonomy): this module turns it into
plain, always-present facts so each agent does not re-check every key, and
records what is unknown so the brief can say so and lower its confidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from genesis.core.agents import voice
from genesis.core.agents.data import load_json
from genesis.core.agents.types import AgentInput
from genesis.core.coach.methodology import methodology_for
from genesis.core.coach.types import Language
from genesis.core.taxonomy import DEFAULT_SECTOR, SECTORS

ANSWER_KEYS: tuple[str, ...] = ("vision", "mission", "clientele", "differentiation", "offre")

# Shown where the person has not given a name yet; counted as a placeholder.
UNNAMED = {"fr": "Votre entreprise", "en": "Your business"}


@dataclass(frozen=True, slots=True)
class Facts:
    language: Language
    name: str
    named: bool  # False when ``name`` is the UNNAMED stand-in
    sector: str  # an id of the taxonomy
    sector_label: str  # in ``language``
    city: str | None
    country: str | None  # in ``language``
    country_code: str | None  # ISO alpha-2, only when the market pack knows it
    currency: str | None  # ISO 4217
    answers: dict[str, str]

    def answer(self, key: str) -> str:
        return self.answers.get(key, "").strip()

    def said(self, key: str, *, framed: bool = True) -> str:
        """The answer to step ``key`` as a clean sentence in the business's voice
        (see :func:`genesis.core.agents.voice.statement`)."""
        answer = self.answer(key)
        return voice.statement(key, answer, self.language, framed=framed) if answer else ""

    @property
    def place(self) -> str | None:
        """ "City" or "City, Country" or "Country", for copy and keywords."""
        if self.city and self.country and self.city != self.country:
            return f"{self.city}, {self.country}"
        return self.city or self.country


def country_pack(code: str | None) -> dict[str, Any] | None:
    """The market-pack entry of a country (None when unknown)."""
    if not code:
        return None
    countries: dict[str, Any] = load_json("market_pack.json")["countries"]
    entry = countries.get(code.upper())
    return entry if isinstance(entry, dict) else None


def read_facts(inp: AgentInput) -> Facts:
    language = inp.language
    sector = str(inp.sector_context.get("sector") or DEFAULT_SECTOR)
    if sector not in SECTORS:
        sector = DEFAULT_SECTOR
    cultural = inp.cultural_context
    pack = country_pack(_text(cultural.get("country_code")))
    code = str(cultural["country_code"]).upper() if pack is not None else None
    country = _text(cultural.get("country"))
    if pack is not None:
        country = country or pack[f"name_{language}"]
    currency = _text(cultural.get("currency")) or (pack["currency"] if pack else None)
    name = (inp.business_name or "").strip()
    label = methodology_for(language).sector_label(sector) or sector
    answers = {k: v for k, v in inp.answers.items() if isinstance(v, str) and v.strip()}
    return Facts(
        language=language,
        name=name or UNNAMED[language],
        named=bool(name),
        sector=sector,
        sector_label=label,
        city=_text(cultural.get("city")),
        country=country,
        country_code=code,
        currency=currency,
        answers=answers,
    )


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
