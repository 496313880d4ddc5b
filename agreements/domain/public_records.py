"""Known relationships (Wikipedia's sister-city lists), loaded by `load_demo` and `load_catalogs`.

agreements/data/mx_sister_cities.csv is NOT the SRE registry: it lists informal, lapsed and unregistered
pairs too, so every row becomes an Agreement with source `public_record` ("relación conocida"), never `rai`.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from agreements.models import Agreement
from core.loading import (
    DataFileError,
    SyncResult,
    haversine_km,
    parse_coordinates,
    parse_digits,
    parse_text,
    read_csv,
    sync_rows,
)
from municipalities.models import Municipality, State
from partners.loaders import (
    MATCH_MIN_POPULATION,
    CityIndex,
    CityRef,
    existing_partner_cities,
    geonames_cities,
    match_partner_city,
    partner_city_key,
)
from partners.models import Country

SISTER_CITIES_CSV = Path(__file__).resolve().parents[1] / "data" / "mx_sister_cities.csv"
COLUMNS = (
    "mx_city",
    "mx_cvegeo_guess",
    "match_status",
    "mx_lat",
    "mx_lon",
    "partner_city",
    "partner_country_en",
    "partner_country_iso2",
    "partner_country_es",
    "partner_lat",
    "partner_lon",
    "source",
)
MATCH_STATUS = re.compile(r"^(unique_name_match|alias_manual|state_level|ambiguous_\d+_picked_largest)$")
STATE_LEVEL = "state_level"
# A municipality farther than this from the list's coordinates for the Mexican side is a wrong name match
# (e.g. "Cedral" picked in San Luis Potosí for a town elsewhere): such rows are left out.
MAX_MX_DISTANCE_KM = 100.0
AGREEMENT_FIELDS = [
    "title",
    "type",
    "status",
    "counterpart_name",
    "counterpart_level",
    "country",
    "source_detail",
    "signed_on",
    "valid_from",
    "valid_until",
]


@dataclass(frozen=True)
class SisterCityRow:
    row: int
    mx_city: str
    mx_code: str  # a municipality's cvegeo, or a state's code for state-level rows
    match_status: str
    mx_lat: float | None
    mx_lon: float | None
    partner_city: str
    partner_country: str  # ISO 3166-1 alpha-2
    partner_lat: float | None
    partner_lon: float | None
    source: str

    @property
    def state_level(self) -> bool:
        return self.match_status == STATE_LEVEL

    @property
    def city_ref(self) -> CityRef:
        return CityRef(self.partner_country, self.partner_city, self.partner_lat, self.partner_lon)

    def describe(self) -> str:
        return f"{self.mx_city} ({self.mx_code}) – {self.partner_city} ({self.partner_country})"


# The Wikipedia lists name a few counterparts that are not cities: a county or a province is a different
# level of government, and the registry says so (DOMAIN.md §5 counterpart_level).
PROVINCES = {"Shandong"}


def counterpart_level_of(name: str) -> str:
    if "County" in name or name.startswith("Condado"):
        return Agreement.CounterpartLevel.COUNTY
    if name in PROVINCES:
        return Agreement.CounterpartLevel.REGION
    return Agreement.CounterpartLevel.CITY


def read_sister_cities(path: Path | str = SISTER_CITIES_CSV) -> list[SisterCityRow]:
    """Parse and check the whole file; raises DataFileError on the first bad row."""
    rows = []
    for row_number, row in read_csv(path, COLUMNS):
        try:
            status = row["match_status"]
            if not MATCH_STATUS.match(status):
                raise ValueError(
                    f"match_status {status!r} is not unique_name_match, alias_manual, state_level "
                    "or ambiguous_N_picked_largest"
                )
            length = 2 if status == STATE_LEVEL else 5
            mx_code = parse_digits(row["mx_cvegeo_guess"], column="mx_cvegeo_guess", length=length)
            mx_lat, mx_lon = parse_coordinates(row["mx_lat"], row["mx_lon"], prefix="mx_")
            partner_lat, partner_lon = parse_coordinates(
                row["partner_lat"], row["partner_lon"], prefix="partner_"
            )
            country = row["partner_country_iso2"]
            if len(country) != 2 or not country.isascii() or not country.isalpha() or not country.isupper():
                raise ValueError(f"partner_country_iso2 {country!r} is not a two-letter upper-case code")
            rows.append(
                SisterCityRow(
                    row=row_number,
                    mx_city=parse_text(row["mx_city"], column="mx_city", max_length=200),
                    mx_code=mx_code,
                    match_status=status,
                    mx_lat=mx_lat,
                    mx_lon=mx_lon,
                    partner_city=parse_text(row["partner_city"], column="partner_city", max_length=200),
                    partner_country=country,
                    partner_lat=partner_lat,
                    partner_lon=partner_lon,
                    source=parse_text(row["source"], column="source", max_length=200),
                )
            )
        except ValueError as exc:
            raise DataFileError(path, row_number, str(exc)) from None
    if not rows:
        raise DataFileError(path, None, "the file has a header but no rows")
    return rows


# --- Known relationships ------------------------------------------------------------------------------


@dataclass
class RelationshipReport:
    read: int = 0
    result: SyncResult | None = None
    merged: list[tuple[SisterCityRow, SisterCityRow, str]] = field(default_factory=list)  # row, into, why
    left_out: list[tuple[SisterCityRow, str]] = field(default_factory=list)
    # Loaded, but the 100 km name check could not run: the municipality or the list has no coordinates.
    unchecked: list[tuple[SisterCityRow, str]] = field(default_factory=list)

    @property
    def exact_duplicates(self) -> int:
        return sum(1 for *_, why in self.merged if why == "exact duplicate")


def load_known_relationships(rows: list[SisterCityRow]) -> RelationshipReport:
    """Agreements (source public_record) from the sister-city list; call inside a transaction.

    One Agreement per Mexican party (municipality, or state for state-level rows) and matched PartnerCity:
    exact duplicates and name variants of the same partner ("Old Havana (Havana)" / "Havana – Old Havana")
    merge into the first row; their sources are all kept in source_detail.
    """
    report = RelationshipReport(read=len(rows))
    states = {s.code: s for s in State.objects.all()}
    municipalities = {m.cvegeo: m for m in Municipality.objects.all()}
    countries = {c.iso2: c for c in Country.objects.all()}
    cities = existing_partner_cities()
    index = CityIndex(geonames_cities(MATCH_MIN_POPULATION), [r.city_ref for r in rows])

    desired: dict[Hashable, Agreement] = {}
    first_row: dict[Hashable, SisterCityRow] = {}
    sources: dict[Hashable, set[str]] = {}
    for row in rows:
        municipality = None
        if row.state_level:
            state = states.get(row.mx_code)
            if state is None:
                report.left_out.append((row, f"state {row.mx_code} is not in the catalogue"))
                continue
        else:
            municipality = municipalities.get(row.mx_code)
            if municipality is None:
                report.left_out.append((row, f"municipality {row.mx_code} is not in the catalogue"))
                continue
            state = states[municipality.state_id]
            if None in (municipality.latitude, row.mx_lat):
                missing = "the catalogue" if municipality.latitude is None else "the list"
                report.unchecked.append((row, f"no coordinates in {missing}: the name match is unverified"))
            else:
                km = haversine_km(row.mx_lat, row.mx_lon, municipality.latitude, municipality.longitude)
                if km > MAX_MX_DISTANCE_KM:
                    report.left_out.append(
                        (
                            row,
                            f"municipality {municipality.name}, {state.name} ({municipality.cvegeo}) lies "
                            f"{km:,.0f} km from the list's coordinates for {row.mx_city!r} (over "
                            f"{MAX_MX_DISTANCE_KM:,.0f} km): wrong name match",
                        )
                    )
                    continue
        country = countries.get(row.partner_country)
        if country is None:
            report.left_out.append((row, f"country {row.partner_country} is not in the catalogue"))
            continue
        city_key = partner_city_key(row.city_ref, match_partner_city(index, row.city_ref))
        city = cities.get(city_key)
        if city is None:
            report.left_out.append(
                (row, "the partner city is not in the catalogue: run load_catalogs with this file first")
            )
            continue

        key = (state.code, municipality.cvegeo if municipality else None, city.pk)
        if key in desired:
            into = first_row[key]
            same = (into.partner_city, into.partner_country) == (row.partner_city, row.partner_country)
            why = "exact duplicate" if same else f"name variant of {into.partner_city!r} (same partner city)"
            report.merged.append((row, into, why))
            sources[key].add(row.source)
            continue
        party = municipality.name if municipality else state.name
        first_row[key], sources[key] = row, {row.source}
        desired[key] = Agreement(
            title=f"Hermanamiento {party}–{city.name}",
            type=Agreement.Type.HERMANAMIENTO,
            status=Agreement.Status.DESCONOCIDO,
            level=Agreement.Level.ESTADO if municipality is None else Agreement.Level.MUNICIPIO,
            state=state,
            municipality=municipality,
            counterpart_name=city.name,
            counterpart_level=counterpart_level_of(city.name),
            partner_city=city,
            country=country,
            source=Agreement.Source.PUBLIC_RECORD,
            signed_on=None,
            valid_from=None,
            valid_until=None,
        )
    for key, agreement in desired.items():
        agreement.source_detail = "; ".join(sorted(sources[key]))[:200]

    existing = {
        (a.state_id, a.municipality_id, a.partner_city_id): a
        for a in Agreement.objects.filter(source=Agreement.Source.PUBLIC_RECORD)
    }
    report.result = sync_rows(
        Agreement,
        desired,
        existing,
        AGREEMENT_FIELDS,
        label="Known relationships",
        touch=lambda a: setattr(a, "updated_at", timezone.now()),
    )
    return report
