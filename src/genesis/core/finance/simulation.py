"""The month-by-month engine: 36 months of sales, costs, stock, credit and cash.

Every table of the plan is a sum or a snapshot of these months, which is why
they agree with one another to the minor unit. Each amount is rounded to the
currency's minor unit when it is computed (half-up), and every total is a sum
of rounded amounts.

Timing conventions (30 days = one month):
- Sales of month m are collected after ``customer_days``: 45 days means half
  in month m+1 and half in m+2. Purchases are paid after ``supplier_days``
  the same way.
- Stock: the business keeps ``stock_days`` of the month's cost of sales in
  stock; purchases of a month are what is consumed plus what tops the stock
  up to that level (never negative: an opening stock above the level is used
  up first).
- Fixed costs, salaries and employer social charges are paid in the month.
- Loans are received and investments and the opening stock paid at month 0;
  instalments are due from month 1.
- VAT (only when registered): charged on sales, recovered on purchases of
  goods and materials, and the net owed for a month paid in the next month; a
  credit is carried forward. VAT on investments, the opening stock and fixed
  costs is not recovered (it is in their amounts).
- Corporate tax of a year is paid in the fourth month of the next year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from genesis.core.finance import depreciation
from genesis.core.finance.model import Assumptions, LoanSchedule
from genesis.core.finance.money import round_money

HORIZON = 36  # months
DAYS_PER_MONTH = 30
TAX_PAYMENT_DELAY = 4  # months after the year end
ZERO = Decimal(0)


def _zeros() -> list[Decimal]:
    return [ZERO] * (HORIZON + 1)


@dataclass(slots=True)
class Months:
    """Index 0 is the start (month 0), then months 1..36."""

    units: list[Decimal] = field(default_factory=_zeros)
    revenue: list[Decimal] = field(default_factory=_zeros)
    cost_of_sales: list[Decimal] = field(default_factory=_zeros)
    purchases: list[Decimal] = field(default_factory=_zeros)
    stock: list[Decimal] = field(default_factory=_zeros)  # at the end of the month
    output_vat: list[Decimal] = field(default_factory=_zeros)
    input_vat: list[Decimal] = field(default_factory=_zeros)
    vat_paid: list[Decimal] = field(default_factory=_zeros)
    collected: list[Decimal] = field(default_factory=_zeros)
    purchases_paid: list[Decimal] = field(default_factory=_zeros)
    fixed: dict[str, list[Decimal]] = field(default_factory=dict)  # by category
    social: list[Decimal] = field(default_factory=_zeros)
    depreciation: list[Decimal] = field(default_factory=_zeros)
    interest: list[Decimal] = field(default_factory=_zeros)
    principal: list[Decimal] = field(default_factory=_zeros)
    tax_paid: list[Decimal] = field(default_factory=_zeros)
    opening_outflow: Decimal = ZERO  # investments + opening stock, paid at month 0

    def total(self, series: list[Decimal], first: int, last: int) -> Decimal:
        return sum(series[first : last + 1], ZERO)

    def fixed_total(self, month: int) -> Decimal:
        return sum((values[month] for values in self.fixed.values()), ZERO)

    def operating_payments(self, month: int) -> Decimal:
        """Paid for running the business (not financing): purchases, costs, VAT, tax."""
        return (
            self.purchases_paid[month]
            + self.fixed_total(month)
            + self.social[month]
            + self.vat_paid[month]
            + self.tax_paid[month]
        )

    def net_flow(self, month: int) -> Decimal:
        """Cash in minus cash out in month 1..36 (financing at month 0 excluded)."""
        return (
            self.collected[month]
            - self.operating_payments(month)
            - self.interest[month]
            - self.principal[month]
        )


def _spread(amount: Decimal, month: int, days: int, currency: str, into: list[Decimal]) -> None:
    """Put ``amount`` of month ``month`` into the months it is settled in, after ``days``."""
    lag, remainder = divmod(days, DAYS_PER_MONTH)
    later = round_money(amount * remainder / DAYS_PER_MONTH, currency)
    for target, part in ((month + lag, amount - later), (month + lag + 1, later)):
        if target <= HORIZON and part:
            into[target] += part


def _units(a: Assumptions, month: int) -> Decimal:
    periods = month - 1 if a.growth_months is None else min(month - 1, a.growth_months)
    return a.units_per_month * (1 + a.monthly_growth_pct / 100) ** periods


def product_mix(a: Assumptions) -> tuple[Decimal, Decimal]:
    """Average price and cost of one unit, weighted by the shares of sales."""
    weights = sum((p.share_of_units for p in a.products), ZERO)
    price = sum((p.unit_price * p.share_of_units for p in a.products), ZERO) / weights
    cost = sum((p.unit_cost * p.share_of_units for p in a.products), ZERO) / weights
    return price, cost


FIXED_CATEGORIES = ("rent", "salaries", "phone_internet", "transport", "electricity", "other")


def simulate(a: Assumptions, loans: list[LoanSchedule]) -> Months:
    """The 36 months, before corporate tax (see :func:`schedule_tax`)."""
    cur = a.currency
    m = Months()
    price, cost = product_mix(a)
    vat = a.rates.vat_pct / 100 if a.vat_registered else ZERO
    wc = a.working_capital
    m.stock[0] = a.opening_stock
    m.opening_outflow = sum((i.amount for i in a.investments), ZERO) + a.opening_stock
    m.fixed = {category: _zeros() for category in FIXED_CATEGORIES}
    vat_carry = ZERO  # a credit (negative) or an amount owed next month (positive)
    for month in range(1, HORIZON + 1):
        year = (month - 1) // 12
        m.units[month] = _units(a, month)
        m.revenue[month] = round_money(m.units[month] * price, cur)
        m.cost_of_sales[month] = round_money(m.units[month] * cost, cur)
        target = round_money(m.cost_of_sales[month] * wc.stock_days / DAYS_PER_MONTH, cur)
        needed = m.cost_of_sales[month] + target - m.stock[month - 1]
        m.purchases[month] = max(needed, ZERO)
        m.stock[month] = m.stock[month - 1] + m.purchases[month] - m.cost_of_sales[month]
        m.output_vat[month] = round_money(m.revenue[month] * vat, cur)
        m.input_vat[month] = round_money(m.purchases[month] * vat, cur)
        sales_due = m.revenue[month] + m.output_vat[month]
        _spread(sales_due, month, wc.customer_days, cur, m.collected)
        bought = m.purchases[month] + m.input_vat[month]
        _spread(bought, month, wc.supplier_days, cur, m.purchases_paid)
        if vat_carry > 0:
            m.vat_paid[month] = vat_carry
            vat_carry = ZERO
        vat_carry += m.output_vat[month] - m.input_vat[month]
        increase = (1 + a.yearly_fixed_cost_increase_pct / 100) ** year
        for category in FIXED_CATEGORIES:
            base: Decimal = getattr(a.fixed_costs, category)
            m.fixed[category][month] = round_money(base * increase, cur)
        m.social[month] = round_money(
            m.fixed["salaries"][month] * a.rates.social_charges_pct / 100, cur
        )
        m.depreciation[month] = sum(
            (depreciation.monthly_charge(i, month, cur) for i in a.investments), ZERO
        )
        for loan in loans:
            if month <= len(loan.rows):
                m.interest[month] += loan.rows[month - 1].interest
                m.principal[month] += loan.rows[month - 1].principal
    return m


def schedule_tax(m: Months, yearly_tax: list[Decimal]) -> None:
    """Each year's corporate tax, paid in the fourth month of the next year."""
    for year, tax in enumerate(yearly_tax, start=1):
        due = year * 12 + TAX_PAYMENT_DELAY
        if due <= HORIZON:
            m.tax_paid[due] = tax


def vat_position(m: Months, month: int) -> Decimal:
    """VAT owed to the state at the end of ``month`` (negative: a credit)."""
    return (
        m.total(m.output_vat, 1, month)
        - m.total(m.input_vat, 1, month)
        - m.total(m.vat_paid, 1, month)
    )


def receivables(m: Months, month: int) -> Decimal:
    sold = m.total(m.revenue, 1, month) + m.total(m.output_vat, 1, month)
    return sold - m.total(m.collected, 1, month)


def payables(m: Months, month: int) -> Decimal:
    bought = m.total(m.purchases, 1, month) + m.total(m.input_vat, 1, month)
    return bought - m.total(m.purchases_paid, 1, month)
