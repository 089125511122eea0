"""The words of the plan in French and English: row labels, column names, warnings.

Kept apart from the arithmetic so a wording change never touches a computation,
and so the lead can reuse the keys in the page, the exports and the spreadsheet.
"""

from __future__ import annotations

from typing import Final

from genesis.core.finance.model import Language

LABELS: Final[dict[str, tuple[str, str]]] = {
    # key: (French, English)
    # startup budget
    "investments": ("Investissements", "Investments"),
    "opening_stock": ("Stock de départ", "Opening stock"),
    "cash_buffer": (
        "Fonds de roulement et réserve de trésorerie",
        "Working capital and cash reserve",
    ),
    "surplus_cash": ("Excédent gardé en trésorerie", "Surplus kept as cash"),
    "own_savings": ("Apport personnel (épargne)", "Own savings"),
    "family": ("Famille et proches", "Family and friends"),
    "tontine": ("Tontine", "Tontine (savings group)"),
    "microfinance": ("Prêt de microfinance", "Microfinance loan"),
    "bank_loan": ("Prêt bancaire", "Bank loan"),
    "grant": ("Subvention", "Grant"),
    "other": ("Autre financement", "Other financing"),
    "financing_to_find": ("Financement à trouver", "Financing still to find"),
    # cash flow
    "sales_collected": ("Encaissements des ventes", "Sales collected"),
    "contributions": (
        "Apports (personnel, famille, tontine)",
        "Contributions (own, family, tontine)",
    ),
    "grants_received": ("Subventions reçues", "Grants received"),
    "loans_received": ("Prêts reçus", "Loans received"),
    "total_receipts": ("Total encaissements", "Total receipts"),
    "purchases_paid": (
        "Achats payés (marchandises, matières)",
        "Purchases paid (goods, materials)",
    ),
    "rent": ("Loyer", "Rent"),
    "salaries": ("Salaires bruts", "Gross salaries"),
    "social_charges": ("Charges sociales patronales", "Employer social charges"),
    "phone_internet": ("Téléphone et internet", "Phone and internet"),
    "transport": ("Transport", "Transport"),
    "electricity": ("Électricité", "Electricity"),
    "other_costs": ("Autres charges fixes", "Other fixed costs"),
    "loan_instalments": (
        "Remboursements d'emprunts (intérêts + capital)",
        "Loan instalments (interest + principal)",
    ),
    "investments_paid": ("Investissements payés", "Investments paid"),
    "opening_stock_paid": ("Stock de départ payé", "Opening stock paid"),
    "vat_paid": ("TVA reversée à l'État", "VAT paid to the state"),
    "total_payments": ("Total décaissements", "Total payments"),
    "net_cash_flow": ("Solde du mois", "Net cash flow"),
    "opening_cash": ("Trésorerie de début", "Opening cash"),
    "closing_cash": ("Trésorerie de fin", "Closing cash"),
    # income statement
    "revenue": ("Chiffre d'affaires", "Revenue"),
    "cost_of_sales": ("Coût des marchandises et matières vendues", "Cost of sales"),
    "gross_margin": ("Marge brute", "Gross margin"),
    "external_charges": (
        "Charges externes (loyer, téléphone, transport, électricité, autres)",
        "External charges (rent, phone, transport, electricity, other)",
    ),
    "staff_costs": ("Salaires bruts", "Staff costs (gross salaries)"),
    "ebitda": ("Excédent brut d'exploitation (EBE)", "EBITDA"),
    "depreciation": ("Dotations aux amortissements", "Depreciation"),
    "operating_result": ("Résultat d'exploitation", "Operating result"),
    "interest": ("Intérêts des emprunts", "Interest"),
    "profit_before_tax": ("Résultat avant impôt", "Profit before tax"),
    "corporate_tax": ("Impôt sur les bénéfices", "Corporate income tax"),
    "net_result": ("Résultat net", "Net result"),
    # working capital and balance sheets
    "stock": ("Stock", "Stock"),
    "receivables": ("Créances clients", "Customer receivables"),
    "payables": ("Dettes fournisseurs", "Supplier payables"),
    "vat_position": ("TVA à reverser (ou crédit si négatif)", "VAT owed (credit if negative)"),
    "working_capital_need": ("Besoin en fonds de roulement", "Working-capital need"),
    "working_capital_change": (
        "Variation du besoin en fonds de roulement",
        "Change in working-capital need",
    ),
    "fixed_assets_net": (
        "Immobilisations nettes des amortissements",
        "Fixed assets, net of depreciation",
    ),
    "vat_credit": ("Crédit de TVA", "VAT credit"),
    "cash": ("Trésorerie", "Cash"),
    "equity": ("Apports (capital, famille, tontine)", "Equity (own, family, tontine)"),
    "grants": ("Subventions", "Grants"),
    "retained_result": ("Résultat de l'exercice", "Result of the year"),
    "loans_outstanding": ("Emprunts restant dus", "Loans outstanding"),
    "vat_payable": ("TVA à reverser", "VAT payable"),
    "tax_payable": ("Impôt sur les bénéfices à payer", "Corporate tax payable"),
    "overdraft": ("Découvert (trésorerie manquante)", "Overdraft (cash shortfall)"),
    "opening_balance_sheet": ("Bilan d'ouverture", "Opening balance sheet"),
    "year_end_balance_sheet": ("Bilan à la fin de l'année 1", "Balance sheet at the end of year 1"),
    # assumptions
    "units_per_month": ("Unités vendues par mois au départ", "Units sold per month at the start"),
    "monthly_growth_pct": ("Croissance mensuelle des ventes (%)", "Monthly sales growth (%)"),
    "growth_months": (
        "Mois de croissance avant stabilisation",
        "Months of growth before sales level off",
    ),
    "yearly_fixed_cost_increase_pct": (
        "Hausse annuelle des charges fixes (%)",
        "Yearly fixed-cost increase (%)",
    ),
    "corporate_tax_pct": ("Impôt sur les bénéfices (%)", "Corporate income tax (%)"),
    "tax_band_turnover_up_to": (
        "Impôt sur les bénéfices, tranche {n} : chiffre d'affaires annuel jusqu'à",
        "Corporate income tax, band {n}: yearly turnover up to",
    ),
    "tax_band_rate_pct": (
        "Impôt sur les bénéfices, tranche {n} (%)",
        "Corporate income tax, band {n} (%)",
    ),
    "social_charges_pct": (
        "Charges sociales patronales (% des salaires)",
        "Employer social charges (% of salaries)",
    ),
    "vat_pct": ("TVA (%)", "VAT (%)"),
    "vat_registered": ("Assujetti à la TVA", "Registered for VAT"),
    "stock_days": ("Jours de stock", "Stock days"),
    "customer_days": ("Délai de paiement des clients (jours)", "Customer payment days"),
    "supplier_days": ("Délai de paiement des fournisseurs (jours)", "Supplier payment days"),
    "unit_price": ("Prix de vente unitaire", "Selling price per unit"),
    "unit_cost": ("Coût unitaire (matières, marchandises)", "Cost per unit (materials, goods)"),
    "share_of_units": ("Part des ventes", "Share of sales"),
    "lifetime_years": ("Durée d'amortissement (années)", "Lifetime (years)"),
    "annual_rate_pct": ("Taux annuel (%)", "Annual rate (%)"),
    "duration_months": ("Durée (mois)", "Duration (months)"),
    "cash_buffer_computed": (
        "Calculé : le minimum pour que la trésorerie ne passe jamais sous zéro la première année",
        "Computed: the minimum that keeps cash at zero or above through year 1",
    ),
    "start": ("Démarrage", "Start"),
    "month": ("Mois", "Month"),
    "year": ("Année", "Year"),
    "yes": ("oui", "yes"),
    "no": ("non", "no"),
}

MONTHS: Final[dict[Language, tuple[str, ...]]] = {
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}  # fmt: skip

WARNINGS: Final[dict[str, tuple[str, str]]] = {
    "negative_cash": (
        "La trésorerie passe sous zéro au(x) mois {months} de la première année : "
        "il manque {amount} au démarrage pour l'éviter.",
        "Cash goes below zero in month(s) {months} of year 1: {amount} more at the "
        "start would avoid it.",
    ),
    "negative_cash_later": (
        "La trésorerie passe sous zéro au mois {month} (années 2 et 3) : prévoyez une "
        "réserve ou un financement.",
        "Cash goes below zero in month {month} (years 2 and 3): plan a reserve or financing.",
    ),
    "low_debt_coverage": (
        "En année {year}, l'activité couvre {dscr} fois les remboursements d'emprunt "
        "(moins de 1,2) : une banque le jugera juste.",
        "In year {year} the business covers its loan repayments {dscr} times (below "
        "1.2): a bank will find it tight.",
    ),
    "no_gross_margin": (
        "Le prix de vente ne couvre pas le coût de ce qui est vendu : chaque vente "
        "fait perdre de l'argent. Revoyez le prix ou les coûts.",
        "The selling price does not cover the cost of what is sold: every sale loses "
        "money. Review the price or the costs.",
    ),
    "financing_gap": (
        "Les financements prévus ne couvrent pas les besoins de départ : {amount} "
        "restent à trouver.",
        "The financing planned does not cover the start-up needs: {amount} is still to find.",
    ),
    "no_sales": (
        "Aucune vente n'est prévue : indiquez combien vous pensez vendre par mois.",
        "No sales are planned: say how many you expect to sell each month.",
    ),
}


CONVENTIONS: Final[tuple[tuple[str, str], ...]] = (
    (
        "Chaque montant est arrondi à l'unité de la devise (au franc près pour le franc CFA, "
        "au centime près pour les autres) au moment où il est calculé, au plus proche (0,5 "
        "vers le haut) ; les totaux sont des sommes de montants arrondis.",
        "Every amount is rounded to the currency's minor unit (whole francs for the CFA franc, "
        "cents for most others) when it is computed, half up; totals are sums of rounded amounts.",
    ),
    (
        "Un mois compte 30 jours : les clients paient après le délai indiqué (45 jours : moitié "
        "le mois suivant, moitié le mois d'après), les fournisseurs sont payés de même.",
        "A month counts 30 days: customers pay after the days given (45 days: half the next "
        "month, half the month after), and suppliers are paid the same way.",
    ),
    (
        "Le stock couvre les jours de stock indiqués des ventes du mois ; les achats du mois "
        "sont la consommation plus ce qui complète le stock.",
        "Stock covers the stock days given of the month's cost of sales; a month's purchases "
        "are what is used plus what tops the stock up.",
    ),
    (
        "Les prêts et apports arrivent et les investissements sont payés au démarrage (mois 0) ; "
        "les échéances commencent au mois 1. Taux mensuel = taux annuel / 12, échéances "
        "constantes.",
        "Loans and contributions arrive and investments are paid at the start (month 0); "
        "instalments start in month 1. Monthly rate = annual rate / 12, constant instalments.",
    ),
    (
        "Amortissement linéaire sur la durée de vie, à partir du mois 1 ; un achat sans durée "
        "(caution, terrain) n'est pas amorti.",
        "Straight-line depreciation over the lifetime, from month 1; a purchase without a "
        "lifetime (deposit, land) is not depreciated.",
    ),
    (
        "TVA : si l'entreprise est assujettie, elle est facturée sur les ventes, récupérée sur "
        "les achats de marchandises et matières et reversée le mois suivant ; elle n'est pas "
        "récupérée sur les investissements, le stock de départ et les charges fixes. Sinon, "
        "aucune TVA n'est comptée (régime simplifié, sous le seuil).",
        "VAT: when registered, it is charged on sales, recovered on purchases of goods and "
        "materials and paid the next month; it is not recovered on investments, the opening "
        "stock or fixed costs. Otherwise no VAT is counted (simplified regime, below the "
        "threshold).",
    ),
    (
        "Impôt sur les bénéfices : taux × bénéfice après imputation des pertes des années "
        "précédentes, jamais négatif, payé le 4e mois de l'année suivante. L'impôt minimum "
        "forfaitaire éventuel n'est pas compté : à voir avec un comptable.",
        "Corporate tax: rate x profit after the losses of earlier years, never negative, paid "
        "in the 4th month of the next year. Any minimum tax on turnover is not counted: check "
        "with an accountant.",
    ),
    (
        "Les charges sociales patronales sont un pourcentage des salaires bruts, payées le mois "
        "même.",
        "Employer social charges are a percentage of gross salaries, paid in the same month.",
    ),
)


def conventions(language: Language) -> list[str]:
    return [french if language == "fr" else english for french, english in CONVENTIONS]


def label(key: str, language: Language) -> str:
    french, english = LABELS[key]
    return french if language == "fr" else english


def warning_text(code: str, language: Language, **values: str) -> str:
    french, english = WARNINGS[code]
    return (french if language == "fr" else english).format(**values)


def month_label(month: int, language: Language, start_year: int | None, start_month: int) -> str:
    """ "Mois 3" / "Month 3", or "mars 2026" / "Mar 2026" when the start is known."""
    if month == 0:
        return label("start", language)
    if start_year is None:
        return f"{label('month', language)} {month}"
    index = start_month - 1 + month - 1
    return f"{MONTHS[language][index % 12]} {start_year + index // 12}"


def year_label(year: int, language: Language) -> str:
    return f"{label('year', language)} {year}"
