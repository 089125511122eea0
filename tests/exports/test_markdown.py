"""The financial plan in the Markdown brief."""

from __future__ import annotations

import re

from genesis import exports
from genesis.core.finance.model import Investment
from tests.briefs import as_brief
from tests.exports.plans import ZONES, content_with_plan, short_of_cash, typical_business


def _section(md: str, heading: str) -> str:
    start = md.index(heading)
    end = md.find("\n## ", start + 1)
    return md[start : end if end > 0 else len(md)]


def test_the_plan_section_in_french() -> None:
    md = exports.to_markdown(as_brief(content_with_plan(typical_business())))
    plan = _section(md, "## Plan financier")
    order = [
        "### Indicateurs clés",
        "### Points d'attention",
        "### Budget de départ\u00a0: besoins",
        "### Budget de départ\u00a0: financement",
        "### Échéancier\u00a0: Prêt de microfinance",
        "### Plan de trésorerie de la première année",
        "### Compte de résultat prévisionnel sur 3 ans",
        "### Plan d'amortissement",
        "### Besoin en fonds de roulement",
        "### Bilan d'ouverture",
        "### Bilan à la fin de l'année 1",
        "### Hypothèses",
        "### Méthode de calcul",
    ]
    positions = [plan.index(h) for h in order]
    assert positions == sorted(positions)
    assert "Montants en F\u202fCFA (XOF), hors TVA." in plan
    # French typography as in the rest of the brief, amounts as CFA francs are written.
    assert "- Retour sur investissement\u00a0: **6 mois**" in plan
    assert "| Cuisine équipée | 1\u202f800\u202f000 |" in plan
    assert "| **Total des besoins** | **2\u202f750\u202f000** |" in plan
    assert "|  | Démarrage | mars 2026 |" in plan
    assert "| **Résultat net** | **3\u202f472\u202f320** | **5\u202f192\u202f034** |" in plan
    # Every assumption with its origin, defaults to confirm.
    assert "| Loyer | 150\u202f000\u00a0F\u202fCFA | donnée |  |" in plan
    assert "à confirmer avec un comptable" in plan
    # Figures are right-aligned; the cash-flow table has its 13 months and a total.
    cash = _section(plan, "### Plan de trésorerie")
    assert "|---|" + "---:|" * 14 in cash


def test_the_plan_section_in_english_with_warnings() -> None:
    md = exports.to_markdown(as_brief(content_with_plan(short_of_cash())))
    plan = _section(md, "## Financial plan")
    assert "### Points to watch" in plan
    assert "Cash goes below zero in month(s)" in plan
    assert "| Months 13 to 24 |" in plan
    assert "| **Closing cash** | **" in plan
    closing = next(line for line in plan.splitlines() if line.startswith("| **Closing cash**"))
    assert re.search(r"\| \*\*-[\d,]+\*\* \|", closing)  # negative months show their sign


def test_user_text_in_the_plan_stays_text() -> None:
    a = ZONES["XOF"]()
    evil = Investment(label="<script>x</script> | [lien](javascript:y)", amount=1, lifetime_years=2)
    content = content_with_plan(a.model_copy(update={"investments": [*a.investments, evil]}))
    md = exports.to_markdown(as_brief(content))
    assert "<script>" not in md
    assert "&lt;script&gt;x&lt;/script&gt; \\| \\[lien](javascript:y)" in md


def test_without_a_plan_the_brief_says_it_is_not_available() -> None:
    md = exports.to_markdown(as_brief({"language": "fr", "business_name": "Solo"}))
    assert "## Plan financier\n\n_Le plan financier n'est pas disponible._" in md
    failed = {"status": "failed", "data": {}, "error": "x", "duration_ms": 1}
    md = exports.to_markdown(as_brief({"language": "en", "financial_plan": failed}))
    assert "## Financial plan\n\n_The financial plan is not available._" in md
