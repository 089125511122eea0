"""Complete, good answers for a full coaching run (they pass any of our coaches)."""

FULL_RUN_FR = {
    "vision": (
        "Devenir d'ici 2030 le traiteur de référence à Dakar et dans tout le Sénégal, "
        "pour que les familles et les employés de bureau mangent sain et local."
    ),
    "mission": (
        "Nous préparons et livrons des repas sénégalais sains aux employés de bureau de Dakar, "
        "en cuisinant chaque matin des produits frais du marché et en livrant à moto."
    ),
    "clientele": (
        "Les employés de bureau du Plateau à Dakar, de 25 à 45 ans, avec un revenu moyen, "
        "qui n'ont que 30 minutes pour déjeuner et veulent un repas sain."
    ),
    "differentiation": (
        "Contrairement aux gargotes et aux fast-foods du quartier, nous livrons en 20 minutes "
        "des plats équilibrés, payables par Wave, ce qui fait gagner du temps à nos clients."
    ),
    "offre": (
        "Un menu du jour à 2 500 FCFA avec plat, jus local et fruit, commandé sur WhatsApp "
        "et livré à moto au bureau, ou à emporter."
    ),
    # The finances step takes several answers in one message, one per clause.
    "finances": (
        "Environ 600 plats par mois, +3 % par mois ; chaque plat me coûte 1 100 FCFA ; "
        "loyer 75 000, salaires 180 000 et électricité 25 000 par mois ; cuisine équipée "
        "900 000 sur 5 ans, moto 650 000 sur 4 ans, premier stock 150 000 ; épargne 700 000 "
        "et microfinance 1 200 000 à 24 % sur 18 mois."
    ),
    "synthesis": "Oui, je confirme.",
}
