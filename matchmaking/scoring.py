"""Partner suggestions: which foreign cities a Mexican municipality could partner with, and why.

Every partner city gets a score, a sum of weighted signals, and each strong signal becomes a reason in plain
words. The signals, strongest first in the measured evaluation (`manage.py evaluate_suggestions`):

- cf:       Mexican municipalities *similar* to this one (size, same state, nearby) already tied to the city;
- near:     the city is close (border cities twin with their neighbours across the border);
- name:     the city bears the municipality's or its seat's name (Mérida–Mérida, Guadalajara–Guadalajara);
- hop:      the city is twinned, somewhere in the world, with one of the municipality's own partners;
- twin:     the city is an active twinner in the world network;
- popular:  how many Mexican relationships the city already has;
- country:  how many Mexican relationships its country has;
- size, popsim: larger cities, and cities of comparable population;
- spanish:  Spanish is an official language there (CLDR territory languages);
- the municipality's own profile: desired countries and regions, themes, languages.

The weights were fitted by leave-one-out on the known relationships with two-fold validation (the weights
fitted on one half score about as well on the other half); `evaluate_suggestions` prints the current figures.

Speed: the catalogue part (about 33,000 cities, their twin links, every municipality) is built once per
process and rebuilt only when the catalogue changes; the relationship-derived statistics are recomputed on
every call from the ~500 relationships (a few milliseconds), so a new relationship counts at once and the
evaluation can hide one relationship simply by leaving it out of the list.

The pieces: weights.py (the weights), catalogue.py (cities and municipalities), relationships.py and
preferences.py (what the score learns from), evidence.py (the relationships' evidence per city), reasons.py
(the reasons in plain words); here, the score and the suggestions.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from core.loading import haversine_km, normalize_name
from matchmaking.catalogue import Catalogue, catalogue, forget_catalogue
from matchmaking.evidence import Evidence, evidence_for
from matchmaking.preferences import Preferences, preferences_for, preferences_from
from matchmaking.reasons import reasons_for
from matchmaking.relationships import Relationship, known_relationships
from matchmaking.weights import NEAR_KM, NEAR_SEARCH_DEGREES, WEIGHTS, log_population, official_languages

# The matchmaker's interface: the suggestions, the evaluation, the management commands, the benchmark and the
# tests read these from this module.
__all__ = [
    "Catalogue",
    "Matchmaker",
    "Preferences",
    "Relationship",
    "Suggestion",
    "catalogue",
    "forget_catalogue",
    "known_relationships",
    "log_population",
    "preferences_for",
    "preferences_from",
    "suggest_partners",
]


@dataclass
class Suggestion:
    city_id: int
    geonames_id: int | None
    name: str
    country: str
    country_name: str
    population: int | None
    latitude: float | None
    longitude: float | None
    score: float
    reasons: list[str] = field(default_factory=list)
    distance_km: float | None = None

    def as_dict(self) -> dict:
        return {
            "geonames_id": self.geonames_id,
            "name": self.name,
            "country": self.country,
            "country_name": self.country_name,
            "population": self.population,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "distance_km": None if self.distance_km is None else round(self.distance_km),
            "score": round(self.score, 2),
            "reasons": self.reasons,
        }


class Matchmaker:
    def __init__(self, cat: Catalogue, relationships: Iterable[Relationship]):
        self.cat = cat
        self.relationships = list(relationships)

    def scores(
        self, cvegeo: str, preferences: Preferences | None = None
    ) -> tuple[list[float], Evidence, dict]:
        """Every partner city's score for this municipality (cities already tied to it get -inf)."""
        cat = self.cat
        if cvegeo not in cat.municipalities:
            raise KeyError(cvegeo)
        prefs = preferences or Preferences()
        ev = evidence_for(cat, self.relationships, cvegeo)
        _cvegeo, name, seat, state, population, lat, lon = cat.municipalities[cvegeo]
        m_logpop = log_population(population)
        w = WEIGHTS
        scores = [
            s - w["popsim"] * abs(lp - m_logpop) for s, lp in zip(cat.static, cat.log_pops, strict=True)
        ]
        for i, value in ev.cf.items():
            scores[i] += w["cf"] * math.log1p(value)
        for i, count in ev.popular.items():
            scores[i] += w["popular"] * math.log1p(count)
        for i, partners in ev.hop.items():
            scores[i] += w["hop"] * math.log1p(len(partners))
        if prefs.themes:
            for i, themes in ev.themes.items():
                scores[i] += w["theme"] * len(themes & prefs.themes)
        for key in {normalize_name(name), normalize_name(seat or "")} - {""}:
            for i in cat.by_name.get(key, ()):
                scores[i] += w["name"]
        country_bonus = self._country_bonus(ev, prefs)
        if country_bonus:
            for i, country in enumerate(cat.countries):
                bonus = country_bonus.get(country)
                if bonus:
                    scores[i] += bonus
        distances: dict[int, float] = {}
        if lat is not None and lon is not None:
            for i, (clat, clon) in enumerate(zip(cat.latitudes, cat.longitudes, strict=True)):
                if (
                    clat is None
                    or abs(clat - lat) > NEAR_SEARCH_DEGREES
                    or abs(clon - lon) > NEAR_SEARCH_DEGREES
                ):
                    continue
                km = haversine_km(lat, lon, clat, clon)
                distances[i] = km
                scores[i] += w["near"] * math.exp(-km / NEAR_KM)
        for i in ev.own:  # already tied to this municipality: nothing to suggest
            scores[i] = -math.inf
        return scores, ev, distances

    def _country_bonus(self, ev: Evidence, prefs: Preferences) -> dict[str, float]:
        w = WEIGHTS
        bonus = {country: w["country"] * math.log1p(count) for country, count in ev.country_national.items()}
        for country in prefs.countries:
            bonus[country] = bonus.get(country, 0.0) + w["desired_country"]
        if prefs.regions or prefs.languages:
            for code, country in self.cat.country_names.items():
                if prefs.regions & {country.region_id, country.subregion_id}:
                    bonus[code] = bonus.get(code, 0.0) + w["desired_region"]
                if prefs.languages & official_languages(code):
                    bonus[code] = bonus.get(code, 0.0) + w["language"]
        return bonus

    def suggest(
        self, cvegeo: str, *, limit: int = 20, preferences: Preferences | None = None
    ) -> list[Suggestion]:
        """The `limit` best partner cities for the municipality, best first, with reasons."""
        prefs = preferences or Preferences()
        scores, ev, distances = self.scores(cvegeo, prefs)
        best = heapq.nlargest(limit, range(len(scores)), key=scores.__getitem__)
        return [
            self._suggestion(i, scores[i], cvegeo, ev, prefs, distances.get(i))
            for i in best
            if scores[i] > -math.inf
        ]

    # --- the suggestion, with its reasons (reasons.py) --------------------------------------------------

    def _suggestion(
        self, i: int, score: float, cvegeo: str, ev: Evidence, prefs: Preferences, km: float | None
    ) -> Suggestion:
        cat = self.cat
        country = cat.countries[i]
        country_obj = cat.country_names.get(country)
        return Suggestion(
            city_id=cat.ids[i],
            geonames_id=cat.geonames_ids[i],
            name=cat.names[i],
            country=country,
            country_name=country_obj.name if country_obj else country,
            population=cat.populations[i],
            latitude=cat.latitudes[i],
            longitude=cat.longitudes[i],
            score=score,
            reasons=reasons_for(cat, i, cvegeo, ev, prefs, km),
            distance_km=km,
        )


def suggest_partners(
    cvegeo: str, *, limit: int = 20, preferences: Preferences | None = None
) -> list[Suggestion]:
    """Suggestions for one municipality from the current relationships and its profile (`preferences`: when
    the caller already read them)."""
    if preferences is None:
        preferences = preferences_for(cvegeo)
    matchmaker = Matchmaker(catalogue(), known_relationships())
    return matchmaker.suggest(cvegeo, limit=limit, preferences=preferences)
