"""Language guess (fr/en) and the shared text normalisation."""

import unicodedata

import pytest

from genesis.core.coach.language import detect_language
from genesis.core.coach.text import normalize, strip_accents, tokens


@pytest.mark.parametrize(
    "text",
    [
        "Je vends de l'attiéké à Abidjan depuis trois ans.",
        "Nous voulons devenir la référence de la coiffure afro au Sénégal.",
        "Mes clients sont les étudiants et les jeunes travailleurs du quartier",
        "je fais du business de food truck avec mon frere",  # no accents, some English
        "Notre mission est d'aider les femmes du marché à épargner.",
        "ma boutique est ouverte tous les jours sauf le dimanche",
        "J'ai une ferme avec 2000 poulets",
    ],
)
def test_french(text: str) -> None:
    assert detect_language(text) == "fr"


@pytest.mark.parametrize(
    "text",
    [
        "I sell jollof rice and suya in Lagos.",
        "We want to be the leading provider of solar kits in Northern Ghana.",
        "Our customers are students and young workers who want cheap food.",
        "My shop is open every day except Sunday",
        "We are building a mobile app for the maquis of Côte d'Ivoire.",  # French names
        "I have a farm with 2000 chickens",
    ],
)
def test_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Bonjour",
        "ok merci",
        "Hello",
        "Abidjan Lagos",
        "asdf qwer zxcv uiop",
        "12 000 000",
        "Attiéké garba alloco",  # food names, no sentence
        "the le and la",  # as much of each
    ],
)
def test_undecidable(text: str) -> None:
    assert detect_language(text) is None


def test_normalize() -> None:
    assert normalize("  Côte   d’Ivoire ") == "cote d ivoire"
    assert normalize("L'ATTIÉKÉ") == "l attieke"
    assert normalize("Œuvre\tÆther\n") == "oeuvre aether"
    assert normalize("Yaoundé, Lomé, Thiès") == "yaounde, lome, thies"


def test_tokens() -> None:
    assert tokens("Guinée-Bissau, c'est ça!") == ["guinee", "bissau", "c", "est", "ca"]
    assert tokens("") == []
    assert tokens("N'Djaména 2024") == ["n", "djamena", "2024"]


def test_strip_accents_keeps_case() -> None:
    assert strip_accents("Sénégal") == "Senegal"


def test_strip_accents_is_the_character_rule_in_every_script() -> None:
    # ASCII, Latin marks, the grapheme joiner (not a mark), Arabic vowels, N'Ko tones.
    for text in ("Dakar", "Ngaoundéré, Ségou", "a\u034fb", "سُوق كَبِير", "ߒߞߏ߫", "Ça ﬁnit"):
        decomposed = unicodedata.normalize("NFKD", text)
        expected = "".join(c for c in decomposed if not unicodedata.combining(c))
        assert strip_accents(text) == expected
