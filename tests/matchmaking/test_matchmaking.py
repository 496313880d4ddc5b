"""Partner suggestions on a small, hand-built world where every score can be reasoned about."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from agreements.models import Agreement
from matchmaking import scoring as matchmaking
from matchmaking.evaluation import evaluate, rank
from partners.models import PartnerCity, WorldTwinLink
from showcase.models import MunicipalityProfile
from tests.factories import (
    AgreementFactory,
    CountryFactory,
    MunicipalityFactory,
    PartnerCityFactory,
    StateFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_catalogue():
    """The catalogue is cached per process; each test builds its own world."""
    matchmaking.forget_catalogue()
    yield
    matchmaking.forget_catalogue()


@pytest.fixture
def world():
    """Two states, five municipalities, cities in the US, Spain and Japan."""
    tamaulipas = StateFactory(code="28", name="Tamaulipas", abbreviation="Tamps.")
    oaxaca = StateFactory(code="20", name="Oaxaca", abbreviation="Oax.")
    us = CountryFactory(iso2="US", iso3="USA", name_es="Estados Unidos", name_en="United States")
    es = CountryFactory(iso2="ES", iso3="ESP", name_es="España", name_en="Spain")
    jp = CountryFactory(iso2="JP", iso3="JPN", name_es="Japón", name_en="Japan")

    def muni(cvegeo, name, state, pop, lat, lon):
        return MunicipalityFactory(
            cvegeo=cvegeo, code=cvegeo[2:], name=name, seat_name=name, state=state,
            population_2020=pop, latitude=lat, longitude=lon,
        )  # fmt: skip

    m = {
        "reynosa": muni("28032", "Reynosa", tamaulipas, 700_000, 26.09, -98.28),
        "matamoros": muni("28022", "Matamoros", tamaulipas, 540_000, 25.87, -97.50),
        "rio_bravo": muni("28033", "Río Bravo", tamaulipas, 130_000, 25.99, -98.09),
        "oaxaca": muni("20067", "Oaxaca de Juárez", oaxaca, 270_000, 17.06, -96.72),
        "merida": muni("20999", "Mérida", oaxaca, 900_000, 17.5, -96.5),  # namesake test
    }

    def city(name, country, pop, lat, lon, twins=0):
        return PartnerCityFactory(
            name=name, country=country, population=pop, latitude=lat, longitude=lon, world_twin_count=twins
        )

    c = {
        "mcallen": city("McAllen", us, 140_000, 26.20, -98.23),
        "brownsville": city("Brownsville", us, 180_000, 25.90, -97.50),
        "pharr": city("Pharr", us, 79_000, 26.19, -98.18),
        "seattle": city("Seattle", us, 740_000, 47.6, -122.3, twins=21),
        "merida_es": city("Mérida", es, 60_000, 38.9, -6.3),
        "sevilla": city("Sevilla", es, 690_000, 37.4, -6.0, twins=10),
        "kyoto": city("Kyoto", jp, 1_460_000, 35.0, 135.8, twins=9),
    }
    rel = {
        "reynosa_mcallen": AgreementFactory(municipality=m["reynosa"], partner_city=c["mcallen"]),
        "matamoros_mcallen": AgreementFactory(municipality=m["matamoros"], partner_city=c["mcallen"]),
        "matamoros_brownsville": AgreementFactory(municipality=m["matamoros"], partner_city=c["brownsville"]),
        "oaxaca_kyoto": AgreementFactory(municipality=m["oaxaca"], partner_city=c["kyoto"]),
    }
    WorldTwinLink.objects.create(city=min(c["kyoto"], c["sevilla"], key=lambda x: x.pk),
                                 twin=max(c["kyoto"], c["sevilla"], key=lambda x: x.pk))  # fmt: skip
    return {"m": m, "c": c, "rel": rel}


def names(suggestions):
    return [s.name for s in suggestions]


def test_suggestions_leave_out_cities_already_tied(world):
    suggested = names(matchmaking.suggest_partners("28022", limit=50))
    assert "McAllen" not in suggested and "Brownsville" not in suggested
    assert len(suggested) == PartnerCity.objects.count() - 2


def test_similar_nearby_municipalities_partners_come_first_with_the_reason(world):
    with translation.override("es-mx"):
        suggestions = matchmaking.suggest_partners("28033", limit=3)  # Río Bravo: no partner yet
    # Both are partners of nearby Tamaulipas municipalities; McAllen of two, Brownsville of one.
    assert names(suggestions)[:2] == ["McAllen", "Brownsville"]
    mcallen = suggestions[0]
    assert mcallen.reasons[0] == "2 municipios mexicanos ya tienen relación con esta ciudad"
    assert "2 de ellos están en Tamaulipas" in mcallen.reasons
    assert any(r.startswith("Cercanía fronteriza: a ") for r in mcallen.reasons)


def test_reasons_follow_the_language(world):
    with translation.override("en"):
        mcallen = matchmaking.suggest_partners("28033", limit=1)[0]
    assert mcallen.reasons[0] == "2 Mexican municipalities already have a relationship with this city"


def test_namesake_city_is_suggested_and_explained(world):
    with translation.override("es-mx"):
        suggestions = matchmaking.suggest_partners("20999", limit=3)
    merida = next(s for s in suggestions if s.name == "Mérida")
    assert "Ciudad homónima" in merida.reasons


def test_twin_of_an_own_partner_is_explained(world):
    with translation.override("es-mx"):
        suggestions = matchmaking.suggest_partners("20067", limit=10)
    sevilla = next(s for s in suggestions if s.name == "Sevilla")
    assert "Hermanada con Kyoto, socia de su municipio" in sevilla.reasons


def test_declared_country_of_interest_lifts_its_cities(world):
    before = names(matchmaking.suggest_partners("20067", limit=10))
    profile = MunicipalityProfile.objects.create(municipality=world["m"]["oaxaca"])
    profile.desired_countries.add("JP", "ES")
    with translation.override("es-mx"):
        after = matchmaking.suggest_partners("20067", limit=10)
    assert names(after).index("Sevilla") < before.index("Sevilla")
    assert "Está en un país de interés para su municipio" in after[names(after).index("Sevilla")].reasons


def test_hidden_relationship_leaves_no_trace(world):
    """Hiding a pair in memory gives exactly the scores of a database where the pair was never recorded."""
    cat = matchmaking.catalogue()
    everything = matchmaking.known_relationships()
    hidden = world["rel"]["reynosa_mcallen"]
    rest = [r for r in everything if (r.municipality, r.city) != ("28032", hidden.partner_city_id)]
    assert len(rest) == len(everything) - 1
    in_memory, ev_memory, _ = matchmaking.Matchmaker(cat, rest).scores("28032")

    Agreement.objects.filter(pk=hidden.pk).delete()
    matchmaking.forget_catalogue()
    from_database, ev_database, _ = matchmaking.Matchmaker(
        matchmaking.catalogue(), matchmaking.known_relationships()
    ).scores("28032")

    assert in_memory == from_database
    assert ev_memory.popular == ev_database.popular
    assert dict(ev_memory.cf) == dict(ev_database.cf)
    assert ev_memory.country_state == ev_database.country_state
    # Without the pair, McAllen is a candidate again (not excluded as an existing partner).
    assert from_database[cat.position[hidden.partner_city_id]] > float("-inf")


def test_rank_counts_better_cities_and_skips_excluded_ones():
    scores = [5.0, 9.0, 7.0, 7.0, 1.0]
    tiebreak = [0.1, 0.2, 0.9, 0.3, 0.5]
    assert rank(scores, 2, set(), tiebreak) == 3  # 9.0 and the tied 7.0 with the lower tiebreak
    assert rank(scores, 2, {1}, tiebreak) == 2
    assert rank(scores, 1, set(), tiebreak) == 1


def test_evaluation_counts_pairs_and_beats_baselines_on_the_border_cluster(world):
    cat = matchmaking.catalogue()
    result = evaluate(cat, matchmaking.known_relationships())
    assert (result.pool, result.pairs, result.evaluated, result.state_level_skipped) == (7, 4, 4, 0)
    by_name = {m.name: m for m in result.methods}
    assert list(by_name) == ["matchmaker", "random", "nearest population", "most popular"]
    # Hiding Reynosa–McAllen: the matchmaker ranks McAllen first (Matamoros, similar and nearby, has it).
    assert by_name["matchmaker"].ranks[0] == 1
    assert by_name["matchmaker"].mrr >= by_name["most popular"].mrr


def test_suggest_partners_command_json(world):
    out = StringIO()
    call_command("suggest_partners", "28033", "--limit", "2", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    assert [r["name"] for r in rows] == ["McAllen", "Brownsville"]
    assert rows[0]["geonames_id"] == world["c"]["mcallen"].geonames_id
    assert rows[0]["country"] == "US"
    assert rows[0]["score"] >= rows[1]["score"]
    assert rows[0]["reasons"] and all(isinstance(r, str) for r in rows[0]["reasons"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["99999"], "No municipality with the INEGI code '99999'"),
        (["28033", "--limit", "0"], "--limit must be between 1 and 100"),
    ],
)
def test_suggest_partners_command_rejects_bad_input(world, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("suggest_partners", *args, stdout=StringIO())


def test_evaluate_suggestions_command_prints_the_table(world):
    out = StringIO()
    call_command("evaluate_suggestions", stdout=out)
    text = out.getvalue()
    assert "Pool: every partner city, 7 cities" in text
    assert "4 municipal relationships hidden in turn; 4 evaluated, 0 could not be ranked" in text
    for method in ("matchmaker", "random", "nearest population", "most popular"):
        assert f"\n{method}" in text


def test_a_single_related_municipality_of_the_same_state_is_said_plainly(world):
    # Río Bravo's only neighbour tied to Brownsville is Matamoros, also in Tamaulipas.
    with translation.override("es-mx"):
        brownsville = next(
            s for s in matchmaking.suggest_partners("28033", limit=5) if s.name == "Brownsville"
        )
    assert brownsville.reasons[:2] == [
        "1 municipio mexicano ya tiene relación con esta ciudad",
        "Ese municipio también es de Tamaulipas",
    ]
