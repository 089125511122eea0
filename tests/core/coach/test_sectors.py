"""Sector detection on answers people actually give, in French and English."""

import json
from importlib import resources

import pytest

from genesis.core.coach.sectors import (
    MIN_STEM_LENGTH,
    SectorMatch,
    detect_sector,
    sector_context,
    singular,
)
from genesis.core.taxonomy import SECTORS

SENTENCES = [
    # restaurant
    ("Je tiens un maquis à Yopougon où je vends de l'attiéké et du poisson braisé.", "restaurant"),
    ("I run a chop bar in Kumasi selling banku, waakye and jollof rice.", "restaurant"),
    ("Ma dibiterie à Pikine sert du dibi et du thiéboudienne le midi.", "restaurant"),
    ("We cook suya and nyama choma for office workers, with a food truck at night.", "restaurant"),
    ("Je suis traiteur pour les mariages et je livre des plats cuisinés.", "restaurant"),
    # agriculture
    ("Je fais de l'élevage de poulets de chair et de poules pondeuses.", "agriculture"),
    ("We grow cassava and cashew on five hectares and sell to processors.", "agriculture"),
    ("Maraîchage bio : tomates, oignons et piments pour les marchés de Thiès.", "agriculture"),
    ("Notre ferme piscicole fait de la pisciculture de tilapia.", "agriculture"),
    ("Agro-transformation du manioc en gari et du cacao en beurre.", "agriculture"),
    # retail
    ("J'ai une épicerie de quartier et je veux devenir grossiste.", "retail"),
    ("We run a mini-market and a small online shop for groceries.", "retail"),
    ("Ma quincaillerie vend des outils et de la peinture aux particuliers.", "retail"),
    # fashion
    ("Je suis couturière, je fais des robes en wax et en bogolan.", "fashion"),
    ("We design ready-to-wear clothing with kente and ankara fabrics.", "fashion"),
    ("Une boutique de prêt-à-porter et de pagnes pour femmes.", "fashion"),
    # beauty
    ("Mon salon de coiffure fait des tresses, des mèches et des perruques.", "beauty"),
    ("I make shea butter cosmetics and black soap for natural hair.", "beauty"),
    ("Barber shop et onglerie dans le même local.", "beauty"),
    # technology
    ("We are building a mobile app for small shops to manage their inventory.", "technology"),
    ("Je suis développeur, je crée des sites web et des logiciels pour les PME.", "technology"),
    ("Une plateforme SaaS avec de l'intelligence artificielle pour les écoles.", "technology"),
    # education
    ("Je donne des cours de soutien en maths aux élèves du lycée.", "education"),
    ("A daycare and preschool for working mothers in Kigali.", "education"),
    (
        "Centre de formation professionnelle en couture et en informatique pour les jeunes.",
        "education",
    ),
    # health
    ("J'ai ouvert une pharmacie et un laboratoire d'analyses à Cotonou.", "health"),
    ("Our clinic offers telemedicine consultations and malaria screening.", "health"),
    ("Je suis infirmière et je fais des soins à domicile pour les patients âgés.", "health"),
    # transport
    ("Je gère une flotte de moto-taxis zemidjan à Cotonou.", "transport"),
    ("We deliver parcels across Nairobi with boda boda riders.", "transport"),
    ("Service de livraison et logistique pour les commerçants, avec deux camions.", "transport"),
    ("Okada and keke transport between the markets of Onitsha.", "transport"),
    # construction
    (
        "Entreprise de BTP spécialisée dans la maçonnerie et la fabrication de briques.",
        "construction",
    ),
    ("We do roofing, plumbing and tiling on construction sites.", "construction"),
    # tourism
    ("Nous avons une maison d'hôtes et organisons des safaris.", "tourism"),
    ("A small hotel and eco-lodge with guided tours for tourists.", "tourism"),
    ("Agence de voyage : circuits touristiques au Sénégal et excursions.", "tourism"),
    # energy
    ("Nous installons des kits solaires et des panneaux solaires dans les villages.", "energy"),
    ("We produce biogas and sell improved cookstoves and charcoal briquettes.", "energy"),
    # finance
    ("Je gère une tontine et je fais du transfert d'argent par mobile money.", "finance"),
    ("A microfinance institution offering loans and savings to market women.", "finance"),
    ("Cabinet de comptabilité et d'assurance pour les PME.", "finance"),
    # crafts
    ("Je fabrique des bijoux en perles et des sacs en cuir.", "crafts"),
    ("Wood carving, pottery and basket weaving by local artisans.", "crafts"),
    ("Atelier de menuiserie : meubles en bois sur mesure.", "crafts"),
    # media
    ("J'ai une agence de communication, je fais de la photographie et des vidéos.", "media"),
    ("We run a community radio and a podcast about entrepreneurship.", "media"),
    ("Imprimerie et sérigraphie : flyers, affiches et banderoles.", "media"),
    # services (anything else that still has a clear trade)
    ("Je fais du nettoyage de bureaux et du pressing.", "services"),
    ("We offer car wash and laundry services to households.", "services"),
    ("Société de gardiennage et d'agents de sécurité.", "services"),
]


@pytest.mark.parametrize(("text", "sector"), SENTENCES)
def test_realistic_sentences(text: str, sector: str) -> None:
    match = detect_sector(text)
    assert match is not None
    assert match.sector == sector, match


def test_every_sector_is_exercised() -> None:
    assert {sector for _, sector in SENTENCES} == set(SECTORS)
    assert len(SENTENCES) >= 40


@pytest.mark.parametrize("text", ["", "Bonjour à tous", "Hello, how are you?", "12345 !!"])
def test_no_keyword_gives_none(text: str) -> None:
    assert detect_sector(text) is None


def test_accents_case_and_plurals_do_not_matter() -> None:
    for text in ("ATTIEKE", "attiéké", "Attiéké"):
        assert detect_sector(text) == detect_sector("attieke")
    plural, one = detect_sector("des tresses"), detect_sector("une tresse")
    assert plural is not None
    assert one is not None
    assert (plural.sector, plural.score) == (one.sector, one.score)
    plural, one = detect_sector("des bijoux"), detect_sector("un bijou")
    assert plural is not None
    assert one is not None
    assert (plural.sector, plural.score) == (one.sector, one.score)


def test_keywords_are_the_words_of_the_answer() -> None:
    match = detect_sector("Mon maquis sert de l'attiéké, et le maquis est plein.")
    assert match is not None
    assert match.keywords == ("maquis", "attieke")


def test_longest_phrase_wins_over_its_words() -> None:
    match = detect_sector("Nous faisons du mobile money et du transfert d'argent.")
    assert match is not None
    assert match.sector == "finance"
    assert "mobile money" in match.keywords


def test_a_restaurant_that_delivers_stays_a_restaurant() -> None:
    match = detect_sector("Mon restaurant fait aussi la livraison à domicile.")
    assert match is not None
    assert match.sector == "restaurant"


def test_confidence_grows_with_evidence_and_falls_with_competition() -> None:
    one = detect_sector("un maquis")
    many = detect_sector("un maquis qui sert du garba, de l'attiéké et de l'alloco")
    mixed = detect_sector("un maquis et une pharmacie")
    assert one is not None
    assert many is not None
    assert mixed is not None
    assert 0 < one.score < many.score <= 1
    assert mixed.score < one.score


def test_weak_words_alone_give_a_low_confidence() -> None:
    match = detect_sector("Je vends des produits")
    assert match is not None
    assert match.sector == "retail"
    assert match.score < 0.5


def test_ties_are_deterministic() -> None:
    first = detect_sector("pharmacie et maquis")
    assert first == detect_sector("pharmacie et maquis")
    assert first is not None
    assert first.sector == "health"  # same weight: the first named wins


def test_common_words_are_not_taken_for_sectors() -> None:
    # "élevé" (high) is not "élevage"; "au cours de" is not a course.
    match = detect_sector("Au cours de l'année, les prix sont élevés pour mon restaurant.")
    assert match is not None
    assert match.sector == "restaurant"
    assert detect_sector("fabrication") is None  # not "fabric"
    assert detect_sector("village") is None  # not "villa"


def test_sector_context_shape() -> None:
    match = SectorMatch("beauty", 0.72, ("tresses", "meches"))
    assert sector_context(match) == {
        "sector": "beauty",
        "keywords": ["tresses", "meches"],
        "confidence": 0.72,
    }


def test_singular() -> None:
    assert singular("tresses") == "tresse"
    assert singular("bijoux") == "bijou"
    assert singular("business") == "business"
    assert singular("bus") == "bus"


def test_data_file_is_well_formed() -> None:
    raw = json.loads(
        resources.files("genesis.core.coach").joinpath("data/sectors.json").read_text("utf-8")
    )
    sectors = {key for key in raw if not key.startswith("_")}
    assert sectors == set(SECTORS)
    for sector in sectors:
        assert set(raw[sector]) <= {"1", "2", "3"}
        assert len(raw[sector]["3"]) >= 10, sector
        for keyword in (k for words in raw[sector].values() for k in words):
            assert keyword == keyword.lower(), keyword
            if keyword.endswith("*"):
                assert " " not in keyword, keyword
                assert "-" not in keyword, keyword
                assert len(keyword) - 1 >= MIN_STEM_LENGTH, keyword


# --- What is sold weighs more than how, where and to whom it is sold --------

ROLE_SENTENCES = [
    # The object of an offer verb names the sector; the verb itself does not.
    ("Nous vendons des sandales et des sacs à main sur Facebook.", "fashion"),
    ("We sell fresh bread and doughnuts from a kiosk near the station.", "restaurant"),
    ("Je vends de la nourriture devant l'école.", "restaurant"),
    ("We grow coffee and export it to Europe.", "agriculture"),
    # Channels, payment and delivery means are weak evidence.
    (
        "Je fabrique des parpaings, livrés par camion, paiement par Wave ou mobile money.",
        "construction",
    ),
    ("Kente stoles sold on our website and on WhatsApp, we deliver by moto.", "fashion"),
    # ... unless the channel is itself what is made or needed.
    ("Je conçois des sites internet pour les hôtels de Saly.", "technology"),
    ("Small traders who need a website to sell online.", "technology"),
    # Customers' occupations count less than what they buy.
    ("Mostly teachers and nurses in Kumasi who want affordable solar lamps.", "energy"),
    ("Les étudiants et les enseignants qui achètent des repas chauds le midi.", "restaurant"),
    # ... but an occupation the speaker claims is their trade.
    ("I am a nurse and I visit elderly people at home.", "health"),
    # Training in a trade is education.
    ("Nous formons des jeunes à la soudure et à la plomberie.", "education"),
    ("Cours de cuisine africaine le samedi matin pour les adultes.", "education"),
    ("We run a training course in tailoring for school leavers.", "education"),
    # Coordinated verbs share their object.
    ("We bake and deliver wedding cakes and pastries.", "restaurant"),
    # Leisure before a comma or "so" does not hide the business after it.
    ("I love fashion so I launched my own clothing line.", "fashion"),
    # "X for Y", "X used by Y": once the product is named, Y are the customers.
    ("Un logiciel de caisse pour les pharmacies et les boulangeries de Dakar.", "technology"),
    ("Solar pumps for vegetable farmers in the Niayes.", "energy"),
    ("A fleet tracking app used by transport companies in Kampala.", "technology"),
    ("Des uniformes pour les écoles privées de Thiès.", "fashion"),
    ("Cantine scolaire : repas chauds pour les élèves.", "restaurant"),
    # ... but what a repair works on is the trade, and a trade taught stays taught.
    ("We repair phones for students on campus.", "technology"),
    ("Formation en coiffure pour les jeunes filles.", "education"),
    # Customers named once stay customers when the text names them again.
    ("We make school uniforms and supply 40 schools", "fashion"),
    ("Des kits solaires pour les écoles ; en 2030, 300 écoles équipées", "energy"),
    # An English compound's first word belongs to its head, a word between or not.
    ("Stock management software for hardware stores.", "technology"),
]


@pytest.mark.parametrize(("text", "sector"), ROLE_SENTENCES)
def test_roles_in_the_sentence(text: str, sector: str) -> None:
    match = detect_sector(text)
    assert match is not None
    assert match.sector == sector, match


@pytest.mark.parametrize(
    "text",
    [
        # Hobbies and small talk.
        "J'aime regarder des documentaires et écouter de la musique.",
        "I watched the football match with my brother yesterday.",
        "Mes loisirs : le cinéma et la danse.",
        # Only channels, payment means or customers: no trade is named.
        "Commande par WhatsApp, paiement Orange Money à la livraison.",
        "Selling things online and at the market",
        "Les infirmières et les enseignants de Cocody.",
        # A single weak hint is not enough.
        "Un petit bar.",
        # Set phrases that only look like sector words.
        "Nos clients ont beaucoup de pain points.",
        "Le mode de paiement et la part de marché.",
    ],
)
def test_weak_or_incidental_evidence_gives_none(text: str) -> None:
    assert detect_sector(text) is None


def test_the_offer_verb_is_not_a_keyword_once_it_has_an_object() -> None:
    match = detect_sector("Je vends des pagnes au marché de Treichville.")
    assert match is not None
    assert match.sector == "fashion"
    assert match.keywords == ("pagnes",)
    # Without an object, the verb is still a (weak) hint.
    weak = detect_sector("Je vends et j'achète des produits.")
    assert weak is not None
    assert weak.sector == "retail"


def test_channels_count_less_than_the_product() -> None:
    product = detect_sector("Je vends des pagnes")
    with_channels = detect_sector("Je vends des pagnes sur Facebook, paiement par Orange Money")
    assert product is not None
    assert with_channels is not None
    assert with_channels.sector == product.sector == "fashion"
    assert with_channels.score < product.score  # the channels compete, a little


def test_claimed_occupation_counts_fully() -> None:
    assert detect_sector("Des infirmières de Cocody.") is None
    claimed = detect_sector("Je suis infirmière à Cocody.")
    assert claimed is not None
    assert claimed.sector == "health"


def test_inflections_and_accents_in_both_languages() -> None:
    cases = {
        "fashion": ["des habits", "des vêtements", "VETEMENTS", "un vêtement", "clothes"],
        "restaurant": ["une boulangerie", "des baguettes", "bakery", "we sell bread", "du pain"],
        "health": ["une séance de kiné", "seance de kine", "physio sessions"],
    }
    for sector, texts in cases.items():
        for text in texts:
            match = detect_sector(text)
            assert match is not None, text
            assert match.sector == sector, (text, match)


def test_roles_data_is_well_formed() -> None:
    raw = json.loads(
        resources.files("genesis.core.coach").joinpath("data/sectors.json").read_text("utf-8")
    )
    roles = raw["_roles"]
    keywords = {k for sector in SECTORS for words in raw[sector].values() for k in words}
    for name, entries in roles.items():
        if name.startswith("_") or name == "heads":
            continue
        assert entries, name
        for entry in entries:
            assert entry == entry.lower(), entry
    # Channels and customers re-weigh sector keywords: they must be keywords.
    assert set(roles["channels"]) <= keywords
    assert set(roles["people"]) <= keywords
    assert not set(roles["neutral"]) & keywords
    heads = {sector: spec for sector, spec in roles["heads"].items() if not sector.startswith("_")}
    assert set(heads) <= set(SECTORS)
    for sector, spec in heads.items():
        assert set(spec) <= {"cues", "compounds", "keeps", "redirects"}, sector
        assert set(spec["keeps"]) <= set(SECTORS), sector
        assert set(spec.get("redirects", [])) <= keywords, sector
        for cue in spec["cues"] + spec["compounds"]:
            assert cue == cue.lower(), cue
            assert not cue.endswith("*"), cue


# --- Everyday African small businesses, in both languages ------------------

VOCABULARY_SENTENCES = [
    # restaurant: juice kiosks, street food, local drinks, catering
    ("Je vends du jus de bissap et de gingembre devant le lycée.", "restaurant"),
    ("fresh juice kiosk near the university", "restaurant"),
    ("We sell chicken and chips to students at night in Lusaka.", "restaurant"),
    ("Mama put wey dey sell amala, ewedu and pepper soup for Yaba", "restaurant"),
    ("Je vends du maïs grillé et des arachides au bord de la route", "restaurant"),
    ("Ataya et café Touba pour les taximen de Dakar", "restaurant"),
    ("hoteli ndogo ya chai na mandazi Mombasa", "restaurant"),
    ("Je suis traiteuse, je fais les mariages et baptêmes", "restaurant"),
    # agriculture: maize, export crops, livestock, fish, agro-processing
    ("We export coffee and cocoa from Uganda.", "agriculture"),
    ("Export de café vert arabica depuis le Kivu", "agriculture"),
    ("embouche bovine et ovine pour la Tabaski", "agriculture"),
    ("day old chicks and poultry feed supply in Kumasi", "agriculture"),
    ("Fumage de poisson à Joal, vendu aux mareyeuses", "agriculture"),
    ("étuvage de riz par les femmes de Bama", "agriculture"),
    ("posho mill in Kisumu grinding maize for households", "agriculture"),
    ("snail farming and grasscutter rearing in Ogun", "agriculture"),
    # retail
    ("I run a provision store and sell airtime", "retail"),
    ("je vends du crédit téléphonique et des cartes de recharge", "retail"),
    ("Epicier au coin de la rue, ouvert tard", "retail"),
    ("papeterie et fournitures scolaires près du lycée", "retail"),
    ("boucherie moderne à Ouagadougou", "retail"),
    # fashion
    ("mitumba business in Gikomba, I sell second hand clothes", "fashion"),
    ("okrika bale seller in Aba", "fashion"),
    ("Aso ebi and gele tying for weddings", "fashion"),
    ("Je suis couturière, retouches et tenues traditionnelles", "fashion"),
    # beauty
    ("Huile d'argan et savon beldi pour les hammams", "beauty"),
    ("We produce argan oil for export.", "beauty"),
    ("Onglerie: pose d'ongles, gel polish et nail art", "beauty"),
    ("kinyozi na saluni ya wanawake Nairobi", "beauty"),
    ("barbing salon in Ibadan", "beauty"),
    ("Je fais les tresses knotless à domicile", "beauty"),
    # technology
    ("phone repair and screen replacement in Ikeja", "technology"),
    ("Conception de sites vitrines et hébergement de sites", "technology"),
    ("We design websites and landing pages for hotels", "technology"),
    # education
    ("Cours de renforcement et répétiteur à domicile", "education"),
    ("Holiday classes for WAEC and JAMB candidates", "education"),
    ("Daara moderne avec français et arabe", "education"),
    ("Childcare and after school program for working parents", "education"),
    # health
    ("Patent medicine store in Onitsha", "health"),
    ("Je suis tradipraticien, je soigne avec les plantes médicinales", "health"),
    ("We produce reusable sanitary pads for schoolgirls", "health"),
    ("Échographie et analyses médicales à Lomé", "health"),
    # transport
    ("Livreurs à vélo dans le centre de Dakar.", "transport"),
    ("dispatch riders delivering parcels in Lagos", "transport"),
    ("clearing agent at Tema port", "transport"),
    ("Aboboyaa service carrying goods at Makola", "transport"),
    ("Ramassage scolaire en minibus à Yaoundé", "transport"),
    # construction
    ("We supply building blocks to estate developers in Accra.", "construction"),
    ("Fabrication de parpaings et d'agglos à Douala", "construction"),
    ("House wiring and POP ceiling installation", "construction"),
    ("Forage de puits dans les villages du Nord", "construction"),
    ("Quarry selling granite chippings to builders", "construction"),
    # tourism
    ("Short let apartments in Lekki for business travellers", "tourism"),
    ("Riad de 6 chambres dans la médina de Marrakech", "tourism"),
    ("Agence pour le hajj et la omra", "tourism"),
    ("Gorilla trekking tours in Bwindi", "tourism"),
    # energy
    ("Gas refilling station in Kumasi", "energy"),
    ("je vends du charbon de bois en gros", "energy"),
    ("Station d'essence sur la route de Kaolack", "energy"),
    ("Firewood and charcoal supply to bakeries", "energy"),
    # finance
    ("Point mobile money et transfert à Dakar", "finance"),
    ("I run a mobile money point in Kampala, deposits and withdrawals.", "finance"),
    ("POS business for cash withdrawal in Surulere", "finance"),
    ("Susu collector for traders in Makola", "finance"),
    ("Table banking group for women in Kisii", "finance"),
    # crafts
    ("Bolga baskets woven by women in Bolgatanga", "crafts"),
    ("Upholstery and furniture making in Kumasi", "crafts"),
    ("Tannerie et maroquinerie à Marrakech", "crafts"),
    ("beaded necklaces and bracelets", "crafts"),
    # media
    ("Nous imprimons les emballages pour les PME.", "media"),
    ("Impression de cartes de visite et bâches publicitaires", "media"),
    ("T-shirt printing and branding for companies", "media"),
    ("Logo design and visual identity for startups", "media"),
    ("Reprographie et photocopie près de l'université", "media"),
    # services
    ("Vulcanizer and tyre repair at the junction", "services"),
    ("Panel beater and spray painting workshop", "services"),
    ("Pressing et teinturerie à Dakar", "services"),
    ("Event hall and canopy rental for parties", "services"),
    ("Je suis mécano à Adjamé", "services"),
]


@pytest.mark.parametrize(("text", "sector"), VOCABULARY_SENTENCES)
def test_everyday_trades_are_recognised(text: str, sector: str) -> None:
    match = detect_sector(text)
    assert match is not None, text
    assert match.sector == sector, match


def test_every_sector_has_everyday_sentences() -> None:
    assert {sector for _, sector in VOCABULARY_SENTENCES} == set(SECTORS)


# --- Heads: what a repair, an insurance or an app works on ------------------

HEAD_SENTENCES = [
    # What is repaired names the repair trade: services ...
    ("Réparation de groupes électrogènes à Abidjan.", "services"),
    ("generator repair and servicing in Lagos", "services"),
    ("je répare les motos et les tricycles", "services"),
    ("Réparation de télévisions et de radios", "services"),
    # ... except phones and computers (technology) and building trades.
    ("je répare les téléphones", "technology"),
    ("Réparation GSM et vente d'accessoires", "technology"),
    ("smartphone repair in Accra", "technology"),
    ("Plumbing repairs and electrical work for homes", "construction"),
    # Joined to another activity or verb, the object stays its own sector.
    ("Installation et réparation de panneaux solaires", "energy"),
    ("We install and repair solar panels for clinics", "energy"),
    # What is insured or lent on names a finance business.
    ("Crop insurance for smallholder farmers", "finance"),
    ("Assurance agricole pour les producteurs de coton", "finance"),
    ("Insurance for boda boda riders", "finance"),
    ("We give boda boda loans to riders", "finance"),
    # An app is technology, unless it is the channel of a financial service.
    ("A bookkeeping app for market women in Lagos", "technology"),
    ("Application de comptabilité pour les commerçants", "technology"),
    ("Farming app that connects farmers to buyers", "technology"),
    ("Notre application de tontine pour les femmes", "finance"),
    # A trade before a teaching noun is the subject taught.
    ("cooking classes for young women", "education"),
    ("English classes for traders in Cotonou", "education"),
    # ... but not when the noun only qualifies another keyword.
    ("I sew school uniforms for private schools", "fashion"),
]


@pytest.mark.parametrize(("text", "sector"), HEAD_SENTENCES)
def test_heads_name_the_trade_of_what_they_work_on(text: str, sector: str) -> None:
    match = detect_sector(text)
    assert match is not None, text
    assert match.sector == sector, match


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        # A business that teaches its own trade stays in its trade.
        ("A pottery studio training young potters in Kumasi.", "crafts"),
        ("Atelier de poterie et formation de potiers.", "crafts"),
        ("Pottery studio with pottery classes on Saturdays", "crafts"),
        ("Salon de coiffure, nous faisons aussi la formation de coiffeuses", "beauty"),
        ("Menuiserie : nous formons aussi des apprentis menuisiers", "crafts"),
        ("Société de transport qui répare ses propres camions", "transport"),
        # Without the trade practised first, teaching is the business.
        ("Centre de formation en couture", "education"),
        ("Formation en réparation de téléphones pour les jeunes", "education"),
        ("We train young people in phone repair and solar installation", "education"),
    ],
)
def test_a_trade_taught_or_repaired_in_its_own_business(text: str, sector: str) -> None:
    match = detect_sector(text)
    assert match is not None, text
    assert match.sector == sector, match


def test_maize_is_not_the_conjunction_mais() -> None:
    for text in (
        "Je vends des sacs de maïs aux provenderies.",
        "Farine de maïs et farine de manioc pour les femmes du marché",
        "maïs grain et soja pour les provenderies",
        "Je cultive le maïs mais aussi le manioc",
    ):
        match = detect_sector(text)
        assert match is not None, text
        assert match.sector == "agriculture", (text, match)
    # "du maïs" opens no new clause: "soja" is still what is sold.
    match = detect_sector("Je vends du maïs et du soja au marché")
    assert match is not None
    assert match.keywords == ("du mais", "soja")
    assert detect_sector("Je travaille dur mais je ne gagne pas assez.") is None
    match = detect_sector("Je vends du riz, mais aussi du poulet braisé et de l'attiéké")
    assert match is not None
    assert match.sector == "restaurant"


def test_car_the_conjunction_is_no_car() -> None:
    assert detect_sector("Mes clients reviennent car nous sommes rapides.") is None
    match = detect_sector("We offer a car wash and laundry services")
    assert match is not None
    assert match.sector == "services"
    assert match.keywords == ("car wash", "laundry", "services")


@pytest.mark.parametrize(
    "text",
    [
        # Idioms and common words that only look like the new vocabulary.
        "Nous sommes prêts pour le changement.",
        "We are ready to grow, but we need seed funding.",
        "Quality assurance is our priority.",
        "This is our bread and butter.",
        "We got the green light from the investors.",
        "Les frais de transport sont élevés, mais on gère.",
        "We deliver in a timely fashion.",
        "La santé financière de l'entreprise est bonne.",
        "Make up your mind about the price.",
        "She is on maternity leave until March.",
        "Nous revendiquons notre place au Kilimanjaro.",
        "Le poulet gelé arrive en retard.",
        "Un camelot passe chaque matin.",
        "Il faut prêter attention aux détails.",
    ],
)
def test_lookalikes_of_new_words_give_none(text: str) -> None:
    assert detect_sector(text) is None


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        # A new channel or place word does not take over the trade.
        ("Restaurant ouvert tous les jours, paiement par virement ou mobile money.", "restaurant"),
        ("Pharmacie de garde, paiement par virement bancaire", "health"),
        ("Salon de coiffure à Bangui", "beauty"),
        ("Boutique de vêtements, livraison express à domicile", "fashion"),
        ("Bijoux en perles vendus sur notre boutique Instagram", "crafts"),
        ("Nous vendons des ordinateurs et des logiciels de caisse", "technology"),
        ("Crème solaire et lait corporel au karité", "beauty"),
        ("Maquis à Bangui : poisson braisé et bière fraîche", "restaurant"),
    ],
)
def test_new_words_do_not_change_a_clear_sector(text: str, sector: str) -> None:
    match = detect_sector(text)
    assert match is not None, text
    assert match.sector == sector, match
