"""Complete coaching runs used by the benchmarks (French and English)."""

RUNS: list[tuple[str, dict[str, str]]] = [
    (
        "fr",
        {
            "vision": "Devenir d'ici 2030 le traiteur de référence à Dakar et dans tout le "
            "Sénégal, pour que les familles et les employés de bureau mangent sain et local.",
            "mission": "Nous préparons et livrons des repas sénégalais sains aux employés de "
            "bureau de Dakar, en cuisinant chaque matin des produits frais du marché.",
            "clientele": "Les employés de bureau du Plateau à Dakar, de 25 à 45 ans, avec un "
            "revenu moyen, qui n'ont que 30 minutes pour déjeuner et veulent un repas sain.",
            "differentiation": "Contrairement aux gargotes et aux fast-foods du quartier, nous "
            "livrons en 20 minutes des plats équilibrés, payables par Wave, ce qui fait gagner "
            "du temps à nos clients.",
            "offre": "Un menu du jour à 2 500 FCFA avec plat, jus local et fruit, commandé sur "
            "WhatsApp et livré à moto au bureau, ou à emporter.",
            "finances": "Environ 600 plats par mois, +3 % par mois ; chaque plat me coûte "
            "1 100 FCFA ; loyer 75 000, salaires 180 000 et électricité 25 000 par mois ; "
            "cuisine équipée 900 000 sur 5 ans, moto 650 000 sur 4 ans, premier stock 150 000 ; "
            "épargne 700 000 et microfinance 1 200 000 à 24 % sur 18 mois.",
            "synthesis": "Oui, je confirme.",
        },
    ),
    (
        "en",
        {
            "vision": "By 2030 we want to become the leading solar kit supplier for rural "
            "households in western Kenya, bringing clean light to 50,000 families.",
            "mission": "We sell and install affordable solar home kits for farming families "
            "around Kisumu, with pay-as-you-go plans through M-Pesa and local technicians.",
            "clientele": "Smallholder farming families in Kisumu and Siaya counties, parents "
            "aged 25 to 50 with irregular incomes, who spend too much on kerosene.",
            "differentiation": "Unlike the cheap unbranded panels sold in town markets, our kits "
            "come with a three-year warranty and a local technician, so families never stay "
            "in the dark.",
            "offre": "A starter kit with a panel, three lamps and phone charging at KSh 150 per "
            "day over 12 months, paid by M-Pesa and installed at home by our agents.",
            "finances": "About 40 kits a month, growing 5% a month; each kit costs me "
            "KSh 9,000; rent 15,000, salaries 60,000 and transport 10,000 a month; a "
            "motorbike 150,000 over 4 years, first stock 300,000; savings 200,000 and a bank "
            "loan of 500,000 at 14% over 24 months.",
            "synthesis": "Yes, I confirm.",
        },
    ),
]
