"""The Dakar caterer as the sub-agents get it (answers, context, the finances
step's result), for the brief benchmark and the agents' and exports' tests."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bench.bench_finance import microfinance
from bench.bench_finance import senegal_restaurant as restaurant_assumptions
from genesis.core.agents.types import AgentInput
from genesis.core.finance.model import Financing, FixedCosts, Investment, Product
from genesis.core.finance.parameters import tax_rates

SENEGAL_ANSWERS = {
    "vision": (
        "Devenir d’ici 2030 le traiteur de référence à Dakar, pour que les familles et les "
        "employés de bureau mangent sain et local."
    ),
    "mission": (
        "Nous préparons et livrons des repas sénégalais sains aux employés de bureau de Dakar, "
        "en cuisinant chaque matin des produits frais du marché."
    ),
    "clientele": (
        "Nos clients sont les employés de bureau du Plateau à Dakar, de 25 à 45 ans, qui n’ont "
        "que 30 minutes pour déjeuner."
    ),
    "differentiation": (
        "Contrairement aux gargotes du quartier, nous livrons en 20 minutes des plats "
        "équilibrés, payables par Wave — c’est « le goût de la maison » au bureau."
    ),
    "offre": (
        "Un menu du jour à 2 500 FCFA avec plat, jus local et fruit, commandé sur WhatsApp "
        "et livré à moto au bureau."
    ),
}
# The finances step's result for the Dakar caterer, as the session keeps it.
SENEGAL_FINANCES: dict[str, Any] = restaurant_assumptions(
    products=[Product(name="Menu du jour", unit_price=Decimal(2500), unit_cost=Decimal(1100))],
    units_per_month=Decimal(600),
    monthly_growth_pct=Decimal(3),
    fixed_costs=FixedCosts(
        rent=Decimal(75000), salaries=Decimal(180000), electricity=Decimal(25000)
    ),
    investments=[
        Investment(label="Cuisine équipée", amount=Decimal(900000), lifetime_years=5),
        Investment(label="Moto de livraison", amount=Decimal(650000), lifetime_years=4),
    ],
    opening_stock=Decimal(150000),
    financing=[
        Financing(kind="own_savings", amount=Decimal(700000)),
        microfinance(Decimal(1200000), annual_rate_pct=Decimal(24), months=18),
    ],
    rates=tax_rates("SN")[0],
).model_dump(mode="json")


def senegal_restaurant(**changes: Any) -> AgentInput:
    values: dict[str, Any] = {
        "session_id": "sess-sn-restaurant",
        "language": "fr",
        "business_name": "Chez Awa & Fils",
        "answers": SENEGAL_ANSWERS,
        "cultural_context": {
            "country": "Sénégal",
            "country_code": "SN",
            "city": "Dakar",
            "currency": "XOF",
            "languages": ["fr", "wo"],
        },
        "sector_context": {"sector": "restaurant", "keywords": ["traiteur", "repas"]},
        "finances": SENEGAL_FINANCES,
    }
    values.update(changes)
    return AgentInput(**values)
