"""Sanity of the shipped gazetteer (data/africa.json) and its generator."""

import importlib.util
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from genesis.core.coach.text import normalize

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


def test_at_least_150_cities_each_in_a_known_country(data: dict[str, Any]) -> None:
    cities = data["cities"]
    assert len(cities) >= 150
    codes = {country["code"] for country in data["countries"]}
    assert {city["country"] for city in cities} == codes  # every country has a city
    names = Counter(city["name"] for city in cities)
    assert not [name for name, count in names.items() if count > 1]


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
    spec = importlib.util.spec_from_file_location("build_africa_geo", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SHARED_CSV.exists(), reason="../shared/data is not on this machine")
def test_shipped_file_is_in_sync_with_the_generator() -> None:
    generator = _load_generator()
    shipped = resources.files("genesis.core.coach").joinpath("data/africa.json").read_text("utf-8")
    assert shipped == generator.render(generator.build()), "run scripts/build_africa_geo.py"
