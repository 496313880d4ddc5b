"""The world side of the catalogues: countries and UN M49 regions, loaded in two queries and kept per registry
version (core.versioning.PerVersion), like municipalities/catalog.py."""

from __future__ import annotations

from dataclasses import dataclass

from core.i18n import is_english
from core.text import spanish_sort_key
from core.versioning import PerVersion
from partners.models import Country, Region


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
class WorldCatalog:
    version: str
    countries: dict[str, CountryInfo]
    regions: dict[str, RegionInfo]

    def countries_in_region(self, code: str) -> list[str]:
        """ISO codes of the countries whose M49 region or sub-region is `code`."""
        return sorted(iso2 for iso2, c in self.countries.items() if code in (c.region_code, c.subregion_code))

    def country_choices(self) -> list[tuple[str, str]]:
        return sorted(
            ((iso2, c.name) for iso2, c in self.countries.items()), key=lambda item: spanish_sort_key(item[1])
        )

    def region_choices(self) -> list[tuple[str, str]]:
        """Regions first, each followed by its sub-regions (indented with an en space for the <select>)."""
        choices: list[tuple[str, str]] = []
        tops = sorted(
            (r for r in self.regions.values() if r.parent_code is None),
            key=lambda r: spanish_sort_key(r.name),
        )
        for top in tops:
            choices.append((top.code, top.name))
            children = sorted(
                (r for r in self.regions.values() if r.parent_code == top.code),
                key=lambda r: spanish_sort_key(r.name),
            )
            choices.extend((child.code, f"\u2002{child.name}") for child in children)
        return choices


def load_world(version: str) -> WorldCatalog:
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
    return WorldCatalog(version, countries, regions)


world_catalog: PerVersion[WorldCatalog] = PerVersion(load_world)
