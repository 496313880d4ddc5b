"""The review workflow through Django's test client: the SRE's queue and review page, the municipality's
answers, signature, withdrawal and new version, the timeline on both sides, and constant query counts."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import Dictamen, Observation, WorkingFile, WorkingFileUpload
from agreements.review.summary import describe_event
from agreements.workflow import transitions as workflow
from agreements.workflow.observations import observation_add
from notifications.models import Notification
from tests.factories import (
    REASONING,
    CountryFactory,
    MunicipalityFactory,
    PartnerCityFactory,
    StateFactory,
    action_data,
    advance,
    complete_file,
    official,
    pdf_bytes,
    review_setting,
    sre_user,
)

pytestmark = pytest.mark.django_db
State, Action = WorkingFile.State, workflow.Action
TZ = dt.timezone(dt.timedelta(hours=-6))


@pytest.fixture
def team():
    return review_setting()


def file_at(team, state, *, town=None, city=None, titular=None) -> WorkingFile:
    titular = titular or team["titular"]
    wf = complete_file(town or team["town"], titular=titular, city=city or team["kyoto"])
    return advance(wf, state, titular=titular, reviewer=team["reviewer"])


def html_of(response) -> str:
    return response.content.decode()


def text_of(response) -> str:
    """The page's visible text, tags removed and spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html_of(response))).strip()


# --- The queue ----------------------------------------------------------------------------------------------
def test_queue_is_for_sre_staff(client, team):
    assert client.get("/revision/")["Location"] == "/cuentas/login/?next=/revision/"
    client.force_login(team["titular"])
    assert client.get("/revision/").status_code == 403
    client.force_login(team["reviewer"])
    assert client.get("/revision/").status_code == 200


def test_queue_shows_what_waits_for_the_sre_longest_first(client, team):
    with time_machine.travel(dt.datetime(2026, 10, 1, 9, tzinfo=TZ), tick=False):
        old = file_at(team, State.SUBMITTED)
    with time_machine.travel(dt.datetime(2026, 11, 10, 9, tzinfo=TZ), tick=False):
        in_review = file_at(team, State.IN_REVIEW)
        file_at(team, State.INSCRIBED)  # done: not pending
        complete_file(team["town"], titular=team["titular"])  # a draft: never shown to the SRE
    client.force_login(team["reviewer"])
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=TZ), tick=False):
        response = client.get("/revision/")
    rows = response.context["rows"]
    assert [(r["wf"].pk, r["waiting_days"], r["clock"]) for r in rows] == [
        (old.pk, 50, {"days": 50, "target": 30, "over": True}),
        (in_review.pk, 10, {"days": 10, "target": 30, "over": False}),
    ]
    text = text_of(response)
    assert "2 expedientes" in text
    row = f"Acuerdo con Kioto n.º {old.pk} Oaxaca de Juárez, E20. Japón Enviado a la SRE 50 50 de 30 días"
    assert row in text
    assert "10 de 30 días Sin hallazgos Rita Revisora" in text
    assert f'<form method="post" action="/revision/expedientes/{old.pk}/tomar/"' in html_of(response)
    assert f'action="/revision/expedientes/{in_review.pk}/tomar/"' not in html_of(response)


def test_queue_filters(client, team):
    other_town = MunicipalityFactory(cvegeo="14039", name="Guadalajara", state=StateFactory(code="14"))
    other_titular = official(other_town)
    paris = PartnerCityFactory(
        name="París", country=CountryFactory(iso2="FR", iso3="FRA", name_es="Francia", name_en="France")
    )
    with time_machine.travel(dt.datetime(2026, 11, 1, 9, tzinfo=TZ), tick=False):
        oaxaca_sent = file_at(team, State.SUBMITTED)
    with time_machine.travel(dt.datetime(2026, 11, 19, 9, tzinfo=TZ), tick=False):
        oaxaca_review = file_at(team, State.IN_REVIEW)
        gdl_paris = file_at(team, State.SUBMITTED, town=other_town, city=paris, titular=other_titular)
        signed = file_at(team, State.SIGNED)
        withdrawn = file_at(team, State.WITHDRAWN)  # a draft withdrawn before sending: never shown
    client.force_login(team["admin"])

    def listed(query: str) -> list[int]:
        with time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=TZ), tick=False):
            response = client.get(f"/revision/?{query}")
        assert response.status_code == 200, query
        return [row["wf"].pk for row in response.context["rows"]]

    assert listed("") == [oaxaca_sent.pk, oaxaca_review.pk, gdl_paris.pk, signed.pk]
    assert listed("estado=14") == [gdl_paris.pk]
    assert listed("municipio=20067") == [oaxaca_sent.pk, oaxaca_review.pk, signed.pk]
    assert listed("pais=FR") == [gdl_paris.pk]
    assert listed("situacion=firmado") == [signed.pk]
    assert listed("situacion=todos") == [oaxaca_sent.pk, oaxaca_review.pk, gdl_paris.pk, signed.pk]
    assert listed("situacion=retirado") == []
    assert withdrawn.state == "retirado"
    assert listed("dictaminador=sin_asignar") == [oaxaca_sent.pk, gdl_paris.pk]
    assert listed(f"dictaminador={team['reviewer'].pk}") == [oaxaca_review.pk, signed.pk]
    assert listed("dictaminador=mios") == []
    assert listed("dias=2") == [oaxaca_sent.pk]
    assert listed("dias=19") == [oaxaca_sent.pk]
    assert listed("dias=20") == []
    assert listed("estado=20&situacion=en_revision&dias=1") == [oaxaca_review.pk]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("dias=-1", "Días en espera, al menos: Asegúrese de que este valor sea mayor o igual a 0."),
        ("dias=abc", "Días en espera, al menos: Introduzca un número entero."),
        ("estado=99", "Estado de la República: Seleccione una opción válida."),
        ("municipio=99999", "Municipio: Seleccione una opción válida."),
        ("situacion=%00", "Situación del expediente: Elija una situación de la lista."),
        ("dictaminador=999999", "Persona dictaminadora: Elija una persona de la lista."),
    ],
)
def test_queue_bad_filters_get_a_message(client, team, query, message):
    client.force_login(team["reviewer"])
    response = client.get(f"/revision/?{query}")
    assert response.status_code == 400
    assert message in text_of(response)
    assert response.context["rows"] == []


@pytest.mark.parametrize("rows", [1, 50])
def test_queue_query_count_is_constant(client, django_assert_num_queries, team, rows):
    file_at(team, State.SUBMITTED)
    base = WorkingFile.objects.get()
    # Copies of a sent file, each in another country and state of the workflow.
    for n in range(rows - 1):
        base.pk = None
        base.country = CountryFactory(iso2=f"X{n % 10}", iso3="", name_es=f"País {n}", name_en=f"Country {n}")
        base.save()
    client.force_login(team["reviewer"])
    client.get("/revision/")
    # session, user, TOTP check, municipalities, countries, reviewers, count, the files' page, states
    with django_assert_num_queries(9):
        response = client.get("/revision/?situacion=todos")
    assert len(response.context["rows"]) == rows


# --- Taking a file ------------------------------------------------------------------------------------------
def test_reviewer_takes_a_file_from_the_queue(client, team):
    wf = file_at(team, State.SUBMITTED)
    client.force_login(team["reviewer"])
    response = client.post(f"/revision/expedientes/{wf.pk}/tomar/", {"assignee": ""})
    assert response["Location"] == f"/revision/expedientes/{wf.pk}/"
    wf.refresh_from_db()
    assert (wf.state, wf.assigned_reviewer) == ("en_revision", team["reviewer"])
    # A second click finds it taken: a message, no error, nothing changed.
    response = client.post(f"/revision/expedientes/{wf.pk}/tomar/", {"assignee": ""}, follow=True)
    assert "El expediente cambió mientras tanto: ahora está «En revisión»." in text_of(response)


def test_administrator_assigns_a_reviewer_and_cannot_assign_anyone_else(client, team):
    wf = file_at(team, State.SUBMITTED)
    client.force_login(team["admin"])
    response = client.post(f"/revision/expedientes/{wf.pk}/tomar/", {"assignee": team["admin"].pk})
    assert response.status_code == 400
    assert "Seleccione una opción válida. La opción seleccionada no es una de las disponibles." in text_of(
        response
    )
    response = client.post(f"/revision/expedientes/{wf.pk}/tomar/", {"assignee": ""})
    assert response.status_code == 400
    assert "Elija a la persona que dictaminará el expediente." in text_of(response)
    client.post(f"/revision/expedientes/{wf.pk}/tomar/", {"assignee": team["reviewer"].pk})
    wf.refresh_from_db()
    assert (wf.state, wf.assigned_reviewer) == ("en_revision", team["reviewer"])
    event = wf.events.get(action="take")
    assert (event.by, event.detail) == (team["admin"], "Rita Revisora")


def test_an_administrator_is_not_offered_to_take_the_file_themselves(client, team):
    """Administrators do not review: their «assign» list starts with «Elija…», not with «Yo» (a choice the
    workflow would refuse)."""
    wf = file_at(team, State.SUBMITTED)
    client.force_login(team["admin"])
    html = html_of(client.get(f"/revision/expedientes/{wf.pk}/"))
    select = re.search(r'<select name="assignee".*?</select>', html, re.S).group(0)
    assert '<option value="" selected>Elija…</option>' in select
    assert ">Yo<" not in select
    assert f'<option value="{team["reviewer"].pk}">Rita Revisora</option>' in select


def test_administrator_reassigns_a_file_in_review(client, team, django_capture_on_commit_callbacks):
    wf = file_at(team, State.IN_REVIEW)
    days_since = wf.state_changed_at
    other = sre_user("reviewer", first_name="Óscar", last_name="Otro")
    url = f"/revision/expedientes/{wf.pk}/reasignar/"
    # Only an administrator: the assigned reviewer has no such button and is refused.
    client.force_login(team["reviewer"])
    assert "Reasignar a" not in text_of(client.get(f"/revision/expedientes/{wf.pk}/"))
    assert client.post(url, {"reassign-assignee": other.pk}).status_code == 403

    client.force_login(team["admin"])
    assert "Reasignar a" in text_of(client.get(f"/revision/expedientes/{wf.pk}/"))
    for choice, message in [
        ("", "Elija a la persona que dictaminará el expediente."),
        (team["reviewer"].pk, "El expediente ya está asignado a esa persona: elija a otra."),
        (team["admin"].pk, "Seleccione una opción válida."),
    ]:
        response = client.post(url, {"reassign-assignee": choice})
        assert response.status_code == 400 and message in text_of(response), choice
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reassign-assignee": other.pk}, follow=True)
    assert f"Expediente reasignado a Óscar Otro: {wf.display_title}." in text_of(response)
    wf.refresh_from_db()
    # Same state, same clock; the new reviewer now holds the file and the old one no longer does.
    assert (wf.state, wf.assigned_reviewer, wf.state_changed_at) == ("en_revision", other, days_since)
    assert workflow.Role.ASSIGNED_REVIEWER in workflow.roles_of(other, wf)
    assert workflow.Role.ASSIGNED_REVIEWER not in workflow.roles_of(team["reviewer"], wf)
    # The new reviewer is told (an action is expected of them); the municipality hears nothing new.
    assert list(Notification.objects.values_list("recipient", "subject", "category")) == [
        (other.pk, "Se le asignó un expediente: Kioto", "action")
    ]
    assert "Expediente reasignado asignado a Óscar Otro" in " ".join(
        f"{what} {detail}" for what, detail in map(describe_event, wf.events.all())
    )


def test_an_assignment_by_an_administrator_tells_the_reviewer(team, django_capture_on_commit_callbacks):
    wf = file_at(team, State.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(
            file_id=wf.pk, action=Action.TAKE, by=team["admin"], data={"assignee": team["reviewer"]}
        )
    assert (team["reviewer"].pk, "Se le asignó un expediente: Kioto") in Notification.objects.values_list(
        "recipient", "subject"
    )


# --- Observations, changes, answers -------------------------------------------------------------------------
def test_reviewer_writes_observations_and_asks_for_changes(client, team):
    wf = file_at(team, State.IN_REVIEW)
    client.force_login(team["reviewer"])
    url = f"/revision/expedientes/{wf.pk}/"
    page = html_of(client.get(url))
    assert '<select name="field" id="obs-objeto-field">' in page
    assert '<option value="objeto">Objeto del acuerdo</option>' in page
    # Bad input: a message on the section's form, nothing saved.
    response = client.post(url + "observaciones/", {"step": "objeto", "field": "nope", "text": "x"})
    assert response.status_code == 400
    assert "Elija un campo de esta sección." in text_of(response)
    response = client.post(url + "observaciones/", {"step": "objeto", "field": "objeto", "text": "  "})
    assert response.status_code == 400 and "Este campo es requerido." in text_of(response)
    assert client.post(url + "observaciones/", {"step": "no-existe", "text": "x"}).status_code == 404
    assert not Observation.objects.exists()
    # Asking for changes without observations is refused with a message.
    response = client.post(url + "pedir-cambios/")
    assert response.status_code == 400
    assert "Escriba al menos una observación antes de pedir cambios." in text_of(response)

    for field, text in [("objeto", "Precise el objeto."), ("", "Falta el programa de trabajo.")]:
        response = client.post(url + "observaciones/", {"step": "objeto", "field": field, "text": text})
        assert response["Location"] == url + "#seccion-objeto"  # back where the reviewer was
    extra = client.post(
        url + "observaciones/", {"step": "cabildo", "field": "punto_acuerdo", "text": "Borrar"}
    )
    assert extra.status_code == 302
    to_delete = Observation.objects.get(text="Borrar")
    assert client.post(url + f"observaciones/{to_delete.pk}/borrar/")["Location"] == url + "#decision"
    page = text_of(client.get(url))
    assert "Tiene 2 observaciones sin enviar." in page
    # The municipality does not see drafts.
    client.force_login(team["titular"])
    assert "Precise el objeto." not in html_of(client.get(f"/expedientes/{wf.pk}/estado/"))

    client.force_login(team["reviewer"])
    assert client.post(url + "pedir-cambios/")["Location"] == url
    wf.refresh_from_db()
    assert wf.state == "observaciones"
    assert list(wf.observations.values_list("step", "field", "text", "round")) == [
        ("objeto", "objeto", "Precise el objeto.", 1),
        ("objeto", "", "Falta el programa de trabajo.", 1),
    ]
    assert all(o.sent_at for o in wf.observations.all())
    # A sent observation is no draft any more: it cannot be deleted.
    sent = wf.observations.first()
    assert client.post(url + f"observaciones/{sent.pk}/borrar/").status_code in (302, 404)
    assert Observation.objects.filter(pk=sent.pk).exists()


def test_municipality_sees_the_observations_answers_and_resubmits(client, team):
    wf = file_at(team, State.IN_REVIEW)
    for field, text in [("objeto", "Precise el objeto."), ("", "Falta el programa de trabajo.")]:
        observation_add(
            file_id=wf.pk, by=team["reviewer"], data={"step": "objeto", "field": field, "text": text}
        )
    workflow.transition(file_id=wf.pk, action=Action.REQUEST_CHANGES, by=team["reviewer"])
    client.force_login(team["titular"])
    # The task list: the step with observations needs attention, with them under it.
    tasks = client.get(f"/expedientes/{wf.pk}/")
    assert tasks.status_code == 200
    task_text = text_of(tasks)
    assert "La SRE hizo 2 observaciones." in task_text
    assert "3. Objeto y áreas de cooperación" in task_text
    assert "Requiere atención Precise el objeto. Falta el programa de trabajo." not in task_text
    assert re.search(
        r"Para qué se firma.*Precise el objeto\..*Falta el programa de trabajo\..*Requiere atención",
        task_text,
    )
    # The step page shows them, anchored to the field.
    step = html_of(client.get(f"/expedientes/{wf.pk}/pasos/objeto/"))
    assert '<a href="#campo-objeto">Objeto del acuerdo</a>: Precise el objeto.' in step
    # The answers are edited, then the answer to each observation, then it goes back.
    objeto = {**wf.answers["objeto"], "objeto": "Promover el intercambio cultural, turístico y educativo."}
    wf.refresh_from_db()
    saved = client.post(f"/expedientes/{wf.pk}/pasos/objeto/", {"version": wf.version, **objeto})
    assert saved.status_code == 302
    observations = list(wf.observations.order_by("pk"))
    envio = f"/expedientes/{wf.pk}/pasos/envio/"
    response = client.post(envio, {f"answer_{observations[0].pk}": "Ampliamos el objeto."})
    assert response.status_code == 400
    assert "3. Objeto y áreas de cooperación: Este campo es requerido." in text_of(response)
    capturista_answer = {f"answer_{o.pk}": "Listo." for o in observations}
    client.force_login(team["capturista"])
    assert client.post(envio, capturista_answer).status_code == 403
    client.force_login(team["titular"])
    response = client.post(
        envio,
        {
            f"answer_{observations[0].pk}": "Ampliamos el objeto a la educación.",
            f"answer_{observations[1].pk}": "Agregamos un programa de trabajo anual.",
        },
    )
    assert response["Location"] == f"/expedientes/{wf.pk}/estado/"
    wf.refresh_from_db()
    assert (wf.state, wf.review_round) == ("reenviado", 2)
    assert list(wf.observations.order_by("pk").values_list("answer", "answered_by")) == [
        ("Ampliamos el objeto a la educación.", team["titular"].pk),
        ("Agregamos un programa de trabajo anual.", team["titular"].pk),
    ]
    # Edits are closed again.
    assert client.get(f"/expedientes/{wf.pk}/")["Location"] == f"/expedientes/{wf.pk}/estado/"

    # The reviewer takes it again and sees what changed, word by word, and the answers.
    client.force_login(team["reviewer"])
    client.post(f"/revision/expedientes/{wf.pk}/tomar/", {"assignee": ""})
    page = client.get(f"/revision/expedientes/{wf.pk}/")
    html = html_of(page)
    assert "Cambios de la ronda 1 a la ronda 2" in html
    assert (
        '<td class="diff-after" data-label="Ahora">Promover el intercambio <del>'
        '<span class="visually-hidden">[quitado: </span>cultural y turístico entre ambas ciudades.'
        '<span class="visually-hidden">]</span></del><ins><span class="visually-hidden">[agregado: </span>'
        'cultural, turístico y educativo.<span class="visually-hidden">]</span></ins></td>' in html
    )
    diff = page.context["diff"]
    assert [(s["step"].name, [(r["name"], r["before"], r["after"]) for r in s["rows"]]) for s in diff] == [
        (
            "objeto",
            [
                (
                    "objeto",
                    "Promover el intercambio cultural y turístico entre ambas ciudades.",
                    "Promover el intercambio cultural, turístico y educativo.",
                )
            ],
        )
    ]
    assert "Respuesta del municipio: Agregamos un programa de trabajo anual." in text_of(page)


def test_word_diff_marks_removed_and_added_words():
    from agreements.steps.diffs import word_diff

    # One or two unchanged words between two changes are folded into one change.
    assert word_diff("Uno dos tres cuatro cinco seis.", "Uno DOS tres CUATRO cinco seis.") == [
        ("equal", "Uno "),
        ("delete", "dos tres cuatro "),
        ("insert", "DOS tres CUATRO "),
        ("equal", "cinco seis."),
    ]

    assert word_diff(
        "Promover el intercambio cultural y turístico.", "Promover el intercambio cultural y educativo."
    ) == [
        ("equal", "Promover el intercambio cultural y "),
        ("delete", "turístico."),
        ("insert", "educativo."),
    ]


# --- Dictamen, signature, inscription -----------------------------------------------------------------------
def test_dictamen_needs_reasoning_and_no_pending_drafts(client, team):
    wf = file_at(team, State.IN_REVIEW)
    client.force_login(team["reviewer"])
    url = f"/revision/expedientes/{wf.pk}/dictamen/"
    response = client.post(url, {"decision": "favorable", "reasoning": "Corto."})
    assert response.status_code == 400
    assert "Asegúrese de que este valor tenga como mínimo 20 caracteres (tiene 6)." in text_of(response)
    response = client.post(url, {"decision": "aprobado", "reasoning": REASONING})
    assert response.status_code == 400
    assert (
        "Sentido del dictamen: Seleccione una opción válida. aprobado no es una de las opciones"
        in text_of(response)
    )
    observation_add(file_id=wf.pk, by=team["reviewer"], data={"step": "objeto", "text": "Pendiente."})
    response = client.post(url, {"decision": "favorable", "reasoning": REASONING})
    assert response.status_code == 400
    assert (
        "Hay 1 observación sin enviar: envíela con «Pedir cambios» o bórrela antes de dictaminar."
        in text_of(response)
    )
    Observation.objects.all().delete()
    assert not Dictamen.objects.exists()
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=TZ), tick=False):
        response = client.post(url, {"decision": "favorable", "reasoning": REASONING}, follow=True)
    assert "Dictamen emitido: dictaminar favorable." in text_of(response)
    wf.refresh_from_db()
    assert (wf.state, wf.dictamen.favorable, wf.dictamen.reasoning, wf.dictamen.issued_by) == (
        "favorable",
        True,
        REASONING,
        team["reviewer"],
    )
    client.force_login(team["titular"])
    status = text_of(client.get(f"/expedientes/{wf.pk}/estado/"))
    assert "Dictamen de la SRE Favorable emitido el 20 de noviembre de 2026 " + REASONING in status
    assert "Registrar la firma" in status


@time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=TZ))
def test_signature_is_validated_and_only_after_the_dictamen(client, team):
    wf = file_at(team, State.FAVORABLE)
    client.force_login(team["titular"])
    url = f"/expedientes/{wf.pk}/firma/"

    def post(**overrides):
        data = {
            "place": "Oaxaca de Juárez",
            "signed_on": "2026-11-20",
            "mx_signatory": "Ana López",
            "mx_signatory_office": "Presidenta Municipal",
            "counterpart_signatory": "Daisaku Kadokawa",
            "counterpart_signatory_office": "Alcalde de Kioto",
            "document": SimpleUploadedFile("firmado.pdf", pdf_bytes(pages=2), "application/pdf"),
            **overrides,
        }
        return client.post(url, data)

    assert "La SRE emitió dictamen favorable el 20 de noviembre de 2026." in text_of(client.get(url))
    response = post(signed_on="2026-11-19")
    assert response.status_code == 400
    assert (
        "Fecha de firma: La firma no puede ser anterior al dictamen favorable de la SRE (20 de noviembre de "
        "2026): la ley pide el dictamen antes de firmar (LCT art. 7)." in text_of(response)
    )
    response = post(signed_on="2026-11-21")
    assert "Fecha de firma: La fecha de firma no puede estar en el futuro." in text_of(response)
    response = post(document=SimpleUploadedFile("firmado.pdf", b"no soy un pdf", "application/pdf"))
    assert "El archivo no es un PDF (aunque su nombre termine en .pdf)." in text_of(response)
    response = post(place="", signed_on="ayer")
    assert "Lugar de firma: Este campo es requerido." in text_of(response)
    assert "Fecha de firma: Introduzca una fecha válida." in text_of(response)
    assert not WorkingFileUpload.objects.filter(kind="acuerdo_firmado").exists()
    client.force_login(team["capturista"])
    assert client.get(url).status_code == 403
    client.force_login(team["titular"])
    response = post()
    assert response["Location"] == f"/expedientes/{wf.pk}/estado/"
    wf.refresh_from_db()
    signature = wf.signature
    assert (signature.place, signature.signed_on, signature.document.pages, signature.document.kind) == (
        "Oaxaca de Juárez",
        dt.date(2026, 11, 20),
        2,
        "acuerdo_firmado",
    )
    assert wf.state == "firmado"
    r06 = [r for r in wf.precheck_results if r["rule"] == "R06"]
    assert r06 == [{"rule": "R06", "level": "ok", "code": "ok", "params": {}}]
    # Signed: the form is gone.
    assert client.get(url, follow=True).redirect_chain[-1][0] == f"/expedientes/{wf.pk}/estado/"


def test_reviewer_inscribes_and_both_sides_see_the_number(client, team):
    wf = file_at(team, State.SIGNED)
    client.force_login(team["reviewer"])
    response = client.post(f"/revision/expedientes/{wf.pk}/inscribir/", follow=True)
    wf.refresh_from_db()
    number = wf.agreement.registration_number
    assert f"Acuerdo inscrito en el registro con el número {number}." in text_of(response)
    client.force_login(team["titular"])
    status = html_of(client.get(f"/expedientes/{wf.pk}/estado/"))
    assert f"Inscrito con el número <strong>{number}</strong>" in status
    assert f'<a href="/registro/{wf.agreement_id}/">Ver en el registro público</a>' in status


# --- Withdrawal and new version -----------------------------------------------------------------------------
def test_withdraw_then_copy_into_a_new_version(client, team):
    wf = file_at(team, State.SUBMITTED)
    client.force_login(team["titular"])
    assert "Retirar el expediente" in text_of(client.get(f"/expedientes/{wf.pk}/estado/"))
    response = client.post(f"/expedientes/{wf.pk}/retirar/", {"reason": "x" * 301})
    assert response.status_code == 400
    assert "Asegúrese de que este valor tenga como máximo 300 caracteres (tiene 301)." in text_of(response)
    client.post(f"/expedientes/{wf.pk}/retirar/", {"reason": "Cambio de administración."})
    wf.refresh_from_db()
    assert wf.state == "retirado"
    assert wf.events.get(action="withdraw").detail == "Cambio de administración."
    response = client.post(f"/expedientes/{wf.pk}/nueva-version/")
    copy = WorkingFile.objects.get(previous_version=wf)
    assert response["Location"] == f"/expedientes/{copy.pk}/"
    assert (copy.state, copy.answers, copy.municipality, copy.steps_complete) == (
        "borrador",
        wf.answers,
        wf.municipality,
        6,
    )
    assert sorted(copy.uploads.values_list("kind", flat=True)) == ["acta_cabildo", "carta_intencion"]
    # A second click lands on the same copy.
    assert client.post(f"/expedientes/{wf.pk}/nueva-version/")["Location"] == f"/expedientes/{copy.pk}/"
    assert WorkingFile.objects.filter(previous_version=wf).count() == 1
    # Not from a live file.
    live = file_at(team, State.SUBMITTED)
    response = client.post(f"/expedientes/{live.pk}/nueva-version/", follow=True)
    assert "El expediente cambió mientras tanto: ahora está «Enviado a la SRE»." in text_of(response)
    assert not WorkingFile.objects.filter(previous_version=live).exists()


# --- The timeline, on both sides ----------------------------------------------------------------------------
def test_timeline_on_both_sides(client, team):
    wf = file_at(team, State.IN_REVIEW)
    workflow.transition(
        file_id=wf.pk,
        action=Action.REQUEST_CHANGES,
        by=team["reviewer"],
        data=action_data(wf, Action.REQUEST_CHANGES),
    )
    wf = workflow.transition(
        file_id=wf.pk, action=Action.RESUBMIT, by=team["titular"], data=action_data(wf, Action.RESUBMIT)
    )
    expected = [
        "Enviado a la SRE",
        "En revisión asignado a Rita Revisora",
        "Observación de la SRE en «Objeto y áreas de cooperación» Precise el objeto del acuerdo.",
        "Con observaciones 1 observación",
        "Respuesta del municipio en «Objeto y áreas de cooperación» "
        "Precisamos el objeto: intercambio cultural.",
        "Reenviado a la SRE",
    ]
    for user, url in [
        (team["titular"], f"/expedientes/{wf.pk}/estado/"),
        (team["reviewer"], f"/revision/expedientes/{wf.pk}/"),
    ]:
        client.force_login(user)
        rows = client.get(url).context["timeline"]
        described = [f"{r['what']} {r['detail']}".strip() for r in rows if r["event"].kind != "created"]
        assert described == expected


# --- Languages, query counts --------------------------------------------------------------------------------
def test_review_pages_in_english(client, team):
    wf = file_at(team, State.IN_REVIEW)
    client.force_login(team["reviewer"])
    queue = text_of(client.get("/en/revision/"))
    assert "SRE review queue" in queue and "Days waiting" in queue
    page = text_of(client.get(f"/en/revision/expedientes/{wf.pk}/"))
    assert "Issue the dictamen" in page and "Request changes" in page
    assert "Emitir el dictamen" not in page
    client.force_login(team["titular"])
    status = text_of(client.get(f"/en/expedientes/{wf.pk}/estado/"))
    assert "Status: In review" in status and "History" in status


@pytest.mark.parametrize("rows", [1, 50])
def test_review_page_query_count_is_constant(client, django_assert_num_queries, team, rows):
    wf = file_at(team, State.IN_REVIEW)
    for n in range(rows):
        observation_add(
            file_id=wf.pk, by=team["reviewer"], data={"step": "objeto", "text": f"Observación {n}."}
        )
    client.force_login(team["reviewer"])
    client.get(f"/revision/expedientes/{wf.pk}/")
    # session, user, TOTP check, the file (with its relations), observations, events, memberships (roles),
    # uploads, the two last rounds, the themes (step 3's answers)
    with django_assert_num_queries(10):
        response = client.get(f"/revision/expedientes/{wf.pk}/")
    assert len(response.context["drafts"]) == rows


# --- Notifications ------------------------------------------------------------------------------------------
def test_each_transition_notifies_the_other_side_after_commit(team, django_capture_on_commit_callbacks):
    wf = complete_file(team["town"], titular=team["titular"], city=team["kyoto"])
    with django_capture_on_commit_callbacks(execute=True):
        wf = workflow.transition(file_id=wf.pk, action=Action.SUBMIT, by=team["titular"])
    assert list(Notification.objects.values_list("recipient", "kind", "subject", "category")) == [
        (team["admin"].pk, "workflow.submit", "Expediente nuevo en la cola de revisión: Kioto", "action")
    ]
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(file_id=wf.pk, action=Action.TAKE, by=team["reviewer"])
    notified = Notification.objects.filter(kind="workflow.take")
    assert sorted(notified.values_list("recipient", flat=True)) == sorted(
        [team["titular"].pk, team["capturista"].pk]
    )
    assert set(notified.values_list("subject", "url")) == {
        ("La SRE revisa su expediente: Kioto", f"/expedientes/{wf.pk}/estado/")
    }
    # A refused transition notifies nobody.
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(workflow.TransitionNotAllowed):
        workflow.transition(file_id=wf.pk, action=Action.TAKE, by=team["reviewer"])
    assert Notification.objects.count() == 3


def test_a_failing_notification_does_not_undo_or_break_a_transition(
    team, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    import notifications.services

    def broken(**kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(notifications.services, "notify", broken)
    wf = complete_file(team["town"], titular=team["titular"], city=team["kyoto"])
    with django_capture_on_commit_callbacks(execute=True):
        moved = workflow.transition(file_id=wf.pk, action=Action.SUBMIT, by=team["titular"])
    assert moved.state == WorkingFile.objects.get(pk=wf.pk).state == "enviado"
    assert "in on_commit() (broker down)" in caplog.text
