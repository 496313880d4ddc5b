"""Every statistic is computed from the database; each test compares it with an independent count."""

import pytest

from agreements.models import Agreement
from core.versioning import current_version
from municipalities.models import Municipality
from registry import statistics
from registry.catalogs import get_catalogs
from registry.filters import AgreementFilterSet


def compute(name: str, data: dict | None = None):
    filterset = AgreementFilterSet(data or {})
    assert filterset.is_valid()
    return statistics.compute(name, filterset.qs, filterset.catalogs)


def test_by_state_matches_independent_counts(sample, world):
    total, rows = compute("by-state")
    assert total == Agreement.objects.count() == 7
    by_code = {row["code"]: row for row in rows}
    assert set(by_code) == {"09", "14", "20"}  # every state, those without agreements too
    for code in by_code:
        agreements = Agreement.objects.filter(state_id=code)
        municipalities = Municipality.objects.filter(state_id=code)
        with_agreements = municipalities.filter(agreements__isnull=False).distinct().count()
        population = sum(m.population_2020 or 0 for m in municipalities)
        assert by_code[code]["agreements"] == agreements.count()
        assert by_code[code]["municipalities"] == municipalities.count()
        assert by_code[code]["municipalities_with_agreements"] == with_agreements
        assert by_code[code]["population"] == population
        assert by_code[code]["share_municipalities"] == round(with_agreements / municipalities.count(), 4)
    jalisco = by_code["14"]
    assert (jalisco["agreements"], jalisco["municipalities_with_agreements"], jalisco["municipalities"]) == (
        5,
        3,
        3,
    )
    # 5 agreements / (1,385,629 + 291,839 + 46,132) inhabitants * 1,000,000
    assert jalisco["agreements_per_million"] == round(5 / 1_723_600 * 1_000_000, 2) == 2.9
    assert by_code["09"] == {
        "code": "09",
        "name": "Ciudad de México",
        "agreements": 0,
        "population": 545_884,
        "agreements_per_million": 0.0,
        "municipalities": 1,
        "municipalities_with_agreements": 0,
        "share_municipalities": 0.0,
    }


def test_by_population_band_shows_who_takes_part(sample, world):
    total, rows = compute("by-population-band")
    assert total == 7  # every agreement; the state-level one has no municipality, hence no band
    assert [
        (r["band"], r["municipalities"], r["municipalities_with_agreements"], r["agreements"]) for r in rows
    ] == [
        ("lt2500", 1, 1, 1),  # Abejones
        ("2500-14999", 0, 0, 0),
        ("15000-49999", 1, 1, 1),  # Tequila
        ("50000-99999", 0, 0, 0),
        ("100000-499999", 2, 2, 2),  # Puerto Vallarta, Oaxaca de Juárez
        ("500000+", 2, 1, 2),  # Guadalajara (2 agreements); Cuauhtémoc has none
    ]
    assert rows[-1]["share_municipalities"] == 0.5


def test_by_country_and_region(sample, world):
    total, rows = compute("by-country")
    assert total == 7
    assert [(r["iso2"], r["agreements"], r["municipalities"]) for r in rows] == [
        ("JP", 3, 2),  # Guadalajara, Puerto Vallarta and the state of Jalisco
        ("US", 2, 2),
        ("ES", 1, 1),
        ("FR", 1, 1),
    ]
    for row in rows:
        assert row["agreements"] == Agreement.objects.filter(country_id=row["iso2"]).count()
    total, rows = compute("by-region")
    assert [(r["code"], r["level"], r["agreements"], r["countries"]) for r in rows] == [
        ("142", "region", 3, 1),
        ("030", "subregion", 3, 1),
        ("019", "region", 2, 1),
        ("021", "subregion", 2, 1),
        ("150", "region", 2, 2),
        ("039", "subregion", 1, 1),
        ("155", "subregion", 1, 1),
    ]


def test_by_year_fills_the_gaps_and_counts_the_undated(sample):
    total, rows = compute("by-year", {"country": "JP"})
    assert total == 3
    assert rows == [
        {"year": 2015, "agreements": 2},
        {"year": 2016, "agreements": 0},
        {"year": 2017, "agreements": 0},
        {"year": 2018, "agreements": 0},
        {"year": 2019, "agreements": 1},
    ]
    total, rows = compute("by-year", {"country": "ES"})
    assert (total, rows) == (1, [{"year": None, "agreements": 1}])


def test_by_type_theme_and_source(sample):
    assert compute("by-type")[1] == [
        {"type": "hermanamiento", "label": "Hermanamiento", "agreements": 5},
        {"type": "cooperacion", "label": "Cooperación", "agreements": 1},
        {"type": "memorando", "label": "Memorando de entendimiento", "agreements": 1},
    ]
    total, rows = compute("by-theme")
    counts = {row["theme"]: row["agreements"] for row in rows}
    assert total == 7
    assert {k: v for k, v in counts.items() if v} == {
        "cultural": 1,
        "educativa": 1,
        "economica": 1,
        "turistica": 1,
        "ambiental": 1,
        "": 3,  # without any theme: Tequila–Sevilla, Oaxaca–San Antonio, Jalisco–Kioto
    }
    assert counts[""] == Agreement.objects.filter(themes=None).count()
    assert [(r["source"], r["agreements"]) for r in compute("by-source")[1]] == [
        ("rai", 1),
        ("public_record", 5),
        ("synthetic", 1),
    ]


def test_top_municipalities(sample):
    total, rows = compute("top-municipalities")
    assert [(r["cvegeo"], r["agreements"]) for r in rows] == [
        ("14039", 2),
        ("20001", 1),  # ties by name: Abejones, Oaxaca de Juárez, Puerto Vallarta, Tequila
        ("20067", 1),
        ("14067", 1),
        ("14094", 1),
    ]


def test_statistics_follow_the_filters(sample):
    total, rows = compute("by-state", {"q": "hermanamiento", "year_from": "2000"})
    # Puerto Vallarta–Osaka (2019), Oaxaca–San Antonio (2015), Jalisco–Kioto (2015)
    assert total == 3
    assert {row["code"]: row["agreements"] for row in rows} == {"09": 0, "14": 2, "20": 1}


def test_compute_all_equals_each_one(sample):
    filterset = AgreementFilterSet({"state": "14"})
    assert filterset.is_valid()
    catalogs = get_catalogs(current_version())
    together = statistics.compute_all(filterset.qs, catalogs)
    assert set(together) == set(statistics.STATISTICS)
    for name in statistics.STATISTICS:
        assert together[name] == statistics.compute(name, filterset.qs, catalogs), name


@pytest.mark.parametrize("name", list(statistics.STATISTICS))
def test_statistics_of_an_empty_registry(world, name):
    total, rows = compute(name)
    assert total == 0
    assert all(row.get("agreements", 0) == 0 for row in rows)
