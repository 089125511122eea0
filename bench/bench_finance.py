"""Financial engine benchmark: time to build the whole plan of a typical business.

Runs :func:`genesis.core.finance.plan.build_plan` on a typical small business
(a Dakar restaurant: two dishes growing 3 % a month for a year, five cost
lines, three investments, opening stock, savings, a tontine and a
microfinance loan, stock and supplier days, VAT registered) many times, in
one process and one thread, and prints the mean and percentiles with the
machine it ran on. The first runs warm the caches (data files) and are not
counted.

    .venv/bin/python bench/bench_finance.py [--repeat 300] [--json]

With ``--json`` it prints one JSON line instead (times in milliseconds). The
target is a mean under 50 ms per plan (issue 12).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from decimal import Decimal
from typing import Any

from genesis.core.finance.model import (
    Assumptions,
    Financing,
    FixedCosts,
    Investment,
    Product,
    TaxRates,
    WorkingCapitalDays,
)
from genesis.core.finance.plan import build_plan

TARGET_MEAN_MS = 50.0
WARM_UP = 5


def senegal_restaurant(**figures: Any) -> Assumptions:
    """A restaurant in Senegal coached in French (XOF), with the person's figures."""
    return Assumptions(
        currency="XOF", language="fr", country_code="SN", sector="restaurant", **figures
    )


def microfinance(amount: Decimal, *, annual_rate_pct: Decimal, months: int) -> Financing:
    """A microfinance loan: how much, at what yearly rate, over how many months."""
    return Financing(
        kind="microfinance", amount=amount, annual_rate_pct=annual_rate_pct, duration_months=months
    )


def typical_business() -> Assumptions:
    """A restaurant in Dakar, as a person would describe it to the coach."""
    return senegal_restaurant(
        start_year=2026,
        start_month=3,
        products=[
            Product(
                name="Thiéboudienne",
                unit_price=Decimal(2500),
                unit_cost=Decimal(1100),
                share_of_units=Decimal(3),
            ),
            Product(
                name="Boisson",
                unit_price=Decimal(500),
                unit_cost=Decimal(200),
                share_of_units=Decimal(2),
            ),
        ],
        units_per_month=Decimal(900),
        monthly_growth_pct=Decimal(3),
        growth_months=12,
        fixed_costs=FixedCosts(
            rent=Decimal(150_000),
            salaries=Decimal(240_000),
            phone_internet=Decimal(15_000),
            transport=Decimal(30_000),
            electricity=Decimal(45_000),
            other=Decimal(20_000),
        ),
        yearly_fixed_cost_increase_pct=Decimal(3),
        investments=[
            Investment(label="Cuisine équipée", amount=Decimal(1_800_000), lifetime_years=5),
            Investment(label="Tables et chaises", amount=Decimal(450_000), lifetime_years=3),
            Investment(label="Caution du local", amount=Decimal(300_000)),
        ],
        opening_stock=Decimal(200_000),
        financing=[
            Financing(kind="own_savings", amount=Decimal(900_000)),
            Financing(kind="tontine", amount=Decimal(300_000)),
            microfinance(Decimal(1_500_000), annual_rate_pct=Decimal(18), months=24),
        ],
        working_capital=WorkingCapitalDays(stock_days=7, customer_days=0, supplier_days=15),
        rates=TaxRates(
            corporate_tax_pct=Decimal(30), social_charges_pct=Decimal(20), vat_pct=Decimal(18)
        ),
        vat_registered=True,
    )


def run(repeat: int) -> list[float]:
    assumptions = typical_business()
    for _ in range(WARM_UP):
        build_plan(assumptions)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        build_plan(assumptions)
        timings.append(time.perf_counter() - started)
    return timings


def _percentile(ordered: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of the sorted values fall (nearest rank)."""
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def summary(timings: list[float]) -> dict[str, Any]:
    """Per-plan statistics in milliseconds, with the machine they ran on."""
    ms = sorted(t * 1000 for t in timings)
    mean = statistics.fmean(ms)
    return {
        "benchmark": "financial_plan",
        "plans": len(ms),
        "mean_ms": round(mean, 3),
        "p50_ms": round(_percentile(ms, 0.50), 3),
        "p95_ms": round(_percentile(ms, 0.95), 3),
        "max_ms": round(ms[-1], 3),
        "target_mean_ms": TARGET_MEAN_MS,
        "within_target": mean < TARGET_MEAN_MS,
        "python": f"{sys.version.split()[0]} ({platform.python_implementation()})",
        "machine": f"{platform.platform()}, {platform.processor() or platform.machine()}",
        "cpus": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300, help="plans to time")
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    result = summary(run(args.repeat))
    if args.json:
        print(json.dumps(result))
        return
    print(f"machine: {result['machine']}")
    print(f"python: {result['python']}, cpus: {result['cpus']}")
    print(f"plans: {result['plans']} built, one thread (after {WARM_UP} warm-up runs)")
    print(
        f"per plan: mean {result['mean_ms']:.3f} ms, p50 {result['p50_ms']:.3f} ms, "
        f"p95 {result['p95_ms']:.3f} ms, max {result['max_ms']:.3f} ms"
    )
    verdict = "within" if result["within_target"] else "OVER"
    print(f"target: mean < {TARGET_MEAN_MS:.0f} ms per plan: {verdict}")


if __name__ == "__main__":
    main()
