"""The catalogues the registry needs on almost every page: the Mexican side (municipalities/catalog.py) and
the world side (partners/catalog.py) together, each loaded in two queries and kept per registry version.

Filters validate their codes against these sets, statistics label and weigh their rows with them
(population, municipalities per state), so the statistics queries need no joins.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from core.versioning import request_version
from municipalities.catalog import MexicoCatalog, MunicipalityInfo, StateInfo, mexico_catalog
from partners.catalog import CountryInfo, RegionInfo, WorldCatalog, world_catalog


@dataclass(frozen=True)
class Catalogs:
    mexico: MexicoCatalog
    world: WorldCatalog

    @property
    def version(self) -> str:
        return self.mexico.version

    @property
    def states(self) -> dict[str, StateInfo]:
        return self.mexico.states

    @property
    def municipalities(self) -> dict[str, MunicipalityInfo]:
        return self.mexico.municipalities

    @property
    def band_municipality_counts(self) -> dict[str, int]:
        return self.mexico.band_municipality_counts

    @property
    def countries(self) -> dict[str, CountryInfo]:
        return self.world.countries

    @property
    def regions(self) -> dict[str, RegionInfo]:
        return self.world.regions

    def countries_in_region(self, code: str) -> list[str]:
        return self.world.countries_in_region(code)

    def state_choices(self) -> list[tuple[str, str]]:
        return self.mexico.state_choices()

    def country_choices(self) -> list[tuple[str, str]]:
        return self.world.country_choices()

    def region_choices(self) -> list[tuple[str, str]]:
        return self.world.region_choices()

    def municipality_choices(self, state_code: str) -> list[tuple[str, str]]:
        return self.mexico.municipality_choices(state_code)


def get_catalogs(version: str) -> Catalogs:
    return Catalogs(mexico_catalog.get(version), world_catalog.get(version))


def request_catalogs(request: HttpRequest) -> Catalogs:
    return get_catalogs(request_version(request))


def forget_catalogs() -> None:
    """For tests: a rolled-back test transaction can bring an old version number back."""
    mexico_catalog.forget()
    world_catalog.forget()
