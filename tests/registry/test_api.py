"""The open API: the same filters and numbers as the pages, JSON and CSV, clear errors in two languages."""

import csv
import io

import pytest
from django.core.management import call_command
from rest_framework.throttling import AnonRateThrottle

from agreements.models import Agreement


def csv_rows(response) -> list[dict]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_agreements_list_filters_like_the_page(sample, client):
    data = client.get("/api/v1/agreements/?country=JP&state=14").json()
    assert data["count"] == 3
    assert {item["title"] for item in data["results"]} == {
        "Acuerdo de cooperación cultural Guadalajara–Kioto",
        "Hermanamiento Puerto Vallarta–Osaka",
        "Hermanamiento Jalisco–Prefectura de Kioto",
    }
    first = data["results"][0]  # newest first: Puerto Vallarta–Osaka, 2019
    assert first == {
        "id": sample["vallarta_osaka"].pk,
        "registration_number": "RAI-2019-0001",
        "title": "Hermanamiento Puerto Vallarta–Osaka",
        "type": "hermanamiento",
        "type_label": "Hermanamiento",
        "level": "municipio",
        "level_label": "Municipio",
        "state": {"code": "14", "name": "Jalisco"},
        "municipality": {"cvegeo": "14067", "name": "Puerto Vallarta"},
        "mx_signatory_office": "",
        "counterpart_name": "Osaka",
        "counterpart_level": "ciudad",
        "counterpart_level_label": "Ciudad o municipio",
        "partner_city": {"id": sample["vallarta_osaka"].partner_city_id, "name": "Osaka"},
        "country": {"iso2": "JP", "name": "Japón"},
        "signed_place": "",
        "signed_on": "2019-01-10",
        "dictamen_on": None,
        "registered_on": None,
        "valid_from": None,
        "valid_until": None,
        "themes": ["turistica"],
        "status": "vigente",
        "status_label": "Vigente",
        "languages": [],
        "source": "rai",
        "source_label": "Inscrito en el Registro de Acuerdos Interinstitucionales (SRE)",
        "page_url": f"/registro/{sample['vallarta_osaka'].pk}/",
    }


def test_agreements_labels_follow_accept_language(sample, client):
    data = client.get("/api/v1/agreements/?source=public_record&country=ES", HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["count"] == 1
    item = data["results"][0]
    assert item["country"] == {"iso2": "ES", "name": "Spain"}
    assert item["source_label"] == "Known relationship (source: Wikipedia) — not an official inscription"


def test_agreements_csv_has_every_row_not_one_page(world, client):
    for i in range(60):
        world.agreement(world.guadalajara, world.kyoto, title=f"=Acuerdo {i}", themes=["cultural", "salud"])
    assert client.get("/api/v1/agreements/").json()["count"] == 60
    response = client.get("/api/v1/agreements/?format=csv&country=JP")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="acuerdos.csv"'
    rows = csv_rows(response)
    assert len(rows) == 60
    assert rows[0]["title"].startswith("'=Acuerdo")  # no spreadsheet formula
    assert rows[0]["themes"] == "cultural;salud"
    assert rows[0]["source_label"] == "Relación conocida (fuente: Wikipedia) — no es una inscripción oficial"
    assert (rows[0]["state_code"], rows[0]["municipality_cvegeo"], rows[0]["country_iso2"]) == (
        "14",
        "14039",
        "JP",
    )


def test_pagination(world, client):
    for i in range(12):
        world.agreement(world.guadalajara, world.kyoto, title=f"Acuerdo {i:02d}")
    data = client.get("/api/v1/agreements/?page_size=5&page=3&sort=title").json()
    assert data["count"] == 12
    assert [item["title"] for item in data["results"]] == ["Acuerdo 10", "Acuerdo 11"]
    assert data["next"] is None
    assert data["previous"].endswith("/api/v1/agreements/?page=2&page_size=5&sort=title")
    response = client.get("/api/v1/agreements/?page=9")
    assert response.status_code == 404
    assert response.json() == {"detail": "Página inválida."}


@pytest.mark.parametrize("number", ["abc", "0", "-1", "1.5"])
def test_a_page_that_is_not_a_number_is_a_400(world, client, number):
    for path in ("/api/v1/agreements/", "/api/v1/municipalities/"):
        response = client.get(f"{path}?page={number}")
        assert response.status_code == 400
        assert response.json() == {
            "detail": "Parámetros no válidos: vea cada error en «errors».",
            "errors": {"page": [f"«{number}» no es un número de página: use 1, 2, 3…"]},
        }


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/agreements/999999/",
        "/api/v1/municipalities/99999/",
        "/api/v1/states/99/",
        "/api/v1/countries/ZZ/",
        "/api/v1/partner-cities/999999/",
    ],
)
def test_an_unknown_record_is_a_404_in_the_requested_language(world, client, path):
    response = client.get(path)
    assert (response.status_code, response.json()) == (404, {"detail": "No encontrado."})
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


@pytest.mark.parametrize(
    ("query", "language", "errors"),
    [
        ("state=99", "es", {"state": ["«99» no es una clave de estado del INEGI (de 01 a 32)."]}),
        ("state=99", "en", {"state": ["“99” is not an INEGI state code (01 to 32)."]}),
        (
            "year_from=2020&year_to=2010&theme=war",
            "es",
            {
                "theme": ["«war» no es un tema del catálogo."],
                "year_to": ["El año final (2010) es anterior al inicial (2020)."],
            },
        ),
    ],
)
def test_bad_parameters_give_a_400_in_the_requested_language(world, client, query, language, errors):
    for path in ("/api/v1/agreements/", "/api/v1/stats/by-state/"):
        response = client.get(f"{path}?{query}", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 400
        detail = {
            "es": "Parámetros no válidos: vea cada error en «errors».",
            "en": "Invalid parameters: see each error in “errors”.",
        }[language]
        assert response.json() == {"detail": detail, "errors": errors}


def test_bad_parameters_asked_as_csv_still_answer_json(world, client):
    response = client.get("/api/v1/agreements/?format=csv&year_from=x")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"] == {
        "year_from": ["El año inicial debe ser un número entero, por ejemplo 2010."]
    }


def test_statistic_endpoint(sample, client):
    data = client.get("/api/v1/stats/by-type/?country=JP").json()
    assert data == {
        "name": "by-type",
        "title": "Acuerdos por tipo",
        "filters": {"country": "JP"},
        "total": 3,
        "columns": [
            {"key": "type", "label": "Clave"},
            {"key": "label", "label": "Tipo"},
            {"key": "agreements", "label": "Acuerdos"},
        ],
        "rows": [
            {"type": "hermanamiento", "label": "Hermanamiento", "agreements": 2},
            {"type": "cooperacion", "label": "Cooperación", "agreements": 1},
            {"type": "memorando", "label": "Memorando de entendimiento", "agreements": 0},
        ],
    }
    rows = csv_rows(client.get("/api/v1/stats/by-type/?country=JP&format=csv"))
    assert rows == [
        {"type": "hermanamiento", "label": "Hermanamiento", "agreements": "2"},
        {"type": "cooperacion", "label": "Cooperación", "agreements": "1"},
        {"type": "memorando", "label": "Memorando de entendimiento", "agreements": "0"},
    ]


@pytest.mark.parametrize(
    "name",
    [
        "by-year",
        "by-state",
        "by-country",
        "by-region",
        "by-type",
        "by-theme",
        "by-population-band",
        "top-municipalities",
    ],
)
def test_every_statistic_the_issue_names_exists(sample, client, name):
    data = client.get(f"/api/v1/stats/{name}/").json()
    assert data["name"] == name
    assert data["total"] == 7  # every statistic counts the same agreements


def test_unknown_statistic_is_a_json_404(world, client):
    response = client.get("/api/v1/stats/by-planet/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {
        "detail": "There is no statistic “by-planet”. Available: by-year, by-state, by-country, by-region, "
        "by-type, by-theme, by-population-band, top-municipalities, by-source."
    }


def test_catalogue_endpoints(sample, client):
    states = client.get("/api/v1/states/").json()
    assert [(s["code"], s["agreement_count"], s["municipality_count"]) for s in states["results"]] == [
        ("09", 0, 1),
        ("14", 5, 3),
        ("20", 2, 2),
    ]
    municipalities = client.get("/api/v1/municipalities/?state=14&has_agreements=true&q=puerto").json()
    assert [(m["cvegeo"], m["agreement_count"]) for m in municipalities["results"]] == [("14067", 1)]
    accents = client.get("/api/v1/municipalities/?q=juarez").json()
    assert [m["name"] for m in accents["results"]] == ["Oaxaca de Juárez"]
    countries = client.get("/api/v1/countries/?region=150").json()
    assert [(c["iso2"], c["agreement_count"]) for c in countries["results"]] == [("ES", 1), ("FR", 1)]
    cities = client.get("/api/v1/partner-cities/?country=JP").json()
    assert [(c["name"], c["agreement_count"]) for c in cities["results"]] == [("Kioto", 2), ("Osaka", 1)]
    assert client.get("/api/v1/municipalities/14039/").json()["page_url"] == "/municipios/14039/"
    assert client.get("/api/v1/municipalities/99999/").status_code == 404
    rows = csv_rows(client.get("/api/v1/municipalities/?format=csv&state=20"))
    assert [(r["cvegeo"], r["agreement_count"]) for r in rows] == [("20001", "1"), ("20067", "1")]


def test_catalogue_bad_filter(world, client):
    response = client.get("/api/v1/countries/?has_agreements=maybe&region=x")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "has_agreements": ["«maybe» no vale aquí: use true o false."],
        "region": ["«x» no es un código de región o subregión M49 del catálogo."],
    }


def test_anonymous_throttling_answers_429_with_a_message(world, client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    for _ in range(2):
        assert client.get("/api/v1/states/").status_code == 200
    response = client.get("/api/v1/states/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["detail"].startswith(
        "Demasiadas solicitudes a la API pública desde esta dirección. Vuelva a intentarlo en "
    )
    english = client.get("/api/v1/states/", HTTP_ACCEPT_LANGUAGE="en").json()["detail"]
    assert english.startswith("Too many requests to the public API from this address. Try again in ")


def test_openapi_schema_is_valid_and_complete(db, client):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
    schema = client.get("/api/schema/?format=json").json()
    for path in [
        "/api/v1/agreements/",
        "/api/v1/agreements/{id}/",
        "/api/v1/municipalities/",
        "/api/v1/states/",
        "/api/v1/countries/",
        "/api/v1/partner-cities/",
        "/api/v1/stats/{name}/",
    ]:
        assert path in schema["paths"], path
    names = {p["name"] for p in schema["paths"]["/api/v1/agreements/"]["get"]["parameters"]}
    assert {"q", "state", "municipality", "country", "region", "type", "theme", "level", "status", "source",
            "year_from", "year_to", "format", "page"} <= names  # fmt: skip


def test_interactive_docs_are_served_offline(db, client):
    response = client.get("/api/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "cdn" not in html.lower()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_agreement_detail(sample, client):
    pk = sample["gdl_kyoto"].pk
    data = client.get(f"/api/v1/agreements/{pk}/").json()
    assert (data["title"], data["themes"]) == (
        "Acuerdo de cooperación cultural Guadalajara–Kioto",
        ["cultural", "educativa"],
    )
    assert client.get("/api/v1/agreements/0/").status_code == 404
    assert Agreement.objects.count() == 7


# --- Query counts: the same at 1 and at 50 rows -----------------------------------------------------------
API = {  # URL: (queries on a cold cache, queries when warm)
    "/api/v1/agreements/?country=JP": (8, 1),
    "/api/v1/agreements/?format=csv": (7, 3),
    "/api/v1/stats/by-state/": (6, 1),
    "/api/v1/stats/by-theme/?q=kioto": (8 + 5, 1),  # + writing the retired search documents (triggers.py)
    "/api/v1/municipalities/": (7, 3),
    "/api/v1/states/": (2, 2),
    "/api/v1/countries/": (7, 3),
    "/api/v1/partner-cities/": (7, 3),
}


@pytest.mark.parametrize("rows", [1, 50])
@pytest.mark.parametrize("url", list(API))
def test_api_query_count_is_constant(world, client, django_assert_num_queries, rows, url):
    from tests.conftest import clear_cache

    for i in range(rows):
        world.agreement(world.guadalajara, world.kyoto, title=f"Acuerdo {i} Kioto", themes=["cultural"])
    cold, warm = API[url]
    clear_cache()
    for expected in (cold, warm):
        with django_assert_num_queries(expected):
            response = client.get(url)
            assert response.status_code == 200
            if response.streaming:
                b"".join(response.streaming_content)


def test_the_api_is_read_only(sample, client):
    for method in (client.post, client.put, client.patch, client.delete):
        assert (
            method("/api/v1/agreements/", {"title": "x"}, content_type="application/json").status_code == 405
        )
    pk = sample["gdl_kyoto"].pk
    assert client.delete(f"/api/v1/agreements/{pk}/").status_code == 405
    assert Agreement.objects.count() == 7
