"""The Mexican side of the catalogues: states and municipalities, loaded in two queries and kept per registry
version (core.versioning.PerVersion). They change only when a loader runs, and each of those writes bumps the
version, which retires the copy kept here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from core.text import spanish_sort_key
from core.versioning import PerVersion
from municipalities.models import Municipality, State

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The population bands of the statistics (INEGI's usual cut at 2,500 separates rural from urban localities).
POPULATION_BANDS: list[tuple[str, int, int | None, StrOrPromise]] = [
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


@dataclass(frozen=True)
class MexicoCatalog:
    version: str
    states: dict[str, StateInfo]
    municipalities: dict[str, MunicipalityInfo]
    band_municipality_counts: dict[str, int] = field(default_factory=dict)

    def state_choices(self) -> list[tuple[str, str]]:
        return [(code, s.name) for code, s in self.states.items()]

    def municipality_choices(self, state_code: str) -> list[tuple[str, str]]:
        found = [(m.cvegeo, m.name) for m in self.municipalities.values() if m.state_code == state_code]
        return sorted(found, key=lambda item: spanish_sort_key(item[1]))


def load_mexico(version: str) -> MexicoCatalog:
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
    return MexicoCatalog(version, states, municipalities, bands)


mexico_catalog: PerVersion[MexicoCatalog] = PerVersion(load_mexico)
