"""The transition API (/api/v1/expedientes/): the whole workflow with tokens, the refusals (400, 403, 404,
409), session authentication with two-factor and CSRF, and the OpenAPI schema."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from agreements.models import WorkingFile
from agreements.workflow import transitions as workflow
from tests.factories import (
    REASONING,
    MunicipalityFactory,
    advance,
    complete_file,
    official,
    review_setting,
    signed_pdf,
    sre_user,
)

pytestmark = pytest.mark.django_db
State, Action = WorkingFile.State, workflow.Action
TZ = dt.timezone(dt.timedelta(hours=-6))


@pytest.fixture
def team():
    return review_setting()


def api_as(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=TZ))
def test_the_whole_workflow_through_the_api(team):
    wf = complete_file(team["town"], titular=team["titular"], city=team["kyoto"])
    municipal, sre = api_as(team["titular"]), api_as(team["reviewer"])
    base = f"/api/v1/expedientes/{wf.pk}/"

    response = municipal.post(base + "enviar/")
    assert (response.status_code, response.json()["state"], response.json()["allowed_actions"]) == (
        200,
        "enviado",
        ["withdraw"],
    )
    assert sre.get(base).json()["allowed_actions"] == ["take"]
    assert sre.post(base + "tomar/", {}, format="json").json()["assigned_reviewer"] == "revisora@sre.gob.mx"
    response = sre.post(
        base + "pedir-cambios/",
        {"observations": [{"step": "objeto", "field": "objeto", "text": "Precise el objeto."}]},
        format="json",
    )
    body = response.json()
    assert (
        body["state"],
        [(o["step"], o["field"], o["text"], o["answer"]) for o in body["observations"]],
    ) == (
        "observaciones",
        [("objeto", "objeto", "Precise el objeto.", "")],
    )
    observation_id = body["observations"][0]["id"]
    response = municipal.post(base + "reenviar/", {"answers": []}, format="json")
    assert response.status_code == 400
    assert response.json() == {f"answer_{observation_id}": ["Escriba su respuesta a esta observación."]}
    response = municipal.post(
        base + "reenviar/",
        {"answers": [{"observation": observation_id, "answer": "Ampliamos el objeto."}]},
        format="json",
    )
    assert (response.json()["state"], response.json()["review_round"]) == ("reenviado", 2)
    sre.post(base + "tomar/", {}, format="json")
    response = sre.post(base + "dictaminar/", {"favorable": True, "reasoning": REASONING}, format="json")
    assert (response.json()["state"], response.json()["dictamen"]["favorable"]) == ("favorable", True)
    response = municipal.post(
        base + "firmar/",
        {
            "place": "Oaxaca de Juárez",
            "signed_on": "2026-11-20",
            "mx_signatory": "Ana López",
            "mx_signatory_office": "Presidenta Municipal",
            "counterpart_signatory": "Daisaku Kadokawa",
            "counterpart_signatory_office": "Alcalde de Kioto",
            "document": signed_pdf(),
        },
        format="multipart",
    )
    assert (response.json()["state"], response.json()["signature"]["signed_on"]) == ("firmado", "2026-11-20")
    response = sre.post(base + "inscribir/")
    body = response.json()
    assert (body["state"], body["registration_number"], body["allowed_actions"]) == (
        "inscrito",
        "RAI-2026-00001",
        [],
    )
    wf.refresh_from_db()
    assert body["registry_url"] == f"http://testserver/registro/{wf.agreement_id}/"
    actions = list(wf.events.filter(kind="state_changed").values_list("action", "by"))
    assert actions == [
        ("submit", team["titular"].pk),
        ("take", team["reviewer"].pk),
        ("request_changes", team["reviewer"].pk),
        ("resubmit", team["titular"].pk),
        ("take", team["reviewer"].pk),
        ("favorable", team["reviewer"].pk),
        ("sign", team["titular"].pk),
        ("inscribe", team["reviewer"].pk),
    ]


def test_refusals_say_why(team):
    wf = advance(
        complete_file(team["town"], titular=team["titular"], city=team["kyoto"]),
        State.SUBMITTED,
        titular=team["titular"],
        reviewer=team["reviewer"],
    )
    municipal, sre = api_as(team["titular"]), api_as(team["reviewer"])
    base = f"/api/v1/expedientes/{wf.pk}/"
    # Wrong state: 409 with the current state.
    response = sre.post(base + "inscribir/")
    assert response.status_code == 409
    assert response.json() == {
        "detail": "«Inscribir en el registro» no es posible con el expediente en estado «Enviado a la SRE».",
        "state": "enviado",
    }
    # Wrong role: 403.
    assert municipal.post(base + "tomar/", {}, format="json").status_code == 403
    # Bad body: 400 per field, nothing written.
    sre.post(base + "tomar/", {}, format="json")
    response = sre.post(base + "dictaminar/", {"favorable": "quizá", "reasoning": "Corto"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"favorable", "reasoning"}
    response = sre.post(
        base + "pedir-cambios/",
        {"observations": [{"step": "objeto", "field": "x", "text": "y"}]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"field": ["Ese campo no pertenece a la sección elegida."]}
    wf.refresh_from_db()
    assert (wf.state, wf.observations.count()) == ("en_revision", 0)
    # Another municipality's titular does not even see it; neither does anybody without credentials.
    stranger = official(MunicipalityFactory())
    assert api_as(stranger).get(base).status_code == 404
    assert api_as(stranger).post(base + "retirar/").status_code == 404
    assert APIClient().get(base).status_code in (401, 403)
    assert api_as(stranger).get("/api/v1/expedientes/").json()["count"] == 0
    # Answers follow Accept-Language.
    response = sre.post(base + "tomar/", {}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert (
        response.json()["detail"]
        == "«Take for review» is not possible with the working file in state «In review»."
    )


def test_session_needs_two_factor_for_sre_staff_and_a_csrf_token(team):
    wf = advance(
        complete_file(team["town"], titular=team["titular"], city=team["kyoto"]),
        State.SUBMITTED,
        titular=team["titular"],
        reviewer=team["reviewer"],
    )
    without_totp = sre_user("reviewer", totp=False)
    client = Client()
    client.force_login(without_totp)
    response = client.get(f"/api/v1/expedientes/{wf.pk}/")
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "Las cuentas de la SRE deben activar la verificación en dos pasos antes de usar la API."
    )
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(team["reviewer"])
    assert strict.get(f"/api/v1/expedientes/{wf.pk}/").json()["allowed_actions"] == ["take"]
    response = strict.post(f"/api/v1/expedientes/{wf.pk}/tomar/", {}, content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    wf.refresh_from_db()
    assert wf.state == "enviado"


def test_list_filters_by_state_and_refuses_an_unknown_one(team):
    sent = advance(
        complete_file(team["town"], titular=team["titular"], city=team["kyoto"]),
        State.SUBMITTED,
        titular=team["titular"],
        reviewer=team["reviewer"],
    )
    complete_file(team["town"], titular=team["titular"])  # a draft: the SRE does not see it
    sre = api_as(team["reviewer"])
    assert [f["id"] for f in sre.get("/api/v1/expedientes/").json()["results"]] == [sent.pk]
    assert sre.get("/api/v1/expedientes/?state=en_revision").json()["count"] == 0
    response = sre.get("/api/v1/expedientes/?state=nada")
    assert (response.status_code, response.json()) == (400, {"state": ["Estado desconocido: nada."]})
    municipal = api_as(team["titular"])
    assert municipal.get("/api/v1/expedientes/").json()["count"] == 2


def test_an_administrator_reassigns_through_the_api(team):
    titular = team["titular"]
    wf = advance(
        complete_file(team["town"], titular=titular),
        State.IN_REVIEW,
        titular=titular,
        reviewer=team["reviewer"],
    )
    other = sre_user("reviewer", email="otro@sre.gob.mx")
    url = f"/api/v1/expedientes/{wf.pk}/reasignar/"
    admin = api_as(team["admin"])
    assert "reassign" in admin.get(f"/api/v1/expedientes/{wf.pk}/").json()["allowed_actions"]
    assert api_as(team["reviewer"]).post(url, {"assignee": other.pk}, format="json").status_code == 403
    response = admin.post(url, {}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["assignee"])
    response = admin.post(url, {"assignee": team["reviewer"].pk}, format="json")
    assert response.status_code == 400
    assert response.json()["assignee"] == ["El expediente ya está asignado a esa persona: elija a otra."]
    response = admin.post(url, {"assignee": other.pk}, format="json")
    assert (response.status_code, response.json()["state"], response.json()["assigned_reviewer"]) == (
        200,
        "en_revision",
        "otro@sre.gob.mx",
    )


def test_schema_documents_every_transition(client):
    schema = client.get("/api/schema/?format=json").json()
    for path in [
        "enviar",
        "tomar",
        "reasignar",
        "pedir-cambios",
        "reenviar",
        "dictaminar",
        "firmar",
        "inscribir",
        "retirar",
    ]:
        operation = schema["paths"][f"/api/v1/expedientes/{{id}}/{path}/"]["post"]
        assert set(operation["responses"]) == {"200", "400", "403", "404", "409"}, path
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])
    sign = schema["paths"]["/api/v1/expedientes/{id}/firmar/"]["post"]["requestBody"]["content"]
    assert list(sign) == ["multipart/form-data", "application/x-www-form-urlencoded"]
