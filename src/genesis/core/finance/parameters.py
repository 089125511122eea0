"""Tax and social parameters per country, each with its source and year or marked to confirm.

data/country_parameters.json holds, for each of the 54 African countries, the
currency, the corporate income tax rate that applies to a small company, the
employer's social charges on gross salaries and the standard VAT rate. A
value is cited only where a publication was checked to state it; every other
value is a sensible default marked ``to_confirm`` ("to confirm with an
accountant"). The person can override any rate: :func:`tax_rates` returns
the rates to plan with and the notes that say where each one comes from.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict

from genesis.core.finance.data import load_json
from genesis.core.finance.model import AssumptionNote, TaxBand, TaxRates

RateKey = Literal["corporate_tax_pct", "social_charges_pct", "vat_pct"]
TO_CONFIRM: Final = "to confirm with an accountant"
_FIELDS: Final[dict[RateKey, str]] = {
    "corporate_tax_pct": "corporate_tax",
    "social_charges_pct": "social_charges",
    "vat_pct": "vat",
}


class ParameterValue(BaseModel):
    """One rate, in percent, with where it comes from."""

    model_config = ConfigDict(frozen=True)

    value: Decimal
    source: str | None
    year: int | None
    to_confirm: bool
    note: str | None = None
    detail: str | None = None  # which regime or what it covers
    # A rate that depends on the year's turnover (corporate tax only): see TaxBand.
    bands: tuple[TaxBand, ...] = ()

    @property
    def citation(self) -> str:
        """ "Source, year", or the to-confirm note."""
        if self.source and self.year:
            return f"{self.source}, {self.year}"
        return self.note or TO_CONFIRM


class CountryParameters(BaseModel):
    model_config = ConfigDict(frozen=True)

    country_code: str
    currency: str
    corporate_tax: ParameterValue
    social_charges: ParameterValue
    vat: ParameterValue
    small_business_regime: str | None = None


# For a country we do not know: middle-of-the-range defaults, all to confirm.
def _to_confirm(value: int) -> ParameterValue:
    return ParameterValue(
        value=Decimal(value), source=None, year=None, to_confirm=True, note=TO_CONFIRM
    )


UNKNOWN_COUNTRY: Final = {
    "corporate_tax": _to_confirm(25),
    "social_charges": _to_confirm(15),
    "vat": _to_confirm(18),
}


@cache
def _all() -> dict[str, CountryParameters]:
    countries: dict[str, dict[str, object]] = load_json("country_parameters.json")["countries"]
    return {
        code: CountryParameters.model_validate({"country_code": code, **entry})
        for code, entry in countries.items()
    }


def country_codes() -> list[str]:
    return sorted(_all())


def country_parameters(country_code: str | None) -> CountryParameters | None:
    """The parameters of a country (ISO alpha-2), or None when it is not one of the 54."""
    if not country_code:
        return None
    return _all().get(country_code.upper())


def tax_rates(
    country_code: str | None,
    overrides: Mapping[RateKey, Decimal] | None = None,
) -> tuple[TaxRates, list[AssumptionNote]]:
    """The rates to plan with, and a note per rate ("given" when the person overrode it)."""
    found = country_parameters(country_code)
    values: dict[str, Decimal] = {}
    bands: tuple[TaxBand, ...] = ()
    notes: list[AssumptionNote] = []
    for key, field in _FIELDS.items():
        if overrides and key in overrides:
            values[key] = overrides[key]
            notes.append(AssumptionNote(key=f"rates.{key}", origin="given"))
            continue
        parameter: ParameterValue = getattr(found, field) if found else UNKNOWN_COUNTRY[field]
        values[key] = parameter.value
        if key == "corporate_tax_pct" and parameter.bands:
            bands = parameter.bands
        note = parameter.citation
        if parameter.detail:
            note = f"{note} ({parameter.detail})"
        notes.append(AssumptionNote(key=f"rates.{key}", origin="default", note=note))
    return TaxRates.model_validate({**values, "corporate_tax_bands": bands}), notes
