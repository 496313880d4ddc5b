"""The world twin-city network (partners/data/world_twin_pairs.csv) matched to the partner-city catalogue.

Each side of a pair is found among the PartnerCity rows by coordinates and name: the same normalised name
within 30 km, or else the nearest city within 5 km (the list's spelling differs, e.g. "Bérat" / "Berat").
About a third of the sides are towns under 15,000 inhabitants, outside the catalogue: they are counted and
left out. The matchmaker reads the result; nothing here runs on a request.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from core.loading import DataFileError, haversine_km, normalize_name, parse_float, read_csv
from partners.models import PartnerCity, WorldTwinLink

WORLD_TWIN_PAIRS_CSV = Path(__file__).resolve().parent / "data" / "world_twin_pairs.csv"
COLUMNS = ("city1", "country1", "lat1", "lng1", "city2", "country2", "lat2", "lng2")
SAME_NAME_RADIUS_KM = 30.0
ANY_NAME_RADIUS_KM = 5.0


@dataclass
class TwinNetworkReport:
    pairs_read: int = 0
    sides_matched: int = 0
    sides_unmatched: int = 0
    links: int = 0
    links_created: int = 0
    links_deleted: int = 0
    counts_updated: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.links_created or self.links_deleted or self.counts_updated)

    def line(self) -> str:
        return (
            f"World twin network: {self.pairs_read:,} pairs read; {self.sides_matched:,} sides found among "
            f"the partner cities, {self.sides_unmatched:,} not (towns outside the catalogue); "
            f"{self.links:,} links "
            f"({self.links_created:,} created, {self.links_deleted:,} removed); twin counts updated on "
            f"{self.counts_updated:,} cities"
        )


class CityGrid:
    """Partner cities bucketed by whole degrees of latitude and longitude, for nearby look-ups."""

    def __init__(self, cities):
        self.cells: dict[tuple[int, int], list[tuple[int, str, float, float]]] = defaultdict(list)
        for pk, name, lat, lon in cities:
            if lat is not None and lon is not None:
                self.cells[(round(lat), round(lon))].append((pk, normalize_name(name), lat, lon))

    def find(self, name: str, lat: float | None, lon: float | None) -> int | None:
        """The nearest city of the same name within 30 km, else the nearest city within 5 km; ties go to the
        lower id, so the result never depends on the order the database returns rows in."""
        if lat is None or lon is None:
            return None
        key = normalize_name(name)
        same_name: tuple[float, int] | None = None
        nearest: tuple[float, int] | None = None
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                for pk, other, clat, clon in self.cells.get((round(lat) + dlat, round(lon) + dlon), ()):
                    km = haversine_km(lat, lon, clat, clon)
                    if (
                        other == key
                        and km <= SAME_NAME_RADIUS_KM
                        and (same_name is None or (km, pk) < same_name)
                    ):
                        same_name = (km, pk)
                    if km <= ANY_NAME_RADIUS_KM and (nearest is None or (km, pk) < nearest):
                        nearest = (km, pk)
        best = same_name or nearest
        return best[1] if best else None


Side = tuple[str, float | None, float | None]  # name, latitude, longitude (blank in a few rows)


def read_pairs(path: Path | str) -> list[tuple[Side, Side]]:
    pairs = []
    for row_number, row in read_csv(path, COLUMNS):
        try:
            sides = tuple(
                (
                    row[f"city{n}"],
                    parse_float(row[f"lat{n}"], column=f"lat{n}", limit=90, blank=True),
                    parse_float(row[f"lng{n}"], column=f"lng{n}", blank=True),
                )
                for n in (1, 2)
            )
        except ValueError as exc:
            raise DataFileError(path, row_number, str(exc)) from exc
        pairs.append(sides)
    return pairs


def sync_world_twins(pairs: list[tuple[Side, Side]]) -> TwinNetworkReport:
    """Match the pairs to partner cities and write WorldTwinLink rows and world_twin_count; idempotent."""
    grid = CityGrid(PartnerCity.objects.values_list("pk", "name", "latitude", "longitude"))
    report = TwinNetworkReport(pairs_read=len(pairs))
    wanted: set[tuple[int, int]] = set()
    for side1, side2 in pairs:
        a, b = grid.find(*side1), grid.find(*side2)
        matched = (a is not None) + (b is not None)
        report.sides_matched += matched
        report.sides_unmatched += 2 - matched
        if a is not None and b is not None and a != b:
            wanted.add((min(a, b), max(a, b)))
    with transaction.atomic():
        existing = {(link.city_id, link.twin_id): link.pk for link in WorldTwinLink.objects.all()}
        stale = [pk for key, pk in existing.items() if key not in wanted]
        new = [WorldTwinLink(city_id=a, twin_id=b) for a, b in wanted if (a, b) not in existing]
        WorldTwinLink.objects.filter(pk__in=stale).delete()
        WorldTwinLink.objects.bulk_create(new, batch_size=2000)
        counts: dict[int, int] = defaultdict(int)
        for a, b in wanted:
            counts[a] += 1
            counts[b] += 1
        changed = [
            PartnerCity(pk=pk, world_twin_count=counts.get(pk, 0))
            for pk, current in PartnerCity.objects.values_list("pk", "world_twin_count")
            if current != counts.get(pk, 0)
        ]
        PartnerCity.objects.bulk_update(changed, ["world_twin_count"], batch_size=500)
    report.links, report.links_created, report.links_deleted = len(wanted), len(new), len(stale)
    report.counts_updated = len(changed)
    return report
