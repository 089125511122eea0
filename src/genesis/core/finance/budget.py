"""The start-up budget: what must be paid before opening, and who pays for it.

It always balances: when the sources fall short, the gap is a source named
"financing still to find" (the plan is then computed as if it were found, and
a warning says so); when they exceed the uses, the surplus is kept as opening
cash and shown as a use.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from genesis.core.finance.labels import label
from genesis.core.finance.model import Assumptions, Financing, Line, StartupBudget

ZERO = Decimal(0)


def financing_keys(financing: list[Financing]) -> list[str]:
    """A stable key per source: its kind, numbered when a kind repeats ("family_2")."""
    counts = Counter(item.kind for item in financing)
    seen: Counter[str] = Counter()
    keys = []
    for item in financing:
        seen[item.kind] += 1
        keys.append(item.kind if counts[item.kind] == 1 else f"{item.kind}_{seen[item.kind]}")
    return keys


def financing_label(item: Financing, a: Assumptions) -> str:
    return item.label or label(item.kind, a.language)


def startup_budget(a: Assumptions, cash_buffer: Decimal) -> StartupBudget:
    uses = [
        Line(key=f"investment_{index}", label=item.label, amount=item.amount)
        for index, item in enumerate(a.investments, start=1)
    ]
    if a.opening_stock:
        uses.append(
            Line(
                key="opening_stock",
                label=label("opening_stock", a.language),
                amount=a.opening_stock,
            )
        )
    uses.append(Line(key="cash_buffer", label=label("cash_buffer", a.language), amount=cash_buffer))
    sources = [
        Line(key=key, label=financing_label(item, a), amount=item.amount)
        for key, item in zip(financing_keys(a.financing), a.financing, strict=True)
    ]
    needed = sum((line.amount for line in uses), ZERO)
    available = sum((line.amount for line in sources), ZERO)
    gap = max(needed - available, ZERO)
    surplus = max(available - needed, ZERO)
    if gap:
        sources.append(
            Line(key="financing_to_find", label=label("financing_to_find", a.language), amount=gap)
        )
    if surplus:
        uses.append(
            Line(key="surplus_cash", label=label("surplus_cash", a.language), amount=surplus)
        )
    total = needed + surplus
    return StartupBudget(
        uses=uses,
        sources=sources,
        total_uses=total,
        total_sources=available + gap,
        financing_to_find=gap,
        surplus_cash=surplus,
        opening_cash=cash_buffer + surplus,
    )
