"""The partner-city matcher, the M49 table and the country names, without the database."""

import pytest

from core.loading import DataFileError, haversine_km, normalize_name
from partners.loaders import (
    M49_CSV,
    MATCH_MIN_POPULATION,
    CityIndex,
    CityRef,
    build_countries,
    build_regions,
    geonames_cities,
    match_partner_city,
    name_variants,
    partner_city_key,
    read_m49,
)


def city(geonameid, name, country, lat, lon, population=10_000, alternatenames=()):
    return {
        "geonameid": geonameid,
        "name": name,
        "countrycode": country,
        "latitude": lat,
        "longitude": lon,
        "population": population,
        "admin1code": "01",
        "alternatenames": list(alternatenames),
    }


CITIES = [
    city(1, "Havana", "CU", 23.13, -82.38, 2_163_824, ["La Habana", "Habana"]),
    city(2, "Cerro", "CU", 23.10, -82.38, 130_000),
    city(3, "Santafé", "ES", 37.19, -3.72, 15_430),
    city(4, "Douglas", "US", 31.34, -109.55, 16_592),
    city(5, "Douglas", "US", 41.83, -87.61, 20_323),
    city(6, "San Ysidro", "US", 35.56, -106.77, 2_090),
    city(7, "San Diego", "US", 32.72, -117.16, 1_394_928),
    city(8, "Guadalajara", "ES", 40.63, -3.17, 93_470),
    city(9, "Guadalajara", "MX", 20.67, -103.35, 1_385_629),
    city(10, "Kyōto", "JP", 35.02, 135.75, 1_459_640, ["Kioto", "Kyoto"]),
]


def match(name, country, lat=None, lon=None):
    ref = CityRef(country, name, lat, lon)
    return match_partner_city(CityIndex(CITIES, [ref]), ref)


def test_normalize_name_ignores_accents_case_spaces_and_punctuation():
    assert normalize_name("Santa Fe") == normalize_name("Santafé") == normalize_name("SANTA-FE") == "santafe"
    assert normalize_name("Kyōto") == normalize_name("kyoto")
    assert normalize_name("Bağcılar") == "bagcılar"


def test_haversine_km():
    assert haversine_km(0, 0, 0, 0) == 0
    assert round(haversine_km(19.4326, -99.1332, 20.6767, -103.3475)) == 461  # CDMX - Guadalajara
    assert round(haversine_km(0, 0, 0, 180)) == 20015


def test_name_variants():
    assert name_variants("Old Havana (Havana)") == ["Old Havana (Havana)", "Old Havana", "Havana"]
    assert name_variants("Havana – Cerro") == ["Havana – Cerro", "Cerro", "Havana"]
    assert name_variants("Kyoto") == ["Kyoto"]
    assert name_variants("Burgo de Osma-Ciudad de Osma") == ["Burgo de Osma-Ciudad de Osma"]


def test_match_by_alternate_name_and_without_accents():
    assert match("Kyoto", "JP", 35.0, 135.7).city["geonameid"] == 10
    assert match("La Habana", "CU", 23.1, -82.4).city["geonameid"] == 1
    assert match("Santa Fe", "ES", 37.1895, -3.7184).city["geonameid"] == 3


def test_match_stays_in_the_country():
    assert (
        match("Guadalajara", "ES", 20.67, -103.35).city["geonameid"] == 8
    )  # Mexican coordinates, Spanish city
    assert match("Kyoto", "CN", 35.0, 135.7) is None


def test_match_takes_the_nearest_namesake():
    found = match("Douglas", "US", 31.0, -109.0)
    assert (found.city["geonameid"], found.near) == (4, True)
    assert found.distance_km == pytest.approx(haversine_km(31.0, -109.0, 31.34, -109.55))


def test_match_with_wrong_coordinates_takes_the_most_populous_namesake():
    found = match("Douglas", "US", 39.76, -88.22 + 30)  # no namesake within 100 km
    assert (found.city["geonameid"], found.near) == (5, False)
    assert found.distance_km > 100


def test_match_without_coordinates_takes_the_most_populous_namesake():
    found = match("Douglas", "US")
    assert (found.city["geonameid"], found.near, found.distance_km) == (5, True, None)


def test_match_compound_names():
    assert match("Havana – Cerro", "CU", 23.10, -82.38).city["geonameid"] == 2
    old_havana = match("Old Havana (Havana)", "CU", 23.136, -82.35)
    assert (old_havana.city["geonameid"], old_havana.via) == (1, "Havana")
    # San Ysidro is a San Diego district: the New Mexico namesake is 970 km away, San Diego itself is near.
    assert match("San Ysidro (San Diego)", "US", 32.715, -117.1625).city["geonameid"] == 7


def test_match_none_and_the_key_of_an_unmatched_city():
    ref = CityRef("IE", "County Wexford", 52.5, -6.75)
    assert match_partner_city(CityIndex(CITIES, [ref]), ref) is None
    assert partner_city_key(ref, None) == ("IE", "County Wexford")
    found = match("Kyoto", "JP", 35.0, 135.7)
    assert partner_city_key(CityRef("JP", "Kyoto"), found) == 10


def test_match_on_geonames_finds_small_towns():
    refs = [
        CityRef("US", "Kennett Square", 36.2403, -90.0481),
        CityRef("ES", "Guadalajara", 20.6767, -103.3475),
    ]
    index = CityIndex(geonames_cities(MATCH_MIN_POPULATION), refs)
    kennett = match_partner_city(index, refs[0])
    assert (kennett.city["geonameid"], kennett.city["population"], kennett.near) == (4558942, 6167, False)
    assert match_partner_city(index, refs[1]).city["geonameid"] == 3121070


def test_m49_table():
    m49 = read_m49(M49_CSV)
    assert len(m49) == 250
    assert (m49["MX"], m49["JP"], m49["ES"], m49["US"]) == (
        ("019", "013"),
        ("142", "030"),
        ("150", "039"),
        ("019", "021"),
    )
    assert m49["AQ"] == (None, None)
    assert [iso2 for iso2, codes in m49.items() if codes == (None, None)] == ["AQ"]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("FR,150,013", "row 3: subregion_code '013' is not a sub-region of region '150'"),
        ("FR,151,151", "row 3: region_code '151' is not one of 002, 019, 142, 150, 009"),
        ("fr,150,155", "row 3: iso2 'fr' is not a two-letter upper-case code"),
        ("DE,150,155", "row 3: DE appears twice"),
        ("FR,150,", "row 3: region_code and subregion_code must be both given or both blank"),
    ],
)
def test_m49_table_malformed(tmp_path, line, problem):
    path = tmp_path / "m49.csv"
    path.write_text(f"iso2,region_code,subregion_code\nDE,150,155\n{line}\n", encoding="utf-8")
    with pytest.raises(DataFileError) as excinfo:
        read_m49(path)
    assert str(excinfo.value) == f"{path}, {problem}"


def test_regions_from_cldr():
    regions = build_regions()
    assert len(regions) == 27
    assert list(regions)[:5] == ["002", "019", "142", "150", "009"]  # regions before their sub-regions
    assert (regions["150"].name_es, regions["150"].name_en, regions["150"].parent_id) == (
        "Europa",
        "Europe",
        None,
    )
    assert (regions["030"].name_es, regions["030"].parent_id) == ("Asia oriental", "142")


def test_countries_from_cldr_and_pycountry():
    countries = build_countries(read_m49(M49_CSV))
    assert len(countries) == 250
    names = {iso2: (c.name_es, c.name_en, c.iso3) for iso2, c in countries.items()}
    assert names["RU"] == ("Rusia", "Russia", "RUS")
    assert names["KR"] == ("Corea del Sur", "South Korea", "KOR")
    assert names["TW"] == ("Taiwán", "Taiwan", "TWN")
    assert names["XK"] == ("Kosovo", "Kosovo", "")
    assert (countries["MX"].region_id, countries["MX"].subregion_id) == ("019", "013")
