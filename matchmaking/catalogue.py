"""The matchmaker's catalogue: every partner city (with the signals that depend on the city alone already
summed), their twin links in the world, every Mexican municipality and how alike two of them are. Built once
per process (about a second) and rebuilt when the registry version changes.
"""

from __future__ import annotations

import math
import threading
from collections import defaultdict

from core.loading import haversine_km, normalize_name
from matchmaking.weights import SIMILARITY, WEIGHTS, log_population, spanish_speaking_countries
from municipalities.models import Municipality
from partners.models import Country, PartnerCity, WorldTwinLink


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
