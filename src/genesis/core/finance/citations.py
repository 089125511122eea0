"""The tax parameters' citations and details in French.

``data/country_parameters.json`` cites its sources as they are published, in
English ("PwC Worldwide Tax Summaries, Senegal, Corporate - Taxes on corporate
income (last reviewed 3 February 2025)") and says what a rate covers in English.
A French plan shows them in French: the names of the sources and of the laws
stay as published, the words around them, the country, the dates and the
details are translated. Text this module does not know is left as it is.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from genesis.core.coach.places import all_countries

_MONTHS: Final = {
    "January": "janvier",
    "February": "février",
    "March": "mars",
    "April": "avril",
    "May": "mai",
    "June": "juin",
    "July": "juillet",
    "August": "août",
    "September": "septembre",
    "October": "octobre",
    "November": "novembre",
    "December": "décembre",
}
_REVIEWED: Final = re.compile(r"last reviewed (\d{1,2}) (" + "|".join(_MONTHS) + r") (\d{4})")
_PHRASES: Final = (
    ("Ivory Coast (Côte d'Ivoire)", "Côte d'Ivoire"),
    ("Corporate - Taxes on corporate income", "sociétés, impôt sur les bénéfices"),
    ("Individual - Other taxes", "particuliers, autres impôts"),
    ("(Tax Rates)", "(taux d'imposition)"),
    ("; also ", " ; voir aussi "),
    (
        "section 6 (employer contribution of 1% of remuneration)",
        "article 6 (cotisation patronale de 1 % de la rémunération)",
    ),
    ("to confirm with an accountant", "à confirmer avec un comptable"),
)
# What a rate covers, as the data file says it.
_DETAILS: Final = {
    "24% plus the 3% AIDS levy on the tax": "24 %, plus la taxe SIDA de 3 % sur l'impôt",
    "IPRES pension (8.4%), CSS family allowance (7%) and work accidents (1-5%), health "
    "insurance (IPM); a 3% payroll tax (CFCE) also applies": "retraite IPRES (8,4 %), "
    "allocations familiales CSS (7 %) et accidents du travail (1-5 %), assurance maladie "
    "(IPM) ; une contribution forfaitaire de 3 % sur les salaires (CFCE) s'y ajoute",
    "NSSF (10%) and WCF (0.5%); the Skills Development Levy applies from 10 employees": (
        "NSSF (10 %) et WCF (0,5 %) ; la taxe de développement des compétences s'applique "
        "à partir de 10 salariés"
    ),
    "NSSF (6% of pensionable pay, capped) plus the Affordable Housing Levy (1.5%)": (
        "NSSF (6 % du salaire soumis, plafonné) plus la taxe pour le logement abordable (1,5 %)"
    ),
    "Social Security Commission (0.9%, capped)": "Social Security Commission (0,9 %, plafonné)",
    "UIF only; the Skills Development Levy (1%) applies once the annual payroll exceeds "
    "R500,000, and COIDA is assessed separately": "UIF seulement ; la taxe de développement "
    "des compétences (1 %) s'applique au-delà de 500 000 R de masse salariale annuelle, et "
    "la COIDA est calculée à part",
    "a sales tax, not a VAT": "une taxe sur les ventes, pas une TVA",
    "no VAT": "pas de TVA",
    "no VAT; sales taxes vary": "pas de TVA ; les taxes sur les ventes varient",
    "no general employer social security contribution known": (
        "pas de cotisation patronale générale connue"
    ),
    "no reliable national rate known": "pas de taux national fiable connu",
    "pension (10%), NSITF (1%) and ITF (1%)": "retraite (10 %), NSITF (1 %) et ITF (1 %)",
    "small companies pay 0% up to a gross turnover of NGN 25 million, medium ones 20% up to "
    "NGN 100 million, others 30%; the Nigeria Tax Act 2025 changes these bands from 2026: "
    "confirm with an accountant": "les petites entreprises paient 0 % jusqu'à 25 millions de "
    "NGN de chiffre d'affaires, les moyennes 20 % jusqu'à 100 millions de NGN, les autres "
    "30 % ; la loi fiscale nigériane de 2025 change ces tranches à partir de 2026 : à "
    "confirmer avec un comptable",
    "standard VAT rate; the NHIL, GETFund and COVID-19 levies are charged on top of it": (
        "taux normal de TVA ; les prélèvements NHIL, GETFund et COVID-19 s'y ajoutent"
    ),
    "standard rate": "taux normal",
    "standard rate (30%); a minimum tax of 0.5% of turnover applies when there is no profit": (
        "taux normal (30 %) ; un impôt minimum de 0,5 % du chiffre d'affaires s'applique en "
        "l'absence de bénéfice"
    ),
    "standard rate assumed": "taux normal retenu",
    "standard rate for resident companies; small businesses may instead pay the turnover "
    "tax on gross sales": "taux normal des sociétés résidentes ; les petites entreprises "
    "peuvent payer à la place l'impôt sur le chiffre d'affaires",
    "standard rate on industrial and commercial profits (30% in telecoms and IT); a minimum "
    "tax on turnover applies": "taux normal sur les bénéfices industriels et commerciaux "
    "(30 % dans les télécoms et l'informatique) ; un impôt minimum sur le chiffre "
    "d'affaires s'applique",
    "standard rate with the 10% additional council tax; a reduced rate applies to companies "
    "with turnover up to XAF 3 billion": "taux normal avec les 10 % de centimes "
    "additionnels communaux ; un taux réduit s'applique jusqu'à 3 milliards de XAF de "
    "chiffre d'affaires",
    "standard rate; a small business corporation pays lower progressive rates on its first "
    "taxable income": "taux normal ; une petite société paie des taux progressifs plus bas "
    "sur ses premiers bénéfices imposables",
    "the 2023 Finance Law moves most companies to a 20% rate by 2026; smaller profits had "
    "lower rates during the transition": "la loi de finances 2023 amène la plupart des "
    "sociétés à un taux de 20 % d'ici 2026 ; les petits bénéfices ont eu des taux plus bas "
    "pendant la transition",
}


def note_in(note: str, language: str) -> str:
    """A tax parameter's note ("source, year (detail)") in ``language``."""
    if language != "fr" or not note:
        return note
    for english, french in sorted(_DETAILS.items(), key=lambda item: -len(item[0])):
        note = note.replace(english, french)
    for english, french in _PHRASES:
        note = note.replace(english, french)
    note = _REVIEWED.sub(
        lambda m: f"mis à jour le {m.group(1)} {_MONTHS[m.group(2)]} {m.group(3)}", note
    )
    for english, french in _country_names():
        note = re.sub(rf"(?<=, ){re.escape(english)}(?=[,;(])", french, note)
    return note


@cache
def _country_names() -> tuple[tuple[str, str], ...]:
    return tuple((c.name_en, c.name_fr) for c in all_countries() if c.name_en != c.name_fr)
