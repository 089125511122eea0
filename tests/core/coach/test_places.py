"""Place detection: countries, regions, cities, nicknames, demonyms, currencies and
local words in free text."""

import time

import pytest

from genesis.core.coach.places import (
    SUBREGIONS,
    Place,
    all_countries,
    city_name,
    country_by_code,
    detect_place,
    start_context,
)


def _where(text: str) -> tuple[str, str | None] | None:
    place = detect_place(text)
    return None if place is None else (place.country.code, place.city)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Je vends des beignets à Yaoundé", ("CM", "Yaoundé")),
        ("je vends des beignets a yaounde", ("CM", "Yaoundé")),
        ("Mon maquis est à Lome, au Togo", ("TG", "Lomé")),
        ("Nous sommes basés à Thies", ("SN", "Thiès")),
        ("Saint-Louis du Sénégal", ("SN", "Saint-Louis")),
        ("We are based in Lagos", ("NG", "Lagos")),
        ("I sell suya in Port Harcourt", ("NG", "Port Harcourt")),
        ("Our shop is in Dar es Salaam", ("TZ", "Dar es Salaam")),
        ("Je travaille au Caire", ("EG", "Cairo")),
        ("Je travaille au Le Caire", ("EG", "Cairo")),
        ("Installée à Alger depuis 2019", ("DZ", "Algiers")),
        ("Based in Addis Ababa", ("ET", "Addis Ababa")),
        ("basée à Addis-Abeba", ("ET", "Addis Ababa")),
        ("Un atelier à Bobo-Dioulasso", ("BF", "Bobo-Dioulasso")),
        ("We deliver in Benin City", ("NG", "Benin City")),
        ("N'Djamena et Moundou", ("TD", "N'Djamena")),
        ("ndjamena", ("TD", "N'Djamena")),
        ("Jo'burg and Cape Town", ("ZA", "Johannesburg")),
    ],
)
def test_cities_imply_their_country(text: str, expected: tuple[str, str]) -> None:
    assert _where(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Je vis en Côte d'Ivoire", "CI"),
        ("je vis en cote d ivoire", "CI"),
        ("COTE D'IVOIRE", "CI"),
        ("Côte d’Ivoire", "CI"),
        ("I live in Ivory Coast", "CI"),
        ("Je suis au Sénégal", "SN"),
        ("au senegal", "SN"),
        ("I live in Nigeria", "NG"),
        ("Au Niger", "NE"),
        ("Nigéria", "NG"),
        ("au Mali", "ML"),
        ("Togo", "TG"),
        ("en Guinée", "GN"),
        ("en Guinée-Bissau", "GW"),
        ("in Guinea-Bissau", "GW"),
        ("en Guinée équatoriale", "GQ"),
        ("Equatorial Guinea", "GQ"),
        ("la Guinée Conakry", "GN"),
        ("en Tunisie", "TN"),
        ("en Algérie", "DZ"),
        ("South Sudan", "SS"),
        ("Soudan du Sud", "SS"),
        ("au Soudan", "SD"),
        ("Afrique du Sud", "ZA"),
        ("Cap-Vert", "CV"),
        ("Cape Verde", "CV"),
        ("Tchad", "TD"),
        ("Chad", "TD"),
        ("Swaziland", "SZ"),
        ("Tanzania", "TZ"),
        ("Ouganda", "UG"),
        ("São Tomé-et-Príncipe", "ST"),
        ("Centrafrique", "CF"),
        ("Central African Republic", "CF"),
        ("à l'île Maurice", "MU"),
    ],
)
def test_country_names_in_both_languages(text: str, code: str) -> None:
    place = detect_place(text)
    assert place is not None
    assert (place.country.code, place.city) == (code, None)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("au Congo", "CG"),
        ("Congo-Brazzaville", "CG"),
        ("je suis congolais", "CG"),
        ("en RDC", "CD"),
        ("in the DRC", "CD"),
        ("RD Congo", "CD"),
        ("Congo-Kinshasa", "CD"),
        ("République démocratique du Congo", "CD"),
        ("Democratic Republic of the Congo", "CD"),
        ("au Congo démocratique", "CD"),
        ("je vis au Congo, à Kinshasa", "CD"),
        ("une entreprise congolaise de Lubumbashi", "CD"),
        ("Zaïre", "CD"),
    ],
)
def test_congo_means_brazzaville_unless_the_drc_is_signalled(text: str, code: str) -> None:
    place = detect_place(text)
    assert place is not None
    assert place.country.code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Je suis sénégalais", "SN"),
        ("Une entrepreneuse sénégalaise", "SN"),
        ("des clientes ivoiriennes", "CI"),
        ("les Ivoiriens", "CI"),
        ("I am Nigerian", "NG"),
        ("Kenyans love it", "KE"),
        ("je suis nigérien", "NE"),
        ("une Nigériane", "NG"),
        ("les Burkinabè", "BF"),
        ("une Malgache", "MG"),
        ("South African customers", "ZA"),
        ("bissau-guinéen", "GW"),
    ],
)
def test_demonyms(text: str, code: str) -> None:
    place = detect_place(text)
    assert place is not None
    assert (place.country.code, place.city) == (code, None)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("prix en naira", "NG"),
        ("it costs 20 cedis", "GH"),
        ("payé en rands", "ZA"),
        ("500 dirhams", "MA"),
        ("Kenyan shillings", "KE"),
        ("en birr", "ET"),
    ],
)
def test_telling_currencies(text: str, code: str) -> None:
    place = detect_place(text)
    assert place is not None
    assert place.country.code == code


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Je vends du poisson salé au marché",  # salé: salted, not the Moroccan city
        "Everything is on sale",
        "Un photographe animalier",  # "mali" inside a word
        "Nous sommes en Somalie",  # checked below: Somalia, not Mali
        "I raise guinea fowl and guinea pigs",
        "Papua New Guinea",
        "Papouasie-Nouvelle-Guinée",
        "Maurice est mon associé",  # a first name
        "a man with a plan",
        "le prix est en FCFA",  # fourteen countries
        "payé en shillings",  # four countries
        "Tripoli, Liban",
        "Je vends à Paris et Lyon",
        "Lake Victoria",
    ],
)
def test_no_false_positives(text: str) -> None:
    if text == "Nous sommes en Somalie":
        place = detect_place(text)
        assert place is not None
        assert place.country.code == "SO"
    else:
        assert detect_place(text) is None


def test_word_boundaries() -> None:
    assert _where("Nigeria") == ("NG", None)
    assert _where("Niger") == ("NE", None)
    assert _where("Somalia") == ("SO", None)
    assert _where("Tunis") == ("TN", "Tunis")
    assert _where("Tunisia") == ("TN", None)
    assert _where("Alger") == ("DZ", "Algiers")
    assert _where("Algérie") == ("DZ", None)
    assert _where("Guinea") == ("GN", None)


def test_weak_names_count_when_the_country_is_confirmed() -> None:
    assert _where("à Salé, au Maroc") == ("MA", "Salé")
    assert _where("Man, Côte d'Ivoire") == ("CI", "Man")
    assert _where("Maurice, Port-Louis") == ("MU", "Port Louis")
    assert _where("I raise guinea fowl in Tamale, Ghana") == ("GH", "Tamale")
    # A common word never beats a real city of the same country.
    assert _where("a man in Abidjan") == ("CI", "Abidjan")


def test_a_town_that_is_also_a_word_counts_when_written_as_a_name_after_a_locative() -> None:
    assert _where("Je vends du poisson fumé à Kaya.") == ("BF", "Kaya")
    assert _where("un atelier à Man") == ("CI", "Man")
    assert _where("We sell in Bo and Kenema") == ("SL", "Bo")
    # Typed in lowercase, or not introduced as a place, it stays a word.
    assert detect_place("je vends du poisson fume a kaya") is None
    assert detect_place("il y a un man ici") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Notre lodge au parc de Loango", "GA"),
        ("We guide tourists around Lake Bunyonyi", "UG"),
        # The longest name wins: the Office du Niger is in Mali, not Niger.
        ("Rice from the Office du Niger fields", "ML"),
        ("des pirogues sur le lac Alaotra", "MG"),
        # National exams, utilities and agencies belong to one country.
        ("Revision classes for KCSE candidates", "KE"),
        ("load-shedding from Eskom kills my bakery", "ZA"),
        ("cours de maths pour le BEPC, factures Senelec payées", "SN"),
    ],
)
def test_parks_lakes_landmarks_and_institutions_of_one_country(text: str, code: str) -> None:
    assert _where(text) == (code, None)


def test_most_specific_then_most_named_then_first() -> None:
    # The city beats the country; the demonym (nationality) loses to where one lives.
    assert _where("Je suis sénégalais et je vis au Mali") == ("ML", None)
    assert _where("Né à Dakar, mon restaurant est à Abidjan en Côte d'Ivoire") == (
        "CI",
        "Abidjan",
    )
    assert _where("Lagos and Accra, mostly Accra, Ghana") == ("GH", "Accra")
    assert _where("Kumasi or Tamale") == ("GH", "Kumasi")
    assert _where("Dakar puis Bamako") == ("SN", "Dakar")


def test_a_capital_sharing_its_country_name_is_the_country() -> None:
    assert _where("Djibouti") == ("DJ", None)
    assert _where("Djibouti-Ville") == ("DJ", "Djibouti")


def test_cultural_context_in_both_languages() -> None:
    place = detect_place("Je suis à Yaoundé")
    assert place is not None
    assert place.cultural_context("fr") == {
        "country": "Cameroun",
        "country_code": "CM",
        "city": "Yaoundé",
        "currency": "XAF",
        "currency_name": "franc CFA (CEMAC)",
        "languages": ["fr", "en"],
        "capital": "Yaoundé",
    }
    cairo = detect_place("Cairo")
    assert cairo is not None
    assert cairo.cultural_context("fr")["city"] == "Le Caire"
    assert cairo.cultural_context("en")["city"] == "Cairo"
    assert cairo.cultural_context("en")["country"] == "Egypt"
    assert cairo.cultural_context("fr")["country"] == "Égypte"


def test_cultural_context_without_city() -> None:
    country = country_by_code("SN")
    assert country is not None
    context = Place(country, None).cultural_context("en")
    assert "city" not in context
    assert context["country"] == "Senegal"
    assert context["capital"] == "Dakar"
    assert context["currency"] == "XOF"


def test_country_by_code() -> None:
    senegal = country_by_code("sn")
    assert senegal is not None
    assert senegal.code3 == "SEN"
    assert country_by_code("CIV") == country_by_code("CI")
    assert country_by_code("FR") is None
    assert country_by_code("") is None


def test_all_countries() -> None:
    countries = all_countries()
    assert len(countries) == 54
    assert [c.code for c in countries] == sorted(c.code for c in countries)


def test_every_country_has_a_subregion_and_every_subregion_countries() -> None:
    countries = all_countries()
    assert all(country.subregion in SUBREGIONS for country in countries)
    assert {country.subregion for country in countries} == set(SUBREGIONS)


@pytest.mark.parametrize(
    ("code", "subregion"),
    [
        ("SN", "west"),
        ("NG", "west"),
        ("CM", "central"),
        ("CD", "central"),
        ("BI", "central"),
        ("KE", "east"),
        ("ET", "east"),
        ("RW", "east"),
        ("ZA", "southern"),
        ("ZM", "southern"),
        ("AO", "southern"),
        ("MA", "north"),
        ("EG", "north"),
        ("MR", "north"),
        ("MG", "indian_ocean"),
        ("MU", "indian_ocean"),
    ],
)
def test_subregions(code: str, subregion: str) -> None:
    country = country_by_code(code)
    assert country is not None
    assert country.subregion == subregion


def test_city_name_falls_back_to_the_given_spelling() -> None:
    assert city_name("Algiers", "fr") == "Alger"
    assert city_name("Nowhere", "fr") == "Nowhere"


# --- districts, markets, universities, towns and languages ---------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Je vends des fripes à Yopougon", ("CI", "Abidjan", "Yopougon")),
        ("a Yop on vend tout", ("CI", "Abidjan", "Yopougon")),
        ("boutique à Cocody Angré", ("CI", "Abidjan", "Angré")),
        ("salon de coiffure aux Parcelles Assainies", ("SN", "Dakar", "Parcelles Assainies")),
        ("on livre à Keur Massar et Guédiawaye", ("SN", "Dakar", "Keur Massar")),
        ("I sell phones in Yaba", ("NG", "Lagos", "Yaba")),
        ("shop in Victoria Island", ("NG", "Lagos", "Victoria Island")),
        ("we deliver in Wuse 2 and Gwarinpa", ("NG", "Abuja", "Wuse")),
        ("second-hand clothes in Kayole", ("KE", "Nairobi", "Kayole")),
        ("my salon is in Ntinda", ("UG", "Kampala", "Ntinda")),
        ("Boutique de téléphones à Kariakoo", ("TZ", "Dar es Salaam", "Kariakoo")),
        ("atelier à Nyamirambo", ("RW", "Kigali", "Nyamirambo")),
        ("café près de Kazanchis", ("ET", "Addis Ababa", "Kazanchis")),
        ("a spaza shop in Soweto", ("ZA", "Johannesburg", "Soweto")),
        ("catering in Khayelitsha", ("ZA", "Cape Town", "Khayelitsha")),
        ("je vends à Akwa", ("CM", "Douala", "Akwa")),
        ("un maquis à Bandal", ("CD", "Kinshasa", "Bandalungwa")),
        ("un restaurant à Poto-Poto", ("CG", "Brazzaville", "Poto-Poto")),
        ("je suis à Tokoin", ("TG", "Lomé", "Tokoin")),
        ("mon atelier est à Akpakpa", ("BJ", "Cotonou", "Akpakpa")),
        ("à Kalaban Coura", ("ML", "Bamako", "Kalaban Coura")),
        ("Salon de coiffure à Ouaga 2000", ("BF", "Ouagadougou", "Ouaga 2000")),
        ("je vends à Ratoma", ("GN", "Conakry", "Ratoma")),
        ("une épicerie à Tevragh Zeina", ("MR", "Nouakchott", "Tevragh Zeina")),
        ("un café à Maârif", ("MA", "Casablanca", "Maârif")),
        ("a bakery in Zamalek", ("EG", "Cairo", "Zamalek")),
        ("a car wash in Katutura", ("NA", "Windhoek", "Katutura")),
        ("a salon in Mbare", ("ZW", "Harare", "Mbare")),
        ("je vends à Analakely", ("MG", "Antananarivo", "Analakely")),
    ],
)
def test_a_district_names_its_city(text: str, expected: tuple[str, str, str]) -> None:
    place = detect_place(text)
    assert place is not None
    assert (place.country.code, place.city, place.area) == expected
    assert place.clue == "district"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Je vends des tissus à Sandaga", ("SN", "Dakar")),
        ("au marché Dantokpa", ("BJ", "Cotonou")),
        ("I buy my stock at Makola", ("GH", "Accra")),
        ("a stall at Kejetia", ("GH", "Kumasi")),
        ("we sell at Balogun market", ("NG", "Lagos")),
        ("phones from Computer Village", ("NG", "Lagos")),
        ("I sell shoes at Owino market", ("UG", "Kampala")),
        ("wholesale in Kikuubo", ("UG", "Kampala")),
        ("mitumba at Gikomba", ("KE", "Nairobi")),
        ("we sell spices in Merkato", ("ET", "Addis Ababa")),
        ("a kiosk at the V&A Waterfront", ("ZA", "Cape Town")),
        ("étudiante à l'UCAD", ("SN", "Dakar")),
        ("student at KNUST", ("GH", "Kumasi")),
        ("I graduated from Legon", ("GH", "Accra")),
        ("final year at UNILAG", ("NG", "Lagos")),
        ("I studied at Yabatech", ("NG", "Lagos")),
        ("I studied at the University of Benin", ("NG", "Benin City")),
        ("a Makerere graduate", ("UG", "Kampala")),
        ("alumni of UDSM", ("TZ", "Dar es Salaam")),
        ("student at JKUAT", ("KE", "Juja")),
        ("UoN graduate", ("KE", "Nairobi")),
        ("Wits University alumni", ("ZA", "Johannesburg")),
        ("je suis à l'Unikin", ("CD", "Kinshasa")),
        ("étudiant à l'UAC", ("BJ", "Abomey-Calavi")),
        ("diplômée de l'UJKZ", ("BF", "Ouagadougou")),
        ("à l'université Félix Houphouët-Boigny", ("CI", "Abidjan")),
    ],
)
def test_markets_landmarks_and_universities_name_their_city(
    text: str, expected: tuple[str, str]
) -> None:
    place = detect_place(text)
    assert place is not None
    assert (place.country.code, place.city) == expected
    assert place.area is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Je suis à Bolga", ("GH", "Bolgatanga")),
        ("I sell in Kasoa", ("GH", "Kasoa")),
        ("boutique à Kaffrine", ("SN", "Kaffrine")),
        ("je vends à Tivaouane", ("SN", "Tivaouane")),
        ("à Dédougou", ("BF", "Dédougou")),
        ("we are in Nsukka", ("NG", "Nsukka")),
        ("a shop in Kitengela", ("KE", "Kitengela")),
        ("a farm in Mukono", ("UG", "Mukono")),
        ("I sell coffee in Bukoba", ("TZ", "Bukoba")),
        ("à Owendo", ("GA", "Libreville")),
        ("à Ferké", ("CI", "Ferkessédougou")),
        ("in Ile-Ife", ("NG", "Ile-Ife")),
    ],
)
def test_secondary_towns(text: str, expected: tuple[str, str]) -> None:
    assert _where(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("je parle wolof avec mes clientes", "SN"),
        ("on parle bambara au marché", "ML"),
        ("les cours sont en mooré", "BF"),
        ("je vends en fon et en français", "BJ"),
        ("Igbo-speaking traders", "NG"),
        ("a Yoruba tailor", "NG"),
        ("customers who speak Twi", "GH"),
        ("I speak Ga and English", "GH"),
        ("je fais des vidéos en kinyarwanda", "RW"),
        ("en kirundi", "BI"),
        ("on parle sango", "CF"),
        ("en darija", "MA"),
        ("in Amharic", "ET"),
        ("Luganda radio ads", "UG"),
        ("Krio-speaking customers", "SL"),
        ("we use Sheng on our posters", "KE"),
        ("isiZulu and isiXhosa speakers", "ZA"),
        ("Shona customers", "ZW"),
        ("Chichewa", "MW"),
        ("Bemba", "ZM"),
        ("en setswana", "BW"),
        ("Sesotho", "LS"),
        ("Tigrinya", "ER"),
        ("en shikomori", "KM"),
        ("en hassaniya", "MR"),
    ],
)
def test_a_local_language_points_at_its_country(text: str, code: str) -> None:
    place = detect_place(text)
    assert place is not None
    assert (place.country.code, place.city, place.clue) == (code, None, "language")


@pytest.mark.parametrize(
    "text",
    [
        "Mes clients parlent lingala et swahili",
        "My customers speak Pidgin and Ewe",
        "on parle dioula et pulaar",
        "in Fula, Arabic, French and English",
        "en tamazight",
        "en kikongo",
    ],
)
def test_languages_of_several_countries_say_nothing(text: str) -> None:
    assert detect_place(text) is None


def test_a_language_is_the_weakest_clue() -> None:
    assert _where("je parle wolof mais je vends à Bamako") == ("ML", "Bamako")
    assert _where("Hausa traders, prices in cedis") == ("GH", None)
    assert _where("je suis burkinabè et je parle wolof") == ("BF", None)


@pytest.mark.parametrize(
    "text",
    [
        "le plateau de fruits est à 2000 francs",
        "The plateau of sales is a problem",
        "be the best",
        "We want to be the best tailoring shop",
        "la boutique",
        "fon",
        "in the Medina",
        "la médina",
        "liberté",
        "le prix réduit est affiché sur la fiche",
        "we cut costs and hit targets",
        "I want to come back home and save money",
        "on vend du café Touba et du thé",
        "I sell koko and koose in the morning",
        "I grow bambara groundnuts",
        "we plant kikuyu grass",
        "we sell glass jars",
        "Louis is my partner",
        "a man with a van",
        "je vends de la moka et du mascara",
        "le hivernage est la saison des pluies",
        "Madina",
        "Hamdallaye",
        "Plateau",
        "PK5",
    ],
)
def test_ordinary_words_and_shared_names_alone_are_not_places(text: str) -> None:
    assert detect_place(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I live in Madina, Accra", ("GH", "Accra", "Madina")),
        ("j'habite à Madina, Conakry", ("GN", "Conakry", "Madina")),
        ("Je suis à Hamdallaye, Bamako", ("ML", "Bamako", "Hamdallaye")),
        ("Je suis à Hamdallaye, en Guinée", ("GN", "Conakry", "Hamdallaye")),
        ("au Plateau, à Dakar", ("SN", "Dakar", "Plateau")),
        ("bureau au Plateau, Abidjan", ("CI", "Abidjan", "Plateau")),
        ("une boutique au Plateau à Niamey", ("NE", "Niamey", "Plateau")),
        ("à la Médina, Dakar", ("SN", "Dakar", "Médina")),
        ("à la Gombe, en RDC", ("CD", "Kinshasa", "Gombe")),
        ("in Gombe, Nigeria", ("NG", "Gombe", None)),
        ("quartier Glass, au Gabon", ("GA", "Libreville", "Glass")),
        ("Riviera, Côte d'Ivoire", ("CI", "Abidjan", "Riviera")),
    ],
)
def test_a_weak_or_shared_name_counts_once_its_country_is_named(
    text: str, expected: tuple[str, str, str | None]
) -> None:
    place = detect_place(text)
    assert place is not None
    assert (place.country.code, place.city, place.area) == expected


def test_a_shared_name_trusted_in_one_country_defaults_to_it() -> None:
    # Matam is a Senegalese town, and a weak name for a district of Conakry.
    assert _where("Matam") == ("SN", "Matam")
    assert _where("j'habite à Matam, Conakry") == ("GN", "Conakry")
    # Gombe is a Nigerian city, and a weak name for the centre of Kinshasa.
    assert _where("Gombe") == ("NG", "Gombe")


def test_where_one_lives_beats_where_one_studied_or_buys() -> None:
    # A country's name beats a landmark or university; a city or district beats both.
    assert _where("Diplômé de l'UCAD, je vis au Mali") == ("ML", None)
    assert _where("I studied at Makerere, now I sell in Kisumu") == ("KE", "Kisumu")
    assert _where("j'achète à Dantokpa et je revends à Lomé") == ("TG", "Lomé")
    # Within the country, a landmark still gives the city when nothing closer does.
    place = detect_place("Je vends au marché Sandaga, au Sénégal")
    assert place is not None
    assert (place.country.code, place.city, place.area, place.clue) == (
        "SN",
        "Dakar",
        "Sandaga",
        "country",
    )
    assert _where("étudiant à l'UCAD, je vends à Thiès") == ("SN", "Thiès")


def test_the_area_of_the_city_is_kept_when_the_city_is_named_first() -> None:
    place = detect_place("Abidjan, à Yopougon Maroc")
    assert place is not None
    assert (place.city, place.area, place.clue) == ("Abidjan", "Yopougon Maroc", "city")


def test_names_inside_other_names_are_not_misread() -> None:
    assert _where("Akwa Ibom") == ("NG", None)  # not Douala's Akwa
    assert _where("Niger State") == ("NG", None)  # not the country Niger
    assert _where("au marché Niger") == ("GN", "Conakry")
    assert _where("Kouara Kano") == ("NE", "Niamey")  # not Kano
    assert _where("Accra Road") == ("KE", "Nairobi")
    assert _where("Congo Town") is None  # Freetown and Monrovia, not the Congo


def test_detection_stays_fast() -> None:
    # Runs on every answer; a generous bound that only catches an accidental blow-up.
    sentence = (
        "Je vends des beignets et du jus de bissap devant le lycée depuis trois ans, "
        "surtout aux élèves et aux parents du quartier, et je voudrais ouvrir une petite "
        "boutique avec deux employées pour livrer les bureaux le matin à Yopougon"
    )
    detect_place(sentence)
    started = time.perf_counter()
    for _ in range(1000):
        detect_place(sentence)
    assert time.perf_counter() - started < 2.0


# --- regions, nicknames and local words ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("je vends du miel en Casamance", "SN"),
        ("une coopérative de karité dans les Hauts-Bassins", "BF"),
        ("boutique de robes kabyles en kabylie", "DZ"),
        ("je vis au Katanga", "CD"),
        ("on livre dans tout le Nord-Kivu", "CD"),
        ("au kasai on manque de tout", "CD"),
        ("la région du Littoral", "CM"),
        ("éleveur dans l'Adamaoua", "CM"),
        ("Adamawa Region", "CM"),
        ("Adamawa", "NG"),
        ("poulets de chair dans la région des Plateaux", "TG"),
        ("au département des Plateaux", "CG"),
        ("riziculture en Guinée forestière", "GN"),
        ("dans le Fouta-Djalon", "GN"),
        ("I farm maize in the Copperbelt", "ZM"),
        ("fish traders from Luapula", "ZM"),
        ("a salon in Gauteng", "ZA"),
        ("we supply shops across KwaZulu-Natal", "ZA"),
        ("delivering all over kzn", "ZA"),
        ("wine farms in the Western Cape", "ZA"),
        ("poultry in Mashonaland East", "ZW"),
        ("cattle in matabeleland", "ZW"),
        ("coffee from Oromia", "ET"),
        ("a weaving shop in Tigray", "ET"),
        ("dairy farmers in the Rift Valley", "KE"),
        ("in Tana River county", "KE"),
        ("cocoa farmers in Ashanti", "GH"),
        ("a guest house in the Volta region", "GH"),
        ("solar kits in Darfur", "SD"),
        ("Anambra traders", "NG"),
        ("spices from Pemba Island", "TZ"),
        ("a hotel near Lake Tana", "ET"),
    ],
)
def test_a_region_names_its_country_and_no_city(text: str, code: str) -> None:
    place = detect_place(text)
    assert place is not None
    assert (place.country.code, place.city, place.clue) == (code, None, "region")


def test_a_region_ranks_below_the_country_and_above_a_landmark() -> None:
    assert _where("the South West region of Nigeria") == ("NG", None)
    assert _where("je suis de Kabylie mais je vends à Tunis") == ("TN", "Tunis")
    assert _where("au Kasaï, à Kananga") == ("CD", "Kananga")
    assert _where("I studied at KNUST and now farm in the Copperbelt") == ("ZM", None)
    assert _where("Zanzibar") == ("TZ", "Zanzibar")  # the city, not the archipelago
    assert _where("Pemba, Mozambique") == ("MZ", "Pemba")


@pytest.mark.parametrize(
    "text",
    [
        "Centre",
        "le centre est fermé le dimanche",
        "dans la région du Centre",
        "Est",
        "au nord de la ville",
        "Littoral",
        "on the coast",
        "Lakes",
        "Upper",
        "Western",
        "in the Central Region",
        "we sell in the Western Region",
        "la cuvette est pleine",
        "un tigre en peluche",
        "mon pays natal",
        "the air is dry",
        "IMO we should start small",
        "Sahel",
        "les pays du Sahel et du Maghreb",
        "West Nile virus",
        "Rift Valley fever vaccine",
        "an apartment on the Upper East Side",
        "South-South cooperation",
        "asante sana kwa wateja",  # Swahili thanks, not Ghana's Asante
        "nataka kuuza nyanya na mtumba",  # Swahili tomatoes and second-hand clothes
        "Lake Kivu",
    ],
)
def test_common_words_and_shared_regions_are_not_regions(text: str) -> None:
    assert detect_place(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Naija no dey carry last", ("NG", None)),
        ("made in 9ja", ("NG", None)),
        ("Mzansi's best kota", ("ZA", None)),
        ("au Faso on dit", ("BF", None)),
        ("je rentre au mboa", ("CM", None)),
        ("le business au Kamer", ("CM", None)),
        ("CIV", ("CI", None)),
        ("Salone", ("SL", None)),
        ("I moved back to Zim", ("ZW", None)),
        ("Masr", ("EG", None)),
        ("je vis à Mada", ("MG", None)),
        ("Dahomey", ("BJ", None)),
        ("je vends à Babi", ("CI", "Abidjan")),
        ("livraison sur Abj", ("CI", "Abidjan")),
        ("a Dkr on vend du thiof", ("SN", "Dakar")),
        ("Ndakaaru", ("SN", "Dakar")),
        ("Bko", ("ML", "Bamako")),
        ("je suis a ouaga", ("BF", "Ouagadougou")),
        ("Kin la belle", ("CD", "Kinshasa")),
        ("Brazza", ("CG", "Brazzaville")),
        ("Ponton la belle", ("CG", "Pointe-Noire")),
        ("je suis à Ponton", ("CG", "Pointe-Noire")),
        ("boutique à Dla", ("CM", "Douala")),
        ("étudiante à Yde", ("CM", "Yaoundé")),
        ("livraison à Ctn", ("BJ", "Cotonou")),
        ("Lubum", ("CD", "Lubumbashi")),
        ("a spaza in Jozi", ("ZA", "Johannesburg")),
        ("Egoli", ("ZA", "Johannesburg")),
        ("Mother City", ("ZA", "Cape Town")),
        ("Durbs", ("ZA", "Durban")),
        ("hustling in Las Gidi", ("NG", "Lagos")),
        ("I sell shoes in Eko", ("NG", "Lagos")),
        ("I live in PH", ("NG", "Port Harcourt")),
        ("Nairobbery", ("KE", "Nairobi")),
        ("Kanairo", ("KE", "Nairobi")),
        ("I run a cafe in Addis", ("ET", "Addis Ababa")),
        ("Kumerica", ("GH", "Kumasi")),
        ("based in Byo", ("ZW", "Bulawayo")),
        ("a salon in Gabs", ("BW", "Gaborone")),
        ("un riad à Kech", ("MA", "Marrakech")),
    ],
)
def test_nicknames_and_abbreviations(text: str, expected: tuple[str, str | None]) -> None:
    assert _where(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("je vends des pagnes à Kin", ("CD", "Kinshasa")),
        ("on est a kin depuis 2019", ("CD", "Kinshasa")),
        ("sur Kin tout se vend", ("CD", "Kinshasa")),
        ("I sell phones in SA", ("ZA", None)),
        ("customers from SA and Botswana", ("ZA", None)),
        ("I'm in Gh", ("GH", None)),
        ("we moved to Dar last year", ("TZ", "Dar es Salaam")),
        ("à Casa on vend bien", ("MA", "Casablanca")),
        ("je vis à Tana", ("MG", "Antananarivo")),
        ("des sardines de Safi", ("MA", "Safi")),
        ("made in DZ", ("DZ", None)),
        # Weak anywhere else: trusted once the country is named.
        ("Kin, RDC", ("CD", "Kinshasa")),
        ("RDC: Kin", ("CD", "Kinshasa")),
        # A longer name wins over the nickname inside it.
        ("je vis à Dar Bouazza", ("MA", "Casablanca")),
        ("un dar à Fès", ("MA", "Fès")),
    ],
)
def test_a_nickname_that_is_a_word_counts_after_a_place_word(
    text: str, expected: tuple[str, str | None]
) -> None:
    assert _where(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "my kin helped me start the shop",
        "next of kin",
        "kin and friends buy from me",
        "il a sa boutique au marché",
        "sa mère vend du poisson",
        "une SA au capital de 10 millions",
        "constituée en SA",
        "je touche le RSA",
        "je rentre à la casa",
        "mi casa es su casa",
        "mambo safi sana, bidhaa zetu ni safi",
        "5 ctn de lait",
        "BYO drinks welcome",
        "the pH of the soil",
        "gabs a lot",
        "dar",
        "Tana",
    ],
)
def test_a_nickname_that_is_a_word_alone_is_no_place(text: str) -> None:
    assert detect_place(text) is None


def test_a_form_field_holding_only_a_nickname_needs_no_place_word() -> None:
    assert start_context("en", "SA", "")["country_code"] == "ZA"
    assert start_context("fr", "", "Kin")["country_code"] == "CD"
    assert start_context("en", "", "Dar")["country_code"] == "TZ"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("nanga def, dama begg ouvrir un resto", "SN"),
        ("jërëjëf à mes clientes", "SN"),
        ("ndank ndank on avance", "SN"),
        ("medaase, I want to open a chop bar", "GH"),
        ("akwaaba to my shop", "GH"),
        ("dumsor is killing my business", "GH"),
        ("my oga said I should start my own", "NG"),
        ("before I japa I want to build something", "NG"),
        ("webale nnyo ssebo", "UG"),
        ("ameseginalehu, I sell coffee", "ET"),
        ("sawubona, I run a spaza shop", "ZA"),
        ("a lekker braai stand", "ZA"),
        ("I own two matatus", "KE"),
        ("msee, biz iko poa", "KE"),
        ("I drive a daladala", "TZ"),
        ("mhoro, I sell airtime", "ZW"),
        ("je suis bayam sellam au marché", "CM"),
        ("je fais le njangi avec mes soeurs", "CM"),
        ("je conduis un gbaka", "CI"),
        ("wakha, l7anout dyali", "MA"),
        ("misaotra", "MG"),
    ],
)
def test_a_telling_local_word_is_the_weakest_clue(text: str, code: str) -> None:
    place = detect_place(text)
    assert place is not None
    assert (place.country.code, place.city, place.clue) == (code, None, "language")


def test_a_local_word_gives_way_to_any_other_clue() -> None:
    assert _where("nanga def, je vends à Bamako") == ("ML", "Bamako")
    assert _where("webale, I am Kenyan") == ("KE", None)
    assert _where("my oga moved to Accra") == ("GH", "Accra")


@pytest.mark.parametrize(
    "text",
    [
        "no wahala abeg",  # Nigeria, Ghana and Cameroon
        "mbote na bino",  # Lingala: both Congos
        "asante, karibu sana",  # Swahili: several countries
        "safi sana",
        "eish, business is slow",  # South Africa, Zimbabwe, Botswana
        "un châle en soie",  # French, not Ghana's "chale"
        "I sell jollof and suya",
        "on vend du thiéboudienne",  # dishes travel with restaurants
    ],
)
def test_words_shared_by_several_countries_say_nothing(text: str) -> None:
    assert detect_place(text) is None
