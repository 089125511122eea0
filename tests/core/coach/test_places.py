"""Place detection: countries, cities, demonyms and currencies in free text."""

import pytest

from genesis.core.coach.places import (
    Place,
    all_countries,
    city_name,
    country_by_code,
    detect_place,
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


def test_city_name_falls_back_to_the_given_spelling() -> None:
    assert city_name("Algiers", "fr") == "Alger"
    assert city_name("Nowhere", "fr") == "Nowhere"
