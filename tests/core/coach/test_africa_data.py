"""Sanity of the shipped gazetteer (data/africa.json) and its generator."""

import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from genesis.core.coach.text import normalize
from tests.scripts import load_script

ROOT = Path(__file__).resolve().parents[3]
GENERATOR = ROOT / "scripts" / "build_africa_geo.py"
SHARED_CSV = ROOT.parent / "shared" / "data" / "worldbank" / "country-codes.csv"

# The 54 member states of the United Nations in Africa.
_UN_AFRICA_CODES = """
DZ AO BJ BW BF BI CV CM CF TD KM CG CD DJ EG GQ ER SZ ET GA GM GH GN GW CI KE LS LR
LY MG MW ML MR MU MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG TN UG ZM ZW
"""
UN_AFRICA = frozenset(_UN_AFRICA_CODES.split())
_BIG_CITIES = """
Lagos Kinshasa Cairo Luanda Johannesburg Abidjan Nairobi Casablanca Dakar Accra Kano Ibadan
Douala Yaounde Bamako Ouagadougou Kampala Kumasi Lome Cotonou Conakry Niamey Touba Thies
Bouake Mombasa Kisumu Kigali Lusaka Harare Maputo Antananarivo
"""


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    text = resources.files("genesis.core.coach").joinpath("data/africa.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def test_all_54_countries(data: dict[str, Any]) -> None:
    codes = [country["code"] for country in data["countries"]]
    assert len(codes) == len(set(codes)) == 54
    assert set(codes) == UN_AFRICA


def test_country_fields(data: dict[str, Any]) -> None:
    for country in data["countries"]:
        assert re.fullmatch(r"[A-Z]{2}", country["code"])
        assert re.fullmatch(r"[A-Z]{3}", country["code3"])
        assert re.fullmatch(r"[A-Z]{3}", country["currency"]), country["code"]
        assert country["currency"] in data["currencies"]
        assert country["currency_name_en"]
        assert country["currency_name_fr"]
        assert country["name_en"]
        assert country["name_fr"]
        assert country["capital"]
        assert country["languages"], country["code"]
        assert all(re.fullmatch(r"[a-z]{2}", code) for code in country["languages"])
        assert (country["aliases"] and country["demonyms"]) or country["code"] in {"CG", "CD"}


def test_every_country_has_one_subregion(data: dict[str, Any]) -> None:
    subregions = {"north", "west", "central", "east", "southern", "indian_ocean"}
    for country in data["countries"]:
        assert country.get("subregion") in subregions, country["code"]
    assert {country["subregion"] for country in data["countries"]} == subregions


def test_at_least_150_cities_each_in_a_known_country(data: dict[str, Any]) -> None:
    cities = data["cities"]
    assert len(cities) >= 150
    codes = {country["code"] for country in data["countries"]}
    assert {city["country"] for city in cities} == codes  # every country has a city
    names = Counter((city["country"], city["name"]) for city in cities)
    assert not [name for name, count in names.items() if count > 1]
    # Border twins (Busia in Kenya and Uganda) share a name, so they must share its
    # English and French spellings: city_name() looks cities up by name alone.
    spellings: dict[str, set[tuple[str, str]]] = {}
    for city in cities:
        name = city["name"]
        spellings.setdefault(name, set()).add(
            (city.get("name_en", name), city.get("name_fr", name))
        )
    assert not [name for name, pairs in spellings.items() if len(pairs) > 1]


def test_every_capital_is_a_city_of_its_country(data: dict[str, Any]) -> None:
    cities = {(city["country"], city["name"]) for city in data["cities"]}
    for country in data["countries"]:
        assert (country["code"], country["capital"]) in cities, country["code"]


def test_well_known_cities_are_present(data: dict[str, Any]) -> None:
    spellings = {normalize(alias) for city in data["cities"] for alias in city["aliases"]}
    for name in _BIG_CITIES.split():
        assert normalize(name) in spellings, name
    assert "dar es salaam" in spellings
    assert "port harcourt" in spellings


def test_accent_free_variants_are_listed(data: dict[str, Any]) -> None:
    thies = next(city for city in data["cities"] if city["name"] == "Thiès")
    assert "Thies" in thies["aliases"]
    ivory = next(country for country in data["countries"] if country["code"] == "CI")
    assert "Cote d'Ivoire" in ivory["aliases"]


def _load_generator() -> ModuleType:
    return load_script(GENERATOR)


@pytest.mark.skipif(not SHARED_CSV.exists(), reason="../shared/data is not on this machine")
def test_shipped_file_is_in_sync_with_the_generator() -> None:
    generator = _load_generator()
    shipped = resources.files("genesis.core.coach").joinpath("data/africa.json").read_text("utf-8")
    assert shipped == generator.render(generator.build()), "run scripts/build_africa_geo.py"


# Words a French or English answer uses all the time, and first names: none may place
# a business on its own (they may be weak names, trusted once the country is named).
_COMMON_WORDS = """
a au aux avec be bien but by ce ces come cut de des du en est et fate for glass go he hit
i il in is it je la le les mais man me moi more my no nous of on or ou our par pas plus
pour que qui sale save se so sur the to toi tu un une up us vous we with you
plateau medina liberte amitie victoire hivernage fiche reduit esprit marche centre
ville quartier campagne maison gare port poste plage cite zone marina circle dome ridge
summit pipeline custom market mall station junction bridge road street avenue park garden
koko goro buba wote kumi wazo moka mascara sphinx gumbo bluff retreat springs
alex george karen louis nikki nigel maurice faisal
kin sa dar casa tana safi ctn byo ph gabs est nord sud ouest coast central western eastern
northern southern upper lower lakes lac littoral maritime savanes oriental atlantique collines
cuvette pool estuaire delta rivers unity air natal tigre sava diana sofia imo bong maryland
gaza midlands toro sal fogo brava maio santiago chale dial nando
asante karibu sana jambo nyanya mtumba wahala abeg eish mbote sahel maghreb
"""


# At least the capital and the economic capital of every country, several for big ones.
_ONE_WORD_CITIES_WITH_DISTRICTS = """
Lagos Abuja Accra Kumasi Nairobi Mombasa Kampala Kigali Johannesburg Durban Lusaka Harare
Dakar Abidjan Douala Kinshasa Brazzaville Cotonou Bamako Ouagadougou Conakry Niamey
Libreville Antananarivo Casablanca Rabat Tunis Algiers Cairo Nouakchott Bangui Bujumbura
Djibouti Freetown Monrovia Maputo Lilongwe Blantyre Windhoek Gaborone Khartoum Omdurman
Mogadishu Juba Asmara Tripoli Maseru Mbabane Manzini Moroni Victoria Praia Bissau Malabo
Luanda Ibadan Kano Yaoundé Lomé Pretoria Bulawayo Marrakech
"""
_CITIES_WITH_DISTRICTS = (
    *_ONE_WORD_CITIES_WITH_DISTRICTS.split(),
    "Addis Ababa",
    "Cape Town",
    "Dar es Salaam",
    "N'Djamena",
    "Port Louis",
    "São Tomé",
    "Port Harcourt",
)


def _strong_spellings(data: dict[str, Any]) -> dict[str, str]:
    """Normalised spelling -> what names it, for every name trusted alone."""
    strong: dict[str, str] = {}
    for country in data["countries"]:
        strong.update(dict.fromkeys(map(normalize, country["aliases"]), country["code"]))
    for region in data["regions"]:
        spellings = region.get("aliases", [region["name"]])
        strong.update(dict.fromkeys(map(normalize, spellings), region["name"]))
    for words in data["local_words"]:
        strong.update(dict.fromkeys(map(normalize, words["words"]), words["language"]))
    for city in data["cities"]:
        if not city.get("weak"):
            strong.update(dict.fromkeys(map(normalize, city["aliases"]), city["name"]))
    for group in data["areas"]:
        for kind in ("districts", "landmarks", "institutions"):
            for area in group.get(kind, []):
                if not area.get("weak"):
                    spellings = area.get("aliases", [area["name"]])
                    strong.update(dict.fromkeys(map(normalize, spellings), area["name"]))
    for language in data["local_languages"]:
        strong.update(dict.fromkeys(map(normalize, language["aliases"]), language["name"]))
    return strong


def test_common_words_and_first_names_are_never_trusted_alone(data: dict[str, Any]) -> None:
    strong = _strong_spellings(data)
    found = {word: strong[word] for word in _COMMON_WORDS.split() if word in strong}
    assert not found


def test_every_country_has_districts_and_every_area_lies_in_a_listed_city(
    data: dict[str, Any],
) -> None:
    cities = {(city["country"], city["name"]) for city in data["cities"]}
    groups = data["areas"]
    assert {group["country"] for group in groups} == UN_AFRICA
    assert all((group["country"], group["city"]) in cities for group in groups)
    kinds = Counter(
        kind
        for group in groups
        for kind in ("districts", "landmarks", "institutions")
        for _ in group.get(kind, [])
    )
    assert kinds["districts"] >= 2000
    assert kinds["landmarks"] + kinds["institutions"] >= 800


def test_the_main_cities_have_their_districts(data: dict[str, Any]) -> None:
    with_districts = {group["city"] for group in data["areas"] if group.get("districts")}
    missing = [city for city in _CITIES_WITH_DISTRICTS if city not in with_districts]
    assert not missing


def test_languages_of_several_countries_are_not_listed(data: dict[str, Any]) -> None:
    supplement = json.loads((ROOT / "scripts" / "africa_supplement.json").read_text("utf-8"))
    several = {normalize(name) for name in supplement["languages_of_several_countries"]}
    assert {"swahili", "lingala", "pidgin", "ewe", "dioula", "pulaar", "arabic"} <= several
    listed = {
        normalize(spelling)
        for language in data["local_languages"]
        for spelling in language["aliases"] + language["weak_aliases"]
    }
    assert not several & listed
    assert {"wolof", "bambara", "kinyarwanda", "amharic", "twi", "igbo", "zulu"} <= listed


def _supplement() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (ROOT / "scripts" / "africa_supplement.json").read_text("utf-8")
    )
    return loaded


def test_regions_name_countries_of_every_size(data: dict[str, Any]) -> None:
    regions = data["regions"]
    assert len(regions) >= 600
    assert {region["country"] for region in regions} <= UN_AFRICA
    assert len({region["country"] for region in regions}) >= 50
    assert not [region for region in regions if "city" in region]
    spellings = {
        normalize(spelling) for region in regions for spelling in region.get("aliases", [])
    } | {normalize(region["name"]) for region in regions if "aliases" not in region}
    for name in ("casamance", "kabylie", "copperbelt", "gauteng", "kwazulu natal", "oromia"):
        assert name in spellings, name
    for name in ("matabeleland", "darfur", "tigray", "katanga", "rift valley", "ashanti"):
        assert name in spellings, name


def test_regions_of_several_countries_are_not_placed(data: dict[str, Any]) -> None:
    several = {normalize(name) for name in _supplement()["regions_of_several_countries"]}
    assert {"sahel", "maghreb", "sahara", "kalahari"} <= several
    named = set(_strong_spellings(data))
    for region in data["regions"]:
        named.update(map(normalize, region.get("weak_aliases", [])))
    assert not several & named


def test_nicknames_that_are_words_only_count_after_a_place_word(data: dict[str, Any]) -> None:
    locatives = {
        normalize(word)
        for name, words in _supplement()["locatives"].items()
        if not name.startswith("_")
        for word in words
    }
    entries = [*data["countries"], *data["cities"]]
    contextual = {
        normalize(alias): after
        for entry in entries
        for alias, after in entry.get("context_aliases", {}).items()
    }
    assert {"kin", "sa", "dar", "casa", "tana", "safi", "gh"} <= set(contextual)
    assert all(after and set(after) <= locatives for after in contextual.values())
    assert not set(contextual) & set(_strong_spellings(data))
    assert "a" in contextual["kin"]  # "a kin", typed without the accent
    # "à" and "a" are the same word once accents go: "il a sa boutique" must not count.
    assert "a" not in contextual["sa"]


def test_local_words_belong_to_one_country_and_language(data: dict[str, Any]) -> None:
    groups = data["local_words"]
    assert sum(len(group["words"]) for group in groups) >= 100
    assert all(group["country"] in UN_AFRICA and group["language"] for group in groups)
    words = {normalize(word): group["country"] for group in groups for word in group["words"]}
    for word, code in (("jerejef", "SN"), ("medaase", "GH"), ("webale", "UG"), ("spaza", "ZA")):
        assert words[word] == code
    shared = {"wahala", "abeg", "safi", "asante", "mbote", "eish", "chale", "jollof", "sannu"}
    assert not shared & set(words)
