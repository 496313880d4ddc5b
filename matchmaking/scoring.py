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
"""

from __future__ import annotations

import heapq
import math
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from babel.core import get_global
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agreements.models import Agreement, Theme
from core.loading import haversine_km, normalize_name
from municipalities.models import Municipality
from partners.models import Country, PartnerCity, WorldTwinLink
from showcase.models import MunicipalityProfile
from showcase.selectors import profile_with_interests

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
BORDER_COUNTRIES = {"US", "GT", "BZ"}
MIN_POPULATION = 1_000  # floor for log-population: unknown or tiny populations count as a small town


@dataclass(frozen=True)
class Preferences:
    """What a municipality declared on its profile; empty when it has none."""

    countries: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Relationship:
    """A known tie between a Mexican party and a partner city (municipio or state level)."""

    state: str
    municipality: str | None
    city: int
    themes: frozenset[str] = frozenset()


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


class Catalogue:
    """The part that does not depend on relationships: built once per process (about a second)."""

    def __init__(self) -> None:
        rows = list(
            PartnerCity.objects.values_list(
                "pk",
                "geonames_id",
                "name",
                "country_id",
                "population",
                "latitude",
                "longitude",
                "world_twin_count",
            )
        )
        self.ids = [r[0] for r in rows]
        self.position = {pk: i for i, pk in enumerate(self.ids)}
        self.geonames_ids = [r[1] for r in rows]
        self.names = [r[2] for r in rows]
        self.countries = [r[3] for r in rows]
        self.populations = [r[4] for r in rows]
        self.latitudes = [r[5] for r in rows]
        self.longitudes = [r[6] for r in rows]
        self.twin_counts = [r[7] for r in rows]
        self.log_pops = [log_population(r[4]) for r in rows]
        self.by_name: dict[str, list[int]] = defaultdict(list)
        for i, name in enumerate(self.names):
            self.by_name[normalize_name(name)].append(i)
        spanish = spanish_speaking_countries()
        # Signals that depend on the city alone, summed once.
        self.static = [
            WEIGHTS["twin"] * math.log1p(self.twin_counts[i])
            + WEIGHTS["size"] * self.log_pops[i]
            + (WEIGHTS["spanish"] if self.countries[i] in spanish else 0.0)
            for i in range(len(rows))
        ]
        self.spanish = spanish
        self.twins: dict[int, list[int]] = defaultdict(list)
        for a, b in WorldTwinLink.objects.values_list("city_id", "twin_id"):
            ia, ib = self.position.get(a), self.position.get(b)
            if ia is not None and ib is not None:
                self.twins[ia].append(ib)
                self.twins[ib].append(ia)
        self.country_names = {c.iso2: c for c in Country.objects.select_related("region", "subregion")}
        self.municipalities = {
            m[0]: m
            for m in Municipality.objects.values_list(
                "cvegeo", "name", "seat_name", "state_id", "population_2020", "latitude", "longitude"
            )
        }
        self.state_names = dict(Municipality.objects.values_list("state_id", "state__name").distinct())
        self.fingerprint = catalogue_fingerprint()

    def municipality_similarity(self, a: str, b: str) -> float:
        ma, mb = self.municipalities[a], self.municipalities[b]
        sim = math.exp(-abs(log_population(ma[4]) - log_population(mb[4])) / SIMILARITY["population_scale"])
        if ma[3] == mb[3]:
            sim += SIMILARITY["same_state"]
        if ma[5] is not None and mb[5] is not None:
            km = haversine_km(ma[5], ma[6], mb[5], mb[6])
            sim += SIMILARITY["nearby"] * math.exp(-km / SIMILARITY["nearby_km"])
        return sim


def catalogue_fingerprint() -> str:
    """The registry version: database triggers bump it on every write to cities, municipalities or agreements
    (registry/triggers.py), so a load_catalogs run or an edit rebuilds the catalogue on the next call."""
    from core.versioning import current_version

    return current_version()


_catalogue: Catalogue | None = None
_catalogue_lock = threading.Lock()


def catalogue() -> Catalogue:
    global _catalogue
    fingerprint = catalogue_fingerprint()
    with _catalogue_lock:
        if _catalogue is None or _catalogue.fingerprint != fingerprint:
            _catalogue = Catalogue()
    return _catalogue


def forget_catalogue() -> None:
    """Drop this process's catalogue: the next call rebuilds it (tests roll back to old registry versions)."""
    global _catalogue
    with _catalogue_lock:
        _catalogue = None


def known_relationships() -> list[Relationship]:
    """Every known tie with a partner city: registry entries and known relationships, never synthetic rows."""
    agreements = Agreement.objects.filter(partner_city__isnull=False).exclude(
        source=Agreement.Source.SYNTHETIC
    )
    themes: dict[int, set[str]] = defaultdict(set)
    for agreement_id, theme in Agreement.themes.through.objects.filter(agreement__in=agreements).values_list(
        "agreement_id", "theme_id"
    ):
        themes[agreement_id].add(theme)
    return [
        Relationship(state=s, municipality=m, city=c, themes=frozenset(themes.get(pk, ())))
        for pk, s, m, c in agreements.values_list("pk", "state_id", "municipality_id", "partner_city_id")
    ]


def preferences_for(cvegeo: str) -> Preferences:
    """The municipality's declared interests, from its international profile when it has one."""
    return preferences_from(profile_with_interests(cvegeo))


def preferences_from(profile: MunicipalityProfile | None) -> Preferences:
    """The interests of a profile already loaded with its themes, countries and regions prefetched."""
    if profile is None:
        return Preferences()
    return Preferences(
        countries=frozenset(c.pk for c in profile.desired_countries.all()),
        regions=frozenset(profile.desired_region_codes()),
        themes=frozenset(t.pk for t in profile.themes.all()),
        languages=frozenset(profile.languages or ()),
    )


@dataclass
class Evidence:
    """Per-city evidence gathered from the relationships, to score and to explain."""

    related: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))  # city -> municipalities
    cf: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    popular: Counter = field(default_factory=Counter)
    hop: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))  # city -> own partners
    country_national: Counter = field(default_factory=Counter)
    country_state: Counter = field(default_factory=Counter)
    own: set[int] = field(default_factory=set)
    themes: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))  # city -> agreement themes


class Matchmaker:
    def __init__(self, cat: Catalogue, relationships: Iterable[Relationship]):
        self.cat = cat
        self.relationships = list(relationships)

    def evidence_for(self, cvegeo: str) -> Evidence:
        cat, ev = self.cat, Evidence()
        state = cat.municipalities[cvegeo][3]
        for rel in self.relationships:
            i = cat.position.get(rel.city)
            if i is None:
                continue
            country = cat.countries[i]
            ev.popular[i] += 1
            ev.themes[i] |= rel.themes
            ev.country_national[country] += 1
            if rel.state == state:
                ev.country_state[country] += 1
            if rel.municipality == cvegeo:
                ev.own.add(i)
            elif rel.municipality is not None and rel.municipality in cat.municipalities:
                ev.cf[i] += cat.municipality_similarity(cvegeo, rel.municipality)
                ev.related[i].append(rel.municipality)
        for i in ev.own:
            for j in cat.twins.get(i, ()):
                ev.hop[j].append(i)
        return ev

    def scores(
        self, cvegeo: str, preferences: Preferences | None = None
    ) -> tuple[list[float], Evidence, dict]:
        """Every partner city's score for this municipality (cities already tied to it get -inf)."""
        cat = self.cat
        if cvegeo not in cat.municipalities:
            raise KeyError(cvegeo)
        prefs = preferences or Preferences()
        ev = self.evidence_for(cvegeo)
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

    # --- explanations ----------------------------------------------------------------------------------

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
            reasons=self._reasons(i, cvegeo, ev, prefs, km),
            distance_km=km,
        )

    def _reasons(self, i: int, cvegeo: str, ev: Evidence, prefs: Preferences, km: float | None) -> list[str]:
        cat = self.cat
        _cvegeo, name, seat, state, population, *_rest = cat.municipalities[cvegeo]
        reasons: list[str] = []
        related = ev.related.get(i, [])
        if related:
            similar = [
                m
                for m in related
                if abs(log_population(cat.municipalities[m][4]) - log_population(population)) < 0.5
            ]
            same_state = [m for m in related if cat.municipalities[m][3] == state]
            if similar:
                reasons.append(
                    ngettext(
                        "%(n)d municipio mexicano de tamaño similar ya tiene relación con esta ciudad",
                        "%(n)d municipios mexicanos de tamaño similar ya tienen relación con esta ciudad",
                        len(similar),
                    )
                    % {"n": len(similar)}
                )
            else:
                reasons.append(
                    ngettext(
                        "%(n)d municipio mexicano ya tiene relación con esta ciudad",
                        "%(n)d municipios mexicanos ya tienen relación con esta ciudad",
                        len(related),
                    )
                    % {"n": len(related)}
                )
            state_name = cat.state_names.get(state, state)
            if len(related) == 1 and same_state:
                reasons.append(_("Ese municipio también es de %(state)s") % {"state": state_name})
            elif same_state:
                reasons.append(
                    ngettext(
                        "%(n)d de ellos está en %(state)s",
                        "%(n)d de ellos están en %(state)s",
                        len(same_state),
                    )
                    % {"n": len(same_state), "state": state_name}
                )
        city_key = normalize_name(cat.names[i])
        if city_key and city_key in {normalize_name(name), normalize_name(seat or "")}:
            reasons.append(_("Ciudad homónima"))
        if km is not None and km < 300:
            if cat.countries[i] in BORDER_COUNTRIES:
                reasons.append(_("Cercanía fronteriza: a %(km)s km") % {"km": f"{km:,.0f}"})
            else:
                reasons.append(_("Cercanía: a %(km)s km") % {"km": f"{km:,.0f}"})
        for j in ev.hop.get(i, [])[:2]:
            reasons.append(_("Hermanada con %(city)s, socia de su municipio") % {"city": cat.names[j]})
        if cat.populations[i] and population and abs(cat.log_pops[i] - log_population(population)) < 0.15:
            reasons.append(_("Población comparable: %(n)s habitantes") % {"n": f"{cat.populations[i]:,}"})
        in_state = ev.country_state.get(cat.countries[i], 0)
        if in_state >= 2:
            reasons.append(
                _("País con %(n)d relaciones con municipios de %(state)s")
                % {"n": in_state, "state": cat.state_names.get(state, state)}
            )
        if cat.twin_counts[i] >= 5:
            reasons.append(
                _("Activa en hermanamientos: %(n)d ciudades hermanas en el mundo") % {"n": cat.twin_counts[i]}
            )
        shared_themes = ev.themes.get(i, set()) & prefs.themes
        if shared_themes:
            labels = sorted(str(Theme.Code(code).label) for code in shared_themes)
            reasons.append(_("Comparte temas de interés: %(themes)s") % {"themes": ", ".join(labels)})
        country = cat.country_names.get(cat.countries[i])
        if cat.countries[i] in prefs.countries:
            reasons.append(_("Está en un país de interés para su municipio"))
        elif country and prefs.regions & {country.region_id, country.subregion_id}:
            reasons.append(_("Está en una región de interés para su municipio"))
        shared = sorted(prefs.languages & official_languages(cat.countries[i]) - {"es"})
        if shared:
            reasons.append(_("Idioma en común: %(langs)s") % {"langs": ", ".join(language_names(shared))})
        if cat.countries[i] in cat.spanish and not reasons:
            reasons.append(_("Se habla español"))
        if not reasons:
            reasons.append(_("Ciudad grande y abierta a hermanamientos en un país con relaciones con México"))
        return reasons


def language_names(codes: Iterable[str]) -> list[str]:
    from babel import Locale

    from core.i18n import is_english

    locale = Locale("en" if is_english() else "es")
    return [locale.languages.get(code, code) for code in codes]


def suggest_partners(
    cvegeo: str, *, limit: int = 20, preferences: Preferences | None = None
) -> list[Suggestion]:
    """Suggestions for one municipality from the current relationships and its profile (`preferences`: when
    the caller already read them)."""
    if preferences is None:
        preferences = preferences_for(cvegeo)
    matchmaker = Matchmaker(catalogue(), known_relationships())
    return matchmaker.suggest(cvegeo, limit=limit, preferences=preferences)
