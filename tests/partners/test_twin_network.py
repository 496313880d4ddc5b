import pytest

from core.loading import DataFileError
from partners.models import PartnerCity, WorldTwinLink
from partners.twin_network import read_pairs, sync_world_twins
from tests.factories import CountryFactory, PartnerCityFactory

pytestmark = pytest.mark.django_db

HEADER = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"


@pytest.fixture
def cities():
    fr, al = CountryFactory(iso2="FR", name_es="Francia", name_en="France"), CountryFactory(iso2="AL")
    return {
        "berat": PartnerCityFactory(name="Berat", country=al, latitude=40.7058, longitude=19.9522),
        "fermo": PartnerCityFactory(name="Fermo", country=fr, latitude=43.1609, longitude=13.7181),
        "lyon": PartnerCityFactory(name="Lyon", country=fr, latitude=45.75, longitude=4.85),
    }


def write(tmp_path, body):
    path = tmp_path / "pairs.csv"
    path.write_text(HEADER + body)
    return path


def test_pairs_match_by_name_nearby_or_by_position(tmp_path, cities):
    path = write(
        tmp_path,
        "Berat,Albania,40.7022,19.9583,Fermo,Italy,43.1608,13.7158\n"  # same names, a few km off
        "Bérat,Albania,40.7050,19.9530,Lyons,France,45.7500,4.8500\n"  # other spellings, same places
        "Berat,Albania,40.7022,19.9583,Tiny Town,Italy,44.0,12.0\n",  # not in the catalogue
    )
    report = sync_world_twins(read_pairs(path))
    links = {
        (link.city.name, link.twin.name) for link in WorldTwinLink.objects.select_related("city", "twin")
    }
    assert {tuple(sorted(pair)) for pair in links} == {("Berat", "Fermo"), ("Berat", "Lyon")}
    assert (report.pairs_read, report.sides_matched, report.sides_unmatched, report.links) == (3, 5, 1, 2)
    counts = dict(PartnerCity.objects.values_list("name", "world_twin_count"))
    assert counts == {"Berat": 2, "Fermo": 1, "Lyon": 1}


def test_second_run_changes_nothing_and_a_removed_pair_is_dropped(tmp_path, cities):
    both = (
        "Berat,Albania,40.7022,19.9583,Fermo,Italy,43.1608,13.7158\n"
        "Berat,Albania,40.7,19.95,Lyon,France,45.75,4.85\n"
    )
    sync_world_twins(read_pairs(write(tmp_path, both)))
    again = sync_world_twins(read_pairs(write(tmp_path, both)))
    assert not again.changed
    fewer = sync_world_twins(read_pairs(write(tmp_path, both.splitlines()[0] + "\n")))
    assert (fewer.links_created, fewer.links_deleted, fewer.counts_updated) == (0, 1, 2)
    assert dict(PartnerCity.objects.values_list("name", "world_twin_count")) == {
        "Berat": 1,
        "Fermo": 1,
        "Lyon": 0,
    }


def test_malformed_coordinate_names_file_and_row(tmp_path):
    path = write(tmp_path, "Berat,Albania,40.7,19.9,Fermo,Italy,north,13.7\n")
    with pytest.raises(DataFileError, match=r"pairs.csv, row 2: lat2 'north' is not a number"):
        read_pairs(path)
