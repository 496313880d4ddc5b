"""The weights of the matchmaker's signals (scoring.py says what each one measures) and the small measures
they rest on: the log of a population, the official languages of a country (CLDR, through Babel)."""

from __future__ import annotations

import math

from babel.core import get_global

WEIGHTS = {
    "cf": 6.0,
    "near": 25.0,
    "name": 20.0,
    "hop": 0.9,
    "twin": 0.7,
    "popular": 0.4,
    "country": 0.25,
    "size": 0.4,
    "popsim": 0.45,
    "spanish": 0.5,
    "desired_country": 2.0,
    "desired_region": 1.0,
    "theme": 0.5,
    "language": 0.5,
}
# Similarity of two Mexican municipalities: comparable size, same state, close to each other.
SIMILARITY = {"population_scale": 0.5, "same_state": 0.4, "nearby": 1.5, "nearby_km": 150.0}
NEAR_KM = 200.0  # distance scale of the "near" signal: exp(-d / NEAR_KM)
NEAR_SEARCH_DEGREES = 12.0  # beyond ~1,300 km the near signal is negligible: skip the trigonometry
MIN_POPULATION = 1_000  # floor for log-population: unknown or tiny populations count as a small town


def log_population(population: int | None) -> float:
    return math.log10(max(population or 0, MIN_POPULATION))


def spanish_speaking_countries() -> frozenset[str]:
    """Territories where CLDR lists Spanish as an official (or de-facto official) language."""
    territories = get_global("territory_languages")
    return frozenset(
        code
        for code, languages in territories.items()
        if len(code) == 2 and "official" in (languages.get("es", {}).get("official_status") or "")
    )


def official_languages(country: str) -> frozenset[str]:
    languages = get_global("territory_languages").get(country, {})
    return frozenset(
        lang for lang, info in languages.items() if "official" in (info.get("official_status") or "")
    )
