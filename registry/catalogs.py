"""The catalogues the registry needs on almost every page, loaded in four queries and kept per version.

States, municipalities, countries and M49 regions change only when a loader runs; each of those writes bumps
the registry version (triggers.py), which retires the copy kept here. Filters validate their codes against
these sets, statistics label and weigh their rows with them (population, municipalities per state), so the
statistics queries need no joins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from threading import Lock

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ciberparadiplomacia.i18n import is_english
from municipalities.models import Municipality, State
from partners.models import Country, Region

from .versioning import request_version

# The population bands of the statistics (INEGI's usual cut at 2,500 separates rural from urban localities).
POPULATION_BANDS: list[tuple[str, int, int | None, str]] = [
    ("lt2500", 0, 2_500, _("Menos de 2,500 habitantes")),
    ("2500-14999", 2_500, 15_000, _("De 2,500 a 14,999")),
    ("15000-49999", 15_000, 50_000, _("De 15,000 a 49,999")),
    ("50000-99999", 50_000, 100_000, _("De 50,000 a 99,999")),
    ("100000-499999", 100_000, 500_000, _("De 100,000 a 499,999")),
    ("500000+", 500_000, None, _("500,000 y más")),
]
NO_POPULATION_BAND = ("unknown", _("Sin dato de población (creados después de 2020)"))


def population_band(population: int | None) -> str:
    if population is None:
        return NO_POPULATION_BAND[0]
    for code, low, high, _label in POPULATION_BANDS:
        if population >= low and (high is None or population < high):
            return code
    raise AssertionError(population)


@dataclass(frozen=True, slots=True)
class StateInfo:
    code: str
    name: str
    abbreviation: str
    population: int
    municipality_count: int


@dataclass(frozen=True, slots=True)
class MunicipalityInfo:
    cvegeo: str
    name: str
    state_code: str
    population: int | None
    latitude: float | None
    longitude: float | None

    @property
    def band(self) -> str:
        return population_band(self.population)


@dataclass(frozen=True, slots=True)
class RegionInfo:
    code: str
    name_es: str
    name_en: str
    parent_code: str | None

    @property
    def name(self) -> str:
        return self.name_en if is_english() and self.name_en else self.name_es


@dataclass(frozen=True, slots=True)
class CountryInfo:
    iso2: str
    name_es: str
    name_en: str
    region_code: str | None
    subregion_code: str | None

    @property
    def name(self) -> str:
        return self.name_en if is_english() and self.name_en else self.name_es


@dataclass(frozen=True)
class Catalogs:
    version: str
    states: dict[str, StateInfo]
    municipalities: dict[str, MunicipalityInfo]
    countries: dict[str, CountryInfo]
    regions: dict[str, RegionInfo]
    band_municipality_counts: dict[str, int] = field(default_factory=dict)

    def countries_in_region(self, code: str) -> list[str]:
        """ISO codes of the countries whose M49 region or sub-region is `code`."""
        return sorted(iso2 for iso2, c in self.countries.items() if code in (c.region_code, c.subregion_code))

    def state_choices(self) -> list[tuple[str, str]]:
        return [(code, s.name) for code, s in self.states.items()]

    def country_choices(self) -> list[tuple[str, str]]:
        return sorted(((iso2, c.name) for iso2, c in self.countries.items()), key=lambda item: item[1])

    def region_choices(self) -> list[tuple[str, str]]:
        """Regions first, each followed by its sub-regions (indented with an en space for the <select>)."""
        choices: list[tuple[str, str]] = []
        tops = sorted((r for r in self.regions.values() if r.parent_code is None), key=lambda r: r.name)
        for top in tops:
            choices.append((top.code, top.name))
            children = sorted(
                (r for r in self.regions.values() if r.parent_code == top.code), key=lambda r: r.name
            )
            choices.extend((child.code, f"\u2002{child.name}") for child in children)
        return choices

    def municipality_choices(self, state_code: str) -> list[tuple[str, str]]:
        found = [(m.cvegeo, m.name) for m in self.municipalities.values() if m.state_code == state_code]
        return sorted(found, key=lambda item: item[1])


def load_catalogs(version: str) -> Catalogs:
    municipalities = {
        row[0]: MunicipalityInfo(*row)
        for row in Municipality.objects.order_by("cvegeo").values_list(
            "cvegeo", "name", "state_id", "population_2020", "latitude", "longitude"
        )
    }
    population: dict[str, int] = {}
    count: dict[str, int] = {}
    bands: dict[str, int] = {}
    for m in municipalities.values():
        population[m.state_code] = population.get(m.state_code, 0) + (m.population or 0)
        count[m.state_code] = count.get(m.state_code, 0) + 1
        bands[m.band] = bands.get(m.band, 0) + 1
    states = {
        code: StateInfo(code, name, abbreviation, population.get(code, 0), count.get(code, 0))
        for code, name, abbreviation in State.objects.order_by("code").values_list(
            "code", "name", "abbreviation"
        )
    }
    regions = {
        row[0]: RegionInfo(*row)
        for row in Region.objects.order_by("code").values_list("code", "name_es", "name_en", "parent_id")
    }
    countries = {
        row[0]: CountryInfo(*row)
        for row in Country.objects.order_by("iso2").values_list(
            "iso2", "name_es", "name_en", "region_id", "subregion_id"
        )
    }
    return Catalogs(version, states, municipalities, countries, regions, bands)


# One copy per process, replaced when the version changes: catalogues are read on nearly every request, and
# unpickling ~2,500 municipalities from Redis each time would cost more than keeping them here.
_memo: dict[str, Catalogs] = {}
_memo_lock = Lock()


def get_catalogs(version: str) -> Catalogs:
    found = _memo.get(version)
    if found is None:
        found = load_catalogs(version)
        with _memo_lock:
            _memo.clear()
            _memo[version] = found
    return found


def request_catalogs(request: HttpRequest) -> Catalogs:
    return get_catalogs(request_version(request))


def forget_catalogs() -> None:
    """For tests: a rolled-back test transaction can bring an old version number back."""
    with _memo_lock:
        _memo.clear()
