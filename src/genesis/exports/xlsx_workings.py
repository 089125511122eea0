"""The "Monthly workings" sheet: the engine's 36 months, redone in formulas.

One column per month (0 = the start, then 1 to 36), one row per series, in
the order of ``genesis.core.finance.simulation``: units, revenue and cost of
sales, stock and purchases, VAT, what customers pay and suppliers are paid
after their days (``_settled``), the VAT carried and paid, fixed costs grown
each year, social charges, depreciation per investment, interest and
principal per loan (read from the loans sheet), corporate tax paid in the
4th month of the next year, then the cash. The other sheets sum or read
these rows, as the engine's tables read its months.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from genesis.exports.xlsx_book import Sheet, col

HORIZON: Final = 36
FIXED: Final = ("rent", "salaries", "phone_internet", "transport", "electricity", "other")
FIXED_NAMES: Final = {
    "rent": "rent",
    "salaries": "salaries",
    "phone_internet": "phone_internet",
    "transport": "transport_costs",
    "electricity": "electricity",
    "other": "other_costs",
}
SCALARS: Final = (
    "price_avg", "cost_avg", "vat_rate", "cust_lag", "cust_rem", "sup_lag", "sup_rem",
    "outlay", "min_cash_needed",
)  # fmt: skip
NOT_MONEY: Final = frozenset({"units", "payback_flag"})


def R(expression: str) -> str:
    """ROUND(expression, decimals): the engine rounds every amount it computes."""
    return f"ROUND({expression},decimals)"


@dataclass
class LoanRefs:
    """Where a loan's schedule lives on the loans sheet (absolute references)."""

    duration: str
    interest: str  # the interest column, months 1..n
    principal: str


@dataclass
class Workings:
    sheet: Sheet
    investments: list[tuple[str, str]]  # (amount, lifetime) references, per investment
    loans: list[LoanRefs]
    taxes: str = ""  # the income statement's corporate tax, years 1-3 (set before writing)
    averages: dict[str, str] = field(default_factory=dict)  # price_avg and cost_avg formulas
    rows: dict[str, int] = field(default_factory=dict)
    scalar_rows: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.scalar_rows = {key: 4 + i for i, key in enumerate(SCALARS)}
        self.header_row = 4 + len(SCALARS) + 1
        keys = [
            "units", "revenue", "cost_of_sales", "stock_target", "purchases", "stock",
            "output_vat", "input_vat", "sales_due", "sales_later", "collected", "bought",
            "bought_later", "purchases_paid", "vat_carry", "vat_paid", *FIXED, "fixed_total",
            "social", *(f"dep_{i}" for i in range(len(self.investments))), "depreciation",
            *(f"interest_{j}" for j in range(len(self.loans))), "interest",
            *(f"principal_{j}" for j in range(len(self.loans))), "principal", "tax_paid",
            "operating_payments", "net_flow", "cumulative", "closing_cash", "operating_cash",
            "cumulative_operating", "payback_flag", "costs",
        ]  # fmt: skip
        self.rows = {key: self.header_row + 2 + i for i, key in enumerate(keys)}

    # ------------------------------------------------------------ addresses

    def cell(self, key: str, month: int) -> str:
        return f"{col(2 + month)}{self.rows[key]}"

    def ref(self, key: str, month: int) -> str:
        """A cell of the workings, from another sheet."""
        return self.sheet.ref(self.cell(key, month))

    def range(self, key: str, first: int, last: int) -> str:
        return self.sheet.range_ref(self.cell(key, first), self.cell(key, last))

    def _row_range(self, key: str, first: int = 1, last: int = HORIZON) -> str:
        row = self.rows[key]
        return f"${col(2 + first)}${row}:${col(2 + last)}${row}"

    # -------------------------------------------------------------- writing

    def write(self, title: str, note: str, labels: dict[str, str], month_labels: list[str]) -> None:
        s = self.sheet
        s.title(title, note)
        for key, formula in self._scalars().items():
            row = self.scalar_rows[key]
            s.put(f"A{row}", labels[key])
            s.put(f"B{row}", formula, money=key in {"outlay", "min_cash_needed"})
            s.book.name(key, s, f"B{row}")
        head = self.header_row
        s.put(f"A{head}", labels["month"], bold=True)
        for m in range(HORIZON + 1):
            s.put(f"{col(2 + m)}{head}", m, bold=True)
            s.put(f"{col(2 + m)}{head + 1}", month_labels[m])
        for key, row in self.rows.items():
            s.put(f"A{row}", labels[key], bold=key in {"revenue", "net_flow", "closing_cash"})
            for m in range(HORIZON + 1):
                value = self.formula(key, m)
                if value is None:
                    continue
                checked = m >= 1 and key in {"revenue", "costs", "closing_cash"}
                s.put(
                    f"{col(2 + m)}{row}",
                    value,
                    money=key not in NOT_MONEY,
                    check=("monthly", m - 1, key) if checked else None,
                )
        s.widths(44, *([13] * (HORIZON + 1)))
        s.ws.freeze_panes = f"B{head + 2}"

    def _scalars(self) -> dict[str, str]:
        return {
            "price_avg": "",  # set by the caller, who knows the products' cells
            "cost_avg": "",
            "vat_rate": "=IF(vat_registered,vat_pct/100,0)",
            "cust_lag": "=INT(customer_days/30)",
            "cust_rem": "=MOD(customer_days,30)",
            "sup_lag": "=INT(supplier_days/30)",
            "sup_rem": "=MOD(supplier_days,30)",
            "outlay": "=investments_total+opening_stock",
            "min_cash_needed": f"=-MIN(0,MIN({self._row_range('cumulative', 1, 12)}))",
        } | self.averages

    def formula(self, key: str, m: int) -> str | int | None:
        """The formula of series ``key`` in month ``m`` (None: the cell stays empty)."""
        if m == 0:
            start: dict[str, str | int] = {
                "stock": "=opening_stock",
                "vat_carry": 0,
                "cumulative": 0,
                "closing_cash": "=opening_cash",
                "cumulative_operating": 0,
            }
            return start.get(key)
        make = self._formulas(m).get(key)
        if make is not None:
            return make()
        if key == "depreciation":
            return self._sum([f"dep_{i}" for i in range(len(self.investments))], m)
        if key.startswith("dep_"):
            return self._depreciation(int(key.removeprefix("dep_")), m)
        for kind in ("interest", "principal"):
            if key.startswith(f"{kind}_"):
                return self._loan(kind, int(key.rsplit("_", 1)[1]), m)
            if key == kind:
                return self._sum([f"{kind}_{j}" for j in range(len(self.loans))], m)
        if key in FIXED:
            month = self._month(m)
            return "=" + R(f"{FIXED_NAMES[key]}*(1+cost_increase_pct/100)^INT(({month}-1)/12)")
        raise KeyError(key)

    def _month(self, m: int) -> str:
        return f"{col(2 + m)}${self.header_row}"

    def _formulas(self, m: int) -> dict[str, Callable[[], str]]:
        def c(key: str) -> str:
            return self.cell(key, m)

        def p(key: str) -> str:
            return self.cell(key, m - 1)

        def plus(*keys: str) -> str:
            return "=" + R("+".join(c(k) for k in keys))

        month = self._month(m)
        return {
            "units": lambda: f"=units_start*(1+growth_pct/100)^MIN({month}-1,growth_months)",
            "revenue": lambda: "=" + R(f"{c('units')}*price_avg"),
            "cost_of_sales": lambda: "=" + R(f"{c('units')}*cost_avg"),
            "stock_target": lambda: "=" + R(f"{c('cost_of_sales')}*stock_days/30"),
            "purchases": lambda: (
                "=MAX(" + R(f"{c('cost_of_sales')}+{c('stock_target')}-{p('stock')}") + ",0)"
            ),
            "stock": lambda: "=" + R(f"{p('stock')}+{c('purchases')}-{c('cost_of_sales')}"),
            "output_vat": lambda: "=" + R(f"{c('revenue')}*vat_rate"),
            "input_vat": lambda: "=" + R(f"{c('purchases')}*vat_rate"),
            "sales_due": lambda: plus("revenue", "output_vat"),
            "sales_later": lambda: "=" + R(f"{c('sales_due')}*cust_rem/30"),
            "collected": lambda: self._settled("sales_due", "sales_later", "cust_lag", month),
            "bought": lambda: plus("purchases", "input_vat"),
            "bought_later": lambda: "=" + R(f"{c('bought')}*sup_rem/30"),
            "purchases_paid": lambda: self._settled("bought", "bought_later", "sup_lag", month),
            "vat_carry": lambda: (
                "=" + R(f"MIN({p('vat_carry')},0)+{c('output_vat')}-{c('input_vat')}")
            ),
            "vat_paid": lambda: f"=MAX({p('vat_carry')},0)",
            "fixed_total": lambda: plus(*FIXED),
            "social": lambda: "=" + R(f"{c('salaries')}*social_pct/100"),
            "tax_paid": lambda: (
                f"=IF(AND({month}>12,MOD({month}-4,12)=0),INDEX({self.taxes},({month}-4)/12),0)"
            ),
            "operating_payments": lambda: plus(
                "purchases_paid", "fixed_total", "social", "vat_paid", "tax_paid"
            ),
            "net_flow": lambda: (
                "="
                + R(f"{c('collected')}-{c('operating_payments')}-{c('interest')}-{c('principal')}")
            ),
            "cumulative": lambda: "=" + R(f"{p('cumulative')}+{c('net_flow')}"),
            "closing_cash": lambda: "=" + R(f"opening_cash+{c('cumulative')}"),
            "operating_cash": lambda: "=" + R(f"{c('collected')}-{c('operating_payments')}"),
            "cumulative_operating": lambda: (
                "=" + R(f"{p('cumulative_operating')}+{c('operating_cash')}")
            ),
            "payback_flag": lambda: f"=IF({c('cumulative_operating')}>=outlay,1,0)",
            "costs": lambda: plus(
                "cost_of_sales", "fixed_total", "social", "depreciation", "interest"
            ),
        }

    def _sum(self, keys: list[str], m: int) -> str | int:
        return "=" + R("+".join(self.cell(k, m) for k in keys)) if keys else 0

    def _settled(self, due: str, later: str, lag: str, month: str) -> str:
        """Paid this month, of amounts due ``lag`` whole months and some days
        earlier: the part not deferred of month m-lag, the deferred part of m-lag-1
        (the engine's ``_spread``)."""
        dues, laters = self._row_range(due), self._row_range(later)
        return (
            f"=IF({month}-{lag}>=1,INDEX({dues},{month}-{lag})-INDEX({laters},{month}-{lag}),0)"
            f"+IF({month}-{lag}-1>=1,INDEX({laters},{month}-{lag}-1),0)"
        )

    def _depreciation(self, index: int, m: int) -> str:
        """Straight line, each month the rounded cumulative charge minus the last one."""
        amount, life = self.investments[index]
        month, total = self._month(m), f"({life}*12)"
        now = R(f"{amount}*MIN({month},{total})/{total}")
        before = R(f"{amount}*MIN({month}-1,{total})/{total}")
        return f"=IF({life}>0,{now}-{before},0)"

    def _loan(self, kind: str, j: int, m: int) -> str:
        loan = self.loans[j]
        column = loan.interest if kind == "interest" else loan.principal
        month = self._month(m)
        return f"=IF({month}<={loan.duration},INDEX({column},{month}),0)"
