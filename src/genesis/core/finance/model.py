"""What a financial plan is built from (Assumptions) and what it contains (FinancialPlan).

Money is Decimal everywhere and serialises as a string in JSON, so no amount
passes through a float. Rates are percentages ("18" is 18 %), as people and
tax codes say them. Every table row carries a stable ``key`` (for code, the
spreadsheet and translations) and a ``label`` in the plan's language.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Language = Literal["fr", "en"]
Origin = Literal["given", "estimate", "default"]
FinancingKind = Literal[
    "own_savings", "family", "tontine", "microfinance", "bank_loan", "grant", "other"
]
LOAN_ONLY_KINDS: frozenset[str] = frozenset({"microfinance", "bank_loan"})

Amount = Decimal


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AssumptionNote(_Frozen):
    """Where one assumption comes from: said by the person, estimated, or a default.

    ``key`` names the assumption as a path into Assumptions ("units_per_month",
    "fixed_costs.rent", "rates.vat_pct", "investments.0.amount").
    """

    key: str
    origin: Origin
    note: str | None = None  # e.g. "typical range for restaurants", "to confirm with an accountant"


class Product(_Frozen):
    """One thing sold. Prices and costs exclude VAT."""

    name: str = Field(min_length=1)
    unit_price: Amount = Field(gt=0)
    unit_cost: Amount = Field(default=Decimal(0), ge=0)  # materials or goods bought per unit
    share_of_units: Decimal = Field(default=Decimal(1), gt=0)  # a weight: shares are normalised


class FixedCosts(_Frozen):
    """Monthly fixed costs by category. ``salaries`` are gross (before employee deductions)."""

    rent: Amount = Field(default=Decimal(0), ge=0)
    salaries: Amount = Field(default=Decimal(0), ge=0)
    phone_internet: Amount = Field(default=Decimal(0), ge=0)
    transport: Amount = Field(default=Decimal(0), ge=0)
    electricity: Amount = Field(default=Decimal(0), ge=0)
    other: Amount = Field(default=Decimal(0), ge=0)


class Investment(_Frozen):
    """Something bought before opening. No lifetime (or 0): not depreciated (a deposit, land)."""

    label: str = Field(min_length=1)
    amount: Amount = Field(ge=0)
    lifetime_years: int | None = Field(default=None, ge=0, le=50)

    @property
    def depreciated(self) -> bool:
        return bool(self.lifetime_years)


class Financing(_Frozen):
    """A source of money at the start. With a duration it is a loan repaid by annuities."""

    kind: FinancingKind
    amount: Amount = Field(ge=0)
    label: str | None = None
    annual_rate_pct: Decimal = Field(default=Decimal(0), ge=0, le=100)
    duration_months: int = Field(default=0, ge=0, le=360)

    @property
    def is_loan(self) -> bool:
        return self.duration_months > 0

    @model_validator(mode="after")
    def _loans_have_a_duration(self) -> Financing:
        if self.kind in LOAN_ONLY_KINDS and not self.is_loan and self.amount > 0:
            raise ValueError(f"a {self.kind} needs a duration in months")
        if self.kind == "grant" and self.is_loan:
            raise ValueError("a grant is not repaid: no duration")
        return self


class WorkingCapitalDays(_Frozen):
    """How long stock waits, customers take to pay and suppliers let you wait.

    Thirty days count as one month."""

    stock_days: int = Field(default=0, ge=0, le=180)
    customer_days: int = Field(default=0, ge=0, le=180)
    supplier_days: int = Field(default=0, ge=0, le=180)


class TaxBand(_Frozen):
    """The corporate tax rate of a year whose turnover is at most ``turnover_up_to``
    (None: any turnover above the bands before)."""

    turnover_up_to: Amount | None = Field(default=None, ge=0)
    rate_pct: Decimal = Field(ge=0, le=100)


class TaxRates(_Frozen):
    """Percentages: corporate income tax on profit, employer social charges on gross
    salaries, and the standard VAT rate (used only when ``vat_registered``).

    Where the corporate rate depends on the year's turnover (Nigeria's small,
    medium and large companies), ``corporate_tax_bands`` give it, by ascending
    turnover, the last one open-ended; ``corporate_tax_pct`` is then the first
    band's rate."""

    corporate_tax_pct: Decimal = Field(ge=0, le=100)
    social_charges_pct: Decimal = Field(ge=0, le=100)
    vat_pct: Decimal = Field(ge=0, le=100)
    corporate_tax_bands: tuple[TaxBand, ...] = ()

    @model_validator(mode="after")
    def _bands_ascend_to_an_open_end(self) -> TaxRates:
        bands = self.corporate_tax_bands
        if not bands:
            return self
        ceilings = [band.turnover_up_to for band in bands[:-1] if band.turnover_up_to is not None]
        if bands[-1].turnover_up_to is not None or len(ceilings) != len(bands) - 1:
            raise ValueError("only the last tax band is open-ended, and it must be")
        if any(low >= high for low, high in pairwise(ceilings)):
            raise ValueError("tax bands go by ascending turnover")
        return self

    def corporate_rate(self, turnover: Decimal) -> Decimal:
        """The corporate tax rate of a year with this turnover."""
        for band in self.corporate_tax_bands:
            if band.turnover_up_to is None or turnover <= band.turnover_up_to:
                return band.rate_pct
        return self.corporate_tax_pct


class Assumptions(_Frozen):
    """Everything a plan is computed from; all amounts in ``currency``."""

    currency: str = Field(pattern=r"^[A-Z]{3}$")
    language: Language = "en"
    country_code: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    sector: str = "services"
    start_year: int | None = Field(default=None, ge=2000, le=2100)
    start_month: int = Field(default=1, ge=1, le=12)
    products: list[Product] = Field(min_length=1)
    units_per_month: Decimal = Field(ge=0)  # all products together, in the first month
    monthly_growth_pct: Decimal = Field(default=Decimal(0), ge=-50, le=100)
    # Months of growth before sales level off; None: growth all three years.
    growth_months: int | None = Field(default=None, ge=0, le=36)
    fixed_costs: FixedCosts = FixedCosts()
    yearly_fixed_cost_increase_pct: Decimal = Field(default=Decimal(0), ge=0, le=100)
    investments: list[Investment] = Field(default_factory=list)
    opening_stock: Amount = Field(default=Decimal(0), ge=0)
    # Cash kept at the start for the first months; None: the minimum so cash never goes negative.
    cash_buffer: Amount | None = Field(default=None, ge=0)
    financing: list[Financing] = Field(default_factory=list)
    working_capital: WorkingCapitalDays = WorkingCapitalDays()
    rates: TaxRates
    vat_registered: bool = False
    notes: list[AssumptionNote] = Field(default_factory=list)

    @field_validator("currency", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value


# ---------------------------------------------------------------- the plan


class Line(_Frozen):
    """One labelled amount (a use, a source, a balance-sheet item)."""

    key: str
    label: str
    amount: Amount


RowKind = Literal["item", "subtotal", "total"]


class Row(_Frozen):
    """One labelled line over periods (months or years)."""

    key: str
    label: str
    values: list[Amount]
    total: Amount | None = None  # the sum over the periods, when a sum means something
    kind: RowKind = "item"


class Table(_Frozen):
    """Rows over the same columns; ``row(key)`` finds one."""

    columns: list[str]
    rows: list[Row]

    def row(self, key: str) -> Row:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)


class AssumptionLine(_Frozen):
    """One assumption as listed in the plan, with where it comes from."""

    key: str
    label: str
    value: str
    origin: Origin
    note: str | None = None


class StartupBudget(_Frozen):
    """Uses and sources of money at the start; the two totals are always equal."""

    uses: list[Line]
    sources: list[Line]
    total_uses: Amount
    total_sources: Amount
    financing_to_find: Amount  # sources the person still has to find (0 if none)
    surplus_cash: Amount  # sources beyond the uses, kept as opening cash
    opening_cash: Amount  # cash buffer + surplus


class LoanRow(_Frozen):
    month: int
    instalment: Amount
    interest: Amount
    principal: Amount
    remaining: Amount


class LoanSchedule(_Frozen):
    """Constant instalments (annuity) at the monthly rate annual/12, first due in month 1."""

    key: str
    label: str
    principal: Amount
    annual_rate_pct: Decimal
    duration_months: int
    instalment: Amount
    rows: list[LoanRow]
    total_interest: Amount


class CashFlowPlan(_Frozen):
    """Month 0 (the start) then months 1-12 of year 1."""

    table: Table  # receipts, payments, totals, opening and closing cash
    negative_months: list[int]
    lowest_closing_cash: Amount
    minimum_cash_needed: Amount  # cash at the start that keeps every month at zero or above


class DepreciationRow(_Frozen):
    year: int
    depreciation: Amount
    accumulated: Amount
    net_book_value: Amount


class DepreciationSchedule(_Frozen):
    key: str
    label: str
    amount: Amount
    lifetime_years: int
    rows: list[DepreciationRow]


class WorkingCapital(_Frozen):
    """Stock, receivables and payables at each year end, from the days given."""

    stock_days: int
    customer_days: int
    supplier_days: int
    table: Table  # columns: years 1-3


class BalanceSheet(_Frozen):
    label: str
    assets: list[Line]
    liabilities: list[Line]  # equity and liabilities
    total_assets: Amount
    total_liabilities: Amount


class Indicators(_Frozen):
    break_even_revenue_per_month: Amount | None  # None when the gross margin is not positive
    break_even_units_per_month: Decimal | None  # whole units, rounded up
    payback_months: int | None  # None: not within 36 months
    gross_margin_pct: list[Decimal | None]  # per year
    net_margin_pct: list[Decimal | None]
    debt_service_coverage: list[Decimal | None]  # per year; None without debt service


class MonthFigures(_Frozen):
    """Month by month over three years, for charts."""

    month: int
    label: str
    revenue: Amount
    costs: Amount  # cost of sales + fixed costs + social charges + depreciation + interest
    closing_cash: Amount


WarningCode = Literal[
    "negative_cash", "negative_cash_later", "low_debt_coverage", "no_gross_margin",
    "financing_gap", "no_sales",
]  # fmt: skip


class PlanWarning(_Frozen):
    code: WarningCode
    message: str


class FinancialPlan(_Frozen):
    """The tables a bank or microfinance officer asks for, from one set of Assumptions."""

    currency: str
    decimals: int  # every amount is rounded to this many decimals (the currency's)
    language: Language
    assumptions: list[AssumptionLine]
    conventions: list[str]  # how the figures are computed, in plain words
    startup: StartupBudget
    loans: list[LoanSchedule]
    cash_flow: CashFlowPlan
    income_statement: Table  # columns: years 1-3
    depreciation: list[DepreciationSchedule]
    working_capital: WorkingCapital
    opening_balance_sheet: BalanceSheet
    year_end_balance_sheet: BalanceSheet
    indicators: Indicators
    monthly: list[MonthFigures]
    warnings: list[PlanWarning]
