"""Typed chat made fit for a brief: each rule of genesis.core.coach.tidy alone."""

from __future__ import annotations

import pytest

from genesis.core.coach.places import spell_places
from genesis.core.coach.tidy import (
    drop_openers,
    elide,
    expand_sms,
    read_connectives,
    tidy,
    undouble,
    without_leading_degree,
)


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("Sorry. we fix phones in Accra", "we fix phones in Accra"),
        ("ok so we fix phones", "we fix phones"),
        ("Well, we fix phones", "we fix phones"),
        ("aki we fix phones", "we fix phones"),
        ("Bon, on répare des téléphones", "on répare des téléphones"),
        ("euh donc voilà on répare", "on répare"),
        ("Désolé. nous réparons", "nous réparons"),
        ("We fix phones. Sorry, we also sell cases", "We fix phones. we also sell cases"),
    ],
)
def test_openers_and_apologies_are_dropped_at_the_start_of_every_sentence(
    typed: str, clean: str
) -> None:
    assert drop_openers(typed) == clean


@pytest.mark.parametrize(
    "kept",
    ["Well known in Kumasi for our repairs", "So much choice", "Bon marché et rapide"],
)
def test_an_opener_that_is_part_of_the_sentence_is_kept(kept: str) -> None:
    assert drop_openers(kept) == kept


def test_sms_spellings_are_written_out_in_the_texts_language() -> None:
    assert expand_sms("in 5yrs we want to hv 3 shops bcz u r our pple", "en") == (
        "in 5 years we want to have 3 shops because you are our people"
    )
    assert expand_sms("pr tt le quartier, bcp de clients qd il pleut, jsp", "fr") == (
        "pour tout le quartier, beaucoup de clients quand il pleut, je ne sais pas"
    )
    assert expand_sms("dans 10ans", "fr") == "dans 10 ans"
    # Not SMS: capitals, other words, the other language's abbreviations.
    assert expand_sms("R&D, the U.S. and our PB team", "en") == "R&D, the U.S. and our PB team"
    assert expand_sms("pr", "en") == "pr"
    assert expand_sms("Ur shop", "en") == "Your shop"


def test_na_reads_and_between_english_words_only() -> None:
    assert read_connectives("good quality na customer service") == (
        "good quality and customer service"
    )
    assert read_connectives("shop in gikomba na more branches") == (
        "shop in gikomba and more branches"
    )
    # Local words and names keep it; so does Pidgin "na" ("it is").
    assert read_connectives("we sell chai na mandazi") == "we sell chai na mandazi"
    assert read_connectives("Mama na Mtoto shop") == "Mama na Mtoto shop"
    assert read_connectives("our jollof na the best") == "our jollof na the best"


def test_doubled_words_and_degree_adverbs() -> None:
    assert undouble("we sell the the best chips", "en") == "we sell the best chips"
    assert undouble("We mainly serve mostly young ladies", "en") == "We mainly serve young ladies"
    assert undouble("nous servons surtout principalement les mamans", "fr") == (
        "nous servons surtout les mamans"
    )
    assert undouble("nous nous distinguons", "fr") == "nous nous distinguons"
    # Reduplication means something: kept.
    assert undouble("ndank ndank mais sûr, pole pole", "fr") == "ndank ndank mais sûr, pole pole"
    assert without_leading_degree("mostly young ladies", "en") == "young ladies"


def test_known_places_typed_in_lowercase_take_their_spelling() -> None:
    assert spell_places("a stall in gikomba, nairobi") == "a stall in Gikomba, Nairobi"
    assert spell_places("au marché sandaga à dakar") == "au marché Sandaga à Dakar"
    # A place name that is also a common word is left as typed.
    assert spell_places("un plateau de fruits à abidjan") == "un plateau de fruits à Abidjan"
    assert spell_places("we sell shoes") == "we sell shoes"


def test_french_elision_after_de_que_le_la() -> None:
    assert elide("les pages jaunes de Abidjan") == "les pages jaunes d'Abidjan"
    assert elide("nous voulons que Attiéké soit connu") == "nous voulons qu'Attiéké soit connu"
    assert elide("la école de un quartier, si il pleut") == "l'école d'un quartier, s'il pleut"
    assert elide("le onze, de Yamoussoukro, le homme") == "le onze, de Yamoussoukro, le homme"


def test_tidy_puts_it_all_together() -> None:
    assert tidy("Sorry. in 5yrs we want to hv a big shop in gikomba na more lol", "en") == (
        "In 5 years we want to have a big shop in Gikomba and more"
    )
    assert tidy("bon ben on vend ds tt le quartier de abidjan quoi", "fr") == (
        "On vend dans tout le quartier d'Abidjan"
    )
    assert tidy("ok", "en") == ""


def test_tt_agrees_with_what_follows() -> None:
    assert expand_sms("tt les quartiers, tt la journée, tt le temps", "fr") == (
        "tous les quartiers, toute la journée, tout le temps"
    )
    assert expand_sms("jvend du pain", "fr") == "je vends du pain"


def test_na_before_we_reads_and_in_english() -> None:
    assert read_connectives("we show you the part na we give warranty") == (
        "we show you the part and we give warranty"
    )
