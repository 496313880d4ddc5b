"""Partner suggestions where people see them: /api/v1/municipalities/<cvegeo>/partner-suggestions/, the
municipality page and the wizard's partner step. The ranking itself is tested in test_matchmaking.py."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from matchmaking.scoring import suggest_partners
from partners.models import PartnerCity
from showcase.models import MunicipalityProfile
from tests.factories import AgreementFactory, PartnerCityFactory, WorkingFileFactory, official, showcase_world

pytestmark = pytest.mark.django_db

API = "/api/v1/municipalities/20067/partner-suggestions/"
KEYS = {
    "geonames_id", "name", "country", "country_name", "population", "latitude", "longitude", "distance_km",
    "score", "reasons",
}  # fmt: skip


@pytest.fixture
def world():
    return showcase_world()


def test_the_api_answers_best_first_with_the_documented_fields(client, world):
    response = client.get(API, {"limit": 3})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    found = response.json()
    assert [set(item) for item in found] == [KEYS] * 3
    assert [s["score"] for s in found] == sorted((s["score"] for s in found), reverse=True)
    expected = suggest_partners("20067", limit=3)
    assert [(s["name"], s["country"], s["geonames_id"]) for s in found] == [
        (s.name, s.country, s.geonames_id) for s in expected
    ]
    assert all(s["reasons"] and all(isinstance(r, str) for r in s["reasons"]) for s in found)
    # San Antonio is already Oaxaca's partner: never suggested.
    assert "San Antonio" not in [s["name"] for s in client.get(API, {"limit": 100}).json()]


def test_the_api_and_the_command_agree(client, world):
    out = StringIO()
    call_command("suggest_partners", "20067", "--limit", "3", "--format", "json", stdout=out)
    assert client.get(API, {"limit": 3}).json() == json.loads(out.getvalue())


def test_default_limit_and_null_geonames_id(client, world):
    for i in range(25):
        PartnerCityFactory(name=f"Villa {i}", country=world["countries"]["ES"], geonames_id=None)
    found = client.get(API).json()
    assert len(found) == 20
    assert None in [s["geonames_id"] for s in found]


@pytest.mark.parametrize(
    ("limit", "message"),
    [
        ("0", "Asegúrese de que este valor es mayor o igual a 1."),
        ("101", "Asegúrese de que este valor es menor o igual a 100."),
        ("diez", "Introduzca un número entero válido."),
    ],
)
def test_a_bad_limit_is_a_400_with_its_message(client, world, limit, message):
    response = client.get(API, {"limit": limit})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Parámetros no válidos: vea cada error en «errors».",
        "errors": {"limit": [message]},
    }


def test_errors_and_reasons_in_english(client, world):
    response = client.get(API, {"limit": "0"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["errors"] == {"limit": ["Ensure this value is greater than or equal to 1."]}
    MunicipalityProfile.objects.create(municipality_id="20067").desired_countries.set(["JP"])
    found = client.get(API, {"limit": 10}, HTTP_ACCEPT_LANGUAGE="en").json()
    kyoto = next(s for s in found if s["name"] == "Kioto")
    assert kyoto["country_name"] == "Japan"
    assert "In a country your municipality is interested in" in kyoto["reasons"]


def test_an_unknown_municipality_is_a_404(client, world):
    response = client.get("/api/v1/municipalities/99999/partner-suggestions/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No existe un municipio con esa clave geoestadística."}
    assert client.get("/api/v1/municipalities/123/partner-suggestions/").status_code == 404


def test_a_new_relationship_counts_at_once(client, world):
    before = [s["name"] for s in client.get(API, {"limit": 100}).json()]
    assert "Vancouver" in before
    AgreementFactory(
        municipality=world["municipalities"]["oaxaca"], partner_city=world["cities"]["vancouver"]
    )
    after = [s["name"] for s in client.get(API, {"limit": 100}).json()]
    assert "Vancouver" not in after and len(after) == len(before) - 1


def test_an_edited_profile_counts_at_once(client, world):
    def kyoto_reasons():
        return next(s for s in client.get(API, {"limit": 100}).json() if s["name"] == "Kioto")["reasons"]

    assert "Está en un país de interés para su municipio" not in kyoto_reasons()
    MunicipalityProfile.objects.create(municipality_id="20067").desired_countries.set(["JP"])
    assert "Está en un país de interés para su municipio" in kyoto_reasons()


@pytest.mark.parametrize("rows", [1, 50])
def test_api_query_count_is_constant(client, world, django_assert_num_queries, rows):
    for i in range(rows):
        city = PartnerCityFactory(name=f"Ciudad {i}", country=world["countries"]["ES"])
        AgreementFactory(municipality=world["municipalities"]["tequila"], partner_city=city)
    client.get(API)
    # Cached under the registry version: the version, then the profile (none here).
    with django_assert_num_queries(2):
        assert client.get(API).status_code == 200


def test_the_schema_types_the_endpoint(client, world):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
    schema = client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/municipalities/{cvegeo}/partner-suggestions/"]["get"]
    assert [p["name"] for p in operation["parameters"]] == ["cvegeo", "limit"]
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["type"] == "array"
    component = schema["components"]["schemas"][ok["items"]["$ref"].split("/")[-1]]
    assert set(component["properties"]) == KEYS
    assert component["properties"]["geonames_id"]["nullable"] is True
    assert set(operation["responses"]) == {"200", "400", "404", "429"}


# --- On the municipality page ------------------------------------------------------------------------------
def test_the_municipality_page_shows_suggestions_with_reasons(client, world):
    html = client.get("/municipios/20067/").content.decode()
    section = html.split('<section id="sugerencias"')[1]
    names = re.findall(r'<h3 class="suggestion-name">([^<]+)<', section)
    assert names == [s.name for s in suggest_partners("20067", limit=10)]
    assert section.count('<ul class="reasons" aria-label="Por qué se sugiere">') == len(names)
    assert "No expresan la postura del municipio." in section
    assert '<a href="/api/v1/municipalities/20067/partner-suggestions/">' in section


# --- In the wizard's partner step --------------------------------------------------------------------------
@pytest.fixture
def draft(world):
    oaxaca = world["municipalities"]["oaxaca"]
    return WorkingFileFactory(municipality=oaxaca, created_by=official(oaxaca)), oaxaca


def test_the_partner_step_offers_five_suggestions(client, draft):
    wf, oaxaca = draft
    client.force_login(wf.created_by)
    html = client.get(f"/expedientes/{wf.pk}/pasos/contraparte/").content.decode()
    expected = suggest_partners("20067", limit=5)
    assert html.count('class="button button-secondary button-small use-suggestion"') == len(expected)
    first = PartnerCity.objects.get(pk=expected[0].city_id)
    assert f'href="?ciudad={first.pk}#campo-ciudad"' in html
    assert f'data-city-id="{first.pk}" data-city-label="{first.name}, {first.country.name}"' in html
    assert '<script src="/static/js/profile-suggestions.js" defer></script>' in html


def test_choosing_a_suggestion_without_javascript_fills_the_city(client, draft):
    wf, oaxaca = draft
    client.force_login(wf.created_by)
    chosen = PartnerCity.objects.get(pk=suggest_partners("20067", limit=5)[1].city_id)
    html = client.get(f"/expedientes/{wf.pk}/pasos/contraparte/?ciudad={chosen.pk}").content.decode()
    assert f'name="ciudad" value="{chosen.name}, {chosen.country.name}"' in html
    assert f'<input type="hidden" name="ciudad_id" value="{chosen.pk}" id="id_ciudad_id">' in html
    # A city that is not among the suggestions is ignored.
    html = client.get(f"/expedientes/{wf.pk}/pasos/contraparte/?ciudad=999999").content.decode()
    assert 'name="ciudad_id" id="id_ciudad_id"' in html and 'value="999999"' not in html
