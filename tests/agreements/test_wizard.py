"""The wizard through Django's test client: saving, statuses, dependencies, rules, submission, lists."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import WorkingFile, WorkingFileEvent
from agreements.steps import services
from agreements.workflow import transitions as workflow
from municipalities.models import Municipality
from tests.factories import (
    MunicipalityFactory,
    PartnerCityFactory,
    WorkingFileEventFactory,
    WorkingFileFactory,
    complete_step_answers,
    official,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 10, 42, tzinfo=dt.timezone(dt.timedelta(hours=-6)))


@pytest.fixture
def oaxaca():
    return MunicipalityFactory(cvegeo="20067", name="Oaxaca de Juárez")


@pytest.fixture
def kyoto():
    return PartnerCityFactory(name="Kioto", population=1_460_000)


@pytest.fixture
def answers(kyoto):
    return complete_step_answers(city=kyoto, signing_date="2027-03-15", session_date="2026-11-05")


@pytest.fixture
def titular(oaxaca):
    return official(oaxaca, role="titular")


@pytest.fixture
def wf(oaxaca, titular):
    return services.working_file_create(municipality=oaxaca, by=titular)


def step_url(wf, step, lang=""):
    return f"{lang}/expedientes/{wf.pk}/pasos/{step}/"


def post_step(client, wf, step, data, **extra):
    wf.refresh_from_db()
    return client.post(step_url(wf, step), {"version": wf.version, **data}, **extra)


def fill(client, wf, answers, steps=("diagnostico", "contraparte", "objeto", "texto")):
    for step in steps:
        response = post_step(client, wf, step, answers[step])
        assert response.status_code == 302, (step, response.content.decode()[:2000])


def upload_documents(client, wf, answers):
    letter = SimpleUploadedFile("Carta de intención (firmada).pdf", pdf_bytes(pages=2), "application/pdf")
    assert post_step(client, wf, "carta", {"carta_pdf": letter}).status_code == 302
    minutes = SimpleUploadedFile("acta.pdf", pdf_bytes(), "application/pdf")
    response = post_step(client, wf, "cabildo", {**answers["cabildo"], "acta_pdf": minutes})
    assert response.status_code == 302, response.content.decode()[:2000]


@time_machine.travel(NOW, tick=False)
def test_new_file_belongs_to_the_officials_municipality(client, oaxaca, titular):
    client.force_login(titular)
    response = client.post("/expedientes/nuevo/", {"municipality": oaxaca.pk})
    wf = WorkingFile.objects.get()
    assert response["Location"] == f"/expedientes/{wf.pk}/"
    assert (wf.municipality, wf.created_by, wf.state, wf.version) == (oaxaca, titular, "borrador", 1)
    assert list(wf.events.values_list("kind", flat=True)) == ["created"]


def test_new_file_refuses_a_municipality_the_user_does_not_belong_to(client, titular):
    other = MunicipalityFactory()
    client.force_login(titular)
    response = client.post("/expedientes/nuevo/", {"municipality": other.pk})
    assert response.status_code == 400
    assert "Seleccione una opción válida" in response.content.decode()
    assert WorkingFile.objects.count() == 0


def test_invalid_answers_are_saved_as_typed_and_the_step_is_in_progress(client, titular, wf):
    client.force_login(titular)
    typed = {"objetivo": "Atraer turismo", "oficina": "", "enlace_correo": "no-es-correo"}
    response = post_step(client, wf, "diagnostico", typed)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Guardamos lo que escribió, pero falta corregir algo" in html
    assert "Introduzca una dirección de correo electrónico válida." in html
    assert 'value="no-es-correo"' in html and "Atraer turismo</textarea>" in html
    wf.refresh_from_db()
    assert wf.answers["diagnostico"] == {
        "objetivo": "Atraer turismo",
        "oficina": "",
        "enlace_correo": "no-es-correo",
    }
    assert wf.step_statuses["diagnostico"] == "en_progreso"
    assert wf.version == 2
    # Resuming (any device, any session) shows exactly what was typed, without error messages.
    html = client.get(step_url(wf, "diagnostico")).content.decode()
    assert 'value="no-es-correo"' in html and "falta corregir" not in html


def test_hostile_input_gets_messages_not_errors(client, titular, wf, answers):
    client.force_login(titular)
    nul = {**answers["diagnostico"], "objetivo": "Turismo\x00 cultural", "oficina": "x" * 50_000}
    response = post_step(client, wf, "diagnostico", nul)
    assert response.status_code == 400  # the 50,000-character office name is refused, with a message
    assert 'id="id_oficina_error"' in response.content.decode()
    wf.refresh_from_db()
    assert wf.answers["diagnostico"]["objetivo"] == "Turismo cultural"
    assert len(wf.answers["diagnostico"]["oficina"]) == 10_000
    odd_city = {**answers["contraparte"], "ciudad_id": str(10**30)}
    assert post_step(client, wf, "contraparte", odd_city).status_code == 400
    assert client.post(f"/expedientes/{wf.pk}/pasos/diagnostico/", {"version": "abc"}).status_code == 409
    assert client.get(f"/expedientes/{wf.pk}/pasos/no-existe/").status_code == 404
    assert client.get(f"/expedientes/{wf.pk}/documentos/{10**18}/").status_code == 404


def test_task_list_counts_complete_steps_with_the_counterpart_in_the_title(client, titular, wf, answers):
    client.force_login(titular)
    fill(client, wf, answers)
    response = client.get(f"/expedientes/{wf.pk}/")
    html = response.content.decode()
    assert 'Acuerdo con Kioto <span class="subtitle">— 4 de 7 pasos completos</span>' in html
    wf.refresh_from_db()
    assert wf.step_statuses == {
        "diagnostico": "completo",
        "contraparte": "completo",
        "objeto": "completo",
        "carta": "no_iniciado",
        "texto": "completo",
        "cabildo": "no_iniciado",
        "envio": "no_iniciado",
    }
    assert html.count('class="tag tag-green"') == 4


def test_private_counterpart_is_refused_with_the_article(client, titular, wf, answers):
    client.force_login(titular)
    response = post_step(client, wf, "contraparte", {**answers["contraparte"], "tipo": "empresa"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "fuera de la Ley sobre la Celebración de Tratados (art. 1 y art. 2 fr. II)" in html
    wf.refresh_from_db()
    assert wf.answers["contraparte"]["tipo"] == "empresa"
    assert wf.step_statuses["contraparte"] == "requiere_atencion"
    r01 = [r for r in wf.precheck_results if r["rule"] == "R01"]
    assert r01 == [{"rule": "R01", "level": "blocking", "code": "private", "params": {}}]


def test_step_5_is_refused_until_steps_2_and_3_are_complete(client, titular, wf, answers):
    client.force_login(titular)
    response = client.get(step_url(wf, "texto"))
    html = response.content.decode()
    assert response.status_code == 409
    assert "Este paso todavía no está disponible." in html
    assert f'href="/expedientes/{wf.pk}/pasos/contraparte/"' in html
    assert f'href="/expedientes/{wf.pk}/pasos/objeto/"' in html
    # A POST out of turn saves nothing either.
    assert post_step(client, wf, "texto", answers["texto"]).status_code == 409
    wf.refresh_from_db()
    assert "texto" not in wf.answers
    fill(client, wf, answers, steps=("contraparte", "objeto"))
    assert client.get(step_url(wf, "texto")).status_code == 200


def test_federal_theme_is_refused_and_partial_themes_are_flagged(client, titular, wf, answers):
    client.force_login(titular)
    data = {**answers["objeto"], "temas": ["seguridad", "otra"], "tema_otra": "Control migratorio"}
    response = post_step(client, wf, "objeto", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "«migratori» es materia federal (CPEUM art. 73 fr. XVI)" in html
    assert "Seguridad: sólo la seguridad pública municipal y el tránsito" in html
    wf.refresh_from_db()
    assert wf.step_statuses["objeto"] == "requiere_atencion"


def test_two_thirds_rule_when_the_agreement_outlasts_the_council(client, titular, wf, answers, oaxaca):
    client.force_login(titular)
    fill(client, wf, answers)
    indefinite = {**answers["texto"], "vigencia": "indefinida", "vigencia_anios": ""}
    assert post_step(client, wf, "texto", indefinite).status_code == 302
    minutes = SimpleUploadedFile("acta.pdf", pdf_bytes(), "application/pdf")
    short = {**answers["cabildo"], "votos_favor": "7", "votos_contra": "5", "acta_pdf": minutes}
    response = post_step(client, wf, "cabildo", short)
    html = response.content.decode()
    assert response.status_code == 400
    assert "necesita 8 votos a favor de 12 integrantes del cabildo, y tuvo 7" in html
    oaxaca.refresh_from_db()
    # Both figures are kept on the municipality, even though the vote fell short.
    assert (oaxaca.cabildo_members, oaxaca.term_ends_on) == (12, dt.date(2030, 9, 30))
    # The valid PDF was stored even though the vote did not pass: it is not asked again.
    assert "acta.pdf" in html and "Suba el documento en PDF." not in html
    response = post_step(
        client, wf, "cabildo", {**answers["cabildo"], "votos_favor": "8", "votos_contra": "4"}
    )
    assert response.status_code == 302
    wf.refresh_from_db()
    assert wf.step_statuses["cabildo"] == "completo"
    # Recorded now: the step shows the record in its fields, still editable (issue 13).
    html = client.get(step_url(wf, "cabildo")).content.decode()
    assert 'name="integrantes_cabildo" value="12"' in html and 'name="fin_periodo" value="2030-09-30"' in html
    assert "Integrantes del cabildo registrados para su municipio: 12." in html


@time_machine.travel(NOW, tick=False)
def test_autosave_answers_json_with_time_and_version(client, titular, wf):
    client.force_login(titular)
    response = post_step(client, wf, "diagnostico", {"objetivo": "Turismo"}, HTTP_ACCEPT="application/json")
    body = response.json()
    base = body.pop("base")  # the signed answers the page's next autosave starts from (test_edit_conflict.py)
    assert signing.loads(base, salt="agreements.wizard.step-base") == {
        "f": wf.pk,
        "s": "diagnostico",
        "v": 2,
        "a": {"objetivo": "Turismo"},
    }
    assert body == {
        "saved": True,
        "version": 2,
        "saved_at": "10:42",
        "message": "Guardado 10:42",
        "status": "En progreso",
        "merged": [],
        "conflicts": [],
    }
    wf.refresh_from_db()
    assert wf.answers["diagnostico"]["objetivo"] == "Turismo"


def test_autosave_of_step_5_returns_the_live_preview(client, titular, wf, answers):
    client.force_login(titular)
    fill(client, wf, answers, steps=("contraparte", "objeto"))
    data = {**answers["texto"], "idiomas": ["es", "fr"]}
    payload = post_step(client, wf, "texto", data, HTTP_ACCEPT="application/json").json()
    assert "ACUERDO DE HERMANAMIENTO ENTRE EL MUNICIPIO DE OAXACA DE JUÁREZ" in payload["preview_html"]
    assert "ACCORD DE JUMELAGE ENTRE LA MUNICIPALITÉ D’OAXACA DE JUÁREZ" in payload["preview_html"]
    assert 'lang="fr"' in payload["preview_html"]


def test_same_step_saved_from_two_pages_gives_the_conflict_page(client, titular, wf, answers, oaxaca):
    client.force_login(titular)
    colleague = official(oaxaca, role="capturista")
    other = client.__class__()
    other.force_login(colleague)
    wf.refresh_from_db()
    loaded_version = wf.version  # both pages were opened at this version
    first = {**answers["diagnostico"], "oficina": "Oficina de Relaciones Internacionales"}
    assert other.post(step_url(wf, "diagnostico"), {"version": loaded_version, **first}).status_code == 302
    second = {**answers["diagnostico"], "oficina": "Dirección de Turismo"}
    response = client.post(step_url(wf, "diagnostico"), {"version": loaded_version, **second})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Otra persona guardó este paso mientras usted lo editaba" in html
    # This page sent no copy of what it started from: every differing field is shown to choose.
    assert re.findall(r'<input type="radio" name="elegir-(\w+)" value="(\w+)"', html) == [
        ("oficina", "theirs"),
        ("oficina", "mine"),
    ]
    assert "</span> Oficina de Relaciones Internacionales</label>" in html
    assert "</span> Dirección de Turismo</label>" in html
    wf.refresh_from_db()
    assert (
        wf.answers["diagnostico"]["oficina"] == "Oficina de Relaciones Internacionales"
    )  # nothing overwritten
    # Choosing "mine" saves it, and says so in the history.
    response = client.post(step_url(wf, "diagnostico"), {"version": wf.version, "resolve": "mine", **second})
    assert response.status_code == 302
    wf.refresh_from_db()
    assert wf.answers["diagnostico"]["oficina"] == "Dirección de Turismo"
    assert wf.events.filter(kind="conflict_resolved", step="diagnostico").count() == 1


def test_saving_different_steps_from_two_pages_is_no_conflict(client, titular, wf, answers):
    client.force_login(titular)
    wf.refresh_from_db()
    version = wf.version
    assert (
        client.post(step_url(wf, "diagnostico"), {"version": version, **answers["diagnostico"]}).status_code
        == 302
    )
    assert client.post(step_url(wf, "objeto"), {"version": version, **answers["objeto"]}).status_code == 302


def test_autosave_conflict_is_a_409_with_a_message(client, titular, wf, answers):
    client.force_login(titular)
    post_step(client, wf, "diagnostico", answers["diagnostico"])
    response = client.post(
        step_url(wf, "diagnostico"), {"version": 1, "objetivo": "Otro"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 409
    assert response.json()["conflict"] is True


def test_submit_needs_every_step_and_the_titular(client, titular, wf, answers, oaxaca):
    capturista = official(oaxaca, role="capturista")
    client.force_login(titular)
    fill(client, wf, answers)
    response = client.post(f"/expedientes/{wf.pk}/enviar/", follow=True)
    assert "No se puede enviar todavía: Carta de intención" in response.content.decode()
    upload_documents(client, wf, answers)
    client.force_login(capturista)
    review = client.get(step_url(wf, "envio")).content.decode()
    assert "Sólo la persona titular (enlace) de su municipio puede enviar el expediente." in review
    assert client.post(f"/expedientes/{wf.pk}/enviar/").status_code == 403
    client.force_login(titular)
    response = client.post(f"/expedientes/{wf.pk}/enviar/")
    assert response["Location"] == f"/expedientes/{wf.pk}/estado/"
    wf.refresh_from_db()
    assert (wf.state, wf.steps_complete, wf.step_statuses["envio"]) == ("enviado", 7, "completo")
    event = wf.events.get(kind="state_changed")
    assert (event.from_state, event.to_state, event.by) == ("borrador", "enviado", titular)


def test_status_page_after_submission_shows_the_history(client, titular, wf, answers):
    client.force_login(titular)
    fill(client, wf, answers)
    upload_documents(client, wf, answers)
    client.post(f"/expedientes/{wf.pk}/enviar/")
    html = client.get(f"/expedientes/{wf.pk}/estado/").content.decode()
    assert "Estado: <strong>Enviado a la SRE</strong>" in html
    kinds = list(wf.events.order_by("at", "pk").values_list("kind", flat=True))
    assert kinds[0] == "created" and kinds[-1] == "state_changed"
    assert kinds.count("step_completed") == 6 and kinds.count("uploaded") == 2
    # The timeline (review workflow): the state reached, and the detail of each event.
    assert "<td><strong>Enviado a la SRE</strong></td>" in html
    assert (
        '<strong>Documento subido</strong><span class="timeline-detail">Carta_de_intencion_firmada.pdf</span>'
        in html
    )


def test_a_submitted_file_is_read_only(client, titular, wf, answers):
    client.force_login(titular)
    fill(client, wf, answers)
    upload_documents(client, wf, answers)
    client.post(f"/expedientes/{wf.pk}/enviar/")
    wf.refresh_from_db()
    response = post_step(client, wf, "diagnostico", {**answers["diagnostico"], "oficina": "Cambio"})
    assert response["Location"] == f"/expedientes/{wf.pk}/estado/"
    wf.refresh_from_db()
    assert wf.answers["diagnostico"]["oficina"] == "Oficina de Asuntos Internacionales"
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.transition(file_id=wf.pk, action="submit", by=titular)


def test_review_page_lists_answers_with_change_links_and_the_precheck(client, titular, wf, answers):
    client.force_login(titular)
    fill(client, wf, answers)
    upload_documents(client, wf, answers)
    html = client.get(step_url(wf, "envio")).content.decode()
    assert (
        f'<a href="/expedientes/{wf.pk}/pasos/contraparte/">Cambiar<span class="visually-hidden"> Contraparte'
        in html
    )
    assert "<dt>Áreas de cooperación</dt><dd>Cultural, Turística</dd>" in html
    assert "<dt>Idiomas del texto</dt><dd>Español, Japonés</dd>" in html
    assert "<dt>Fecha prevista de firma</dt><dd>15 de marzo de 2027</dd>" in html
    assert '<a href="/guia/ley/#articulo-7">LCT art. 7</a>' in html
    assert '<button type="submit">Enviar a la SRE</button>' in html


@time_machine.travel(NOW, tick=False)
def test_municipality_figures_follow_a_later_files_valid_correction_only(client, titular, oaxaca):
    """Issue 13: the figures are the municipality's (one council for every file), edited in any file's step;
    a valid correction replaces them, a refused value (2040: beyond any term) does not."""
    Municipality.objects.filter(pk=oaxaca.pk).update(cabildo_members=15, term_ends_on=dt.date(2027, 9, 30))
    wf = services.working_file_create(municipality=oaxaca, by=titular)
    client.force_login(titular)
    post_step(client, wf, "cabildo", {"integrantes_cabildo": "13", "fin_periodo": "2040-01-01"})
    oaxaca.refresh_from_db()
    assert (oaxaca.cabildo_members, oaxaca.term_ends_on) == (13, dt.date(2027, 9, 30))


@pytest.mark.parametrize("rows", [1, 50])
def test_file_list_query_count_is_constant(client, django_assert_num_queries, titular, oaxaca, rows):
    for _ in range(rows):
        WorkingFileFactory(municipality=oaxaca, counterpart_name="Kioto")
    WorkingFileFactory(counterpart_name="Ajena")  # another municipality's: never listed
    client.force_login(titular)
    client.get("/expedientes/")
    # session, user, memberships, files (with municipality and state)
    with django_assert_num_queries(4):
        response = client.get("/expedientes/")
    assert len(response.context["files"]) == rows
    assert f"{rows} expediente" in response.content.decode()


@pytest.mark.parametrize("rows", [1, 50])
def test_status_page_query_count_is_constant(client, django_assert_num_queries, titular, wf, rows):
    for _ in range(rows):
        WorkingFileEventFactory(
            working_file=wf, kind=WorkingFileEvent.Kind.STEP_COMPLETED, step="objeto", by=titular
        )
    client.force_login(titular)
    client.get(f"/expedientes/{wf.pk}/estado/")
    # session, user, the file (with its dictamen, signature and registry entry), its observations, its events
    # (with their authors), the user's memberships (the actions they may take), its uploads
    with django_assert_num_queries(7):
        response = client.get(f"/expedientes/{wf.pk}/estado/")
    assert len(response.context["timeline"]) == rows + 1


@pytest.mark.parametrize("rows", [1, 50])
def test_task_list_and_step_pages_query_count_is_constant(
    client, django_assert_num_queries, titular, oaxaca, rows
):
    files = [services.working_file_create(municipality=oaxaca, by=titular) for _ in range(rows)]
    client.force_login(titular)
    client.get(f"/expedientes/{files[0].pk}/")
    with django_assert_num_queries(4):  # session, user, memberships, the file
        client.get(f"/expedientes/{files[0].pk}/")
    with django_assert_num_queries(6):  # the same, plus uploads and the themes of step 3's checkboxes
        client.get(step_url(files[0], "objeto"))


def test_partner_city_autocomplete(client):
    # Made-up names: the test database may also hold the real catalogue.
    small = PartnerCityFactory(name="Xqiotango", population=10)
    big = PartnerCityFactory(name="Xqioto", population=1_000)
    inside = PartnerCityFactory(name="Toxqio", population=14_000_000)
    response = client.get("/en/ciudades/buscar/?q=xqio")
    assert response.json() == {
        "results": [
            {"id": big.pk, "name": "Xqioto", "country": "Japan", "label": "Xqioto, Japan"},
            {"id": small.pk, "name": "Xqiotango", "country": "Japan", "label": "Xqiotango, Japan"},
            {"id": inside.pk, "name": "Toxqio", "country": "Japan", "label": "Toxqio, Japan"},
        ]
    }
    assert client.get("/ciudades/buscar/?q=x").json() == {"results": []}


def test_counterpart_without_javascript_matches_the_typed_name(client, titular, wf, answers, kyoto):
    client.force_login(titular)
    data = {**answers["contraparte"], "ciudad": "kioto", "ciudad_id": ""}
    assert post_step(client, wf, "contraparte", data).status_code == 302
    wf.refresh_from_db()
    assert wf.counterpart_name == "Kioto"
    PartnerCityFactory(name="Kioto", population=5)
    response = post_step(client, wf, "contraparte", data)
    html = response.content.decode()
    assert "Hay varias ciudades llamadas «kioto»: elija una de la lista." in html
    assert html.count('name="ciudad_id" value="') == 2
    response = post_step(client, wf, "contraparte", {**data, "ciudad": "Xqzw Inexistente"})
    assert (
        "No encontramos «Xqzw Inexistente» en el catálogo de ciudades extranjeras."
        in response.content.decode()
    )


def test_step_pages_in_english(client, titular, wf):
    client.force_login(titular)
    html = client.get(f"/en/expedientes/{wf.pk}/").content.decode()
    assert "0 of 7 steps complete" in html
    assert "Counterpart" in html and "Contraparte" not in html
    html = client.get(step_url(wf, "diagnostico", lang="/en")).content.decode()
    assert "Responsible office" in html


# --- Issue 13: the council's term end is the value the official sees ---------------------------------------
def autosave(client, wf, step, data):
    """What static/js/wizard.js sends while the official types."""
    return post_step(client, wf, step, data, HTTP_ACCEPT="application/json")


TERM_REFUSED = (
    "Revise la fecha: el fin del periodo del ayuntamiento debe estar entre hoy (20 de noviembre de 2026) "
    "y el 20 de noviembre de 2032. Un ayuntamiento dura tres años en la mayoría de los estados "
    "(algunos fijan otro plazo), así que una fecha ya pasada o a más de seis años es casi siempre un error "
    "de captura."
)


@time_machine.travel(NOW, tick=False)
def test_council_term_correction_reaches_the_municipality(client, titular, wf, answers, oaxaca):
    """A date, then a correction: the correction is kept, on the file and on the municipality."""
    client.force_login(titular)
    assert autosave(client, wf, "cabildo", {**answers["cabildo"], "fin_periodo": "2027-09-30"}).json()[
        "saved"
    ]
    oaxaca.refresh_from_db()
    assert oaxaca.term_ends_on == dt.date(2027, 9, 30)
    assert autosave(client, wf, "cabildo", {**answers["cabildo"], "fin_periodo": "2028-09-30"}).json()[
        "saved"
    ]
    oaxaca.refresh_from_db()
    wf.refresh_from_db()
    assert oaxaca.term_ends_on == dt.date(2028, 9, 30)
    assert wf.answers["cabildo"]["fin_periodo"] == "2028-09-30"
    html = client.get(step_url(wf, "cabildo")).content.decode()
    assert 'name="fin_periodo" value="2028-09-30"' in html  # still editable, showing what is kept


@time_machine.travel(NOW, tick=False)
def test_council_term_far_outside_any_term_is_refused_and_not_recorded(client, titular, wf, answers, oaxaca):
    client.force_login(titular)
    for typed in ("2072-09-30", "2026-11-19", "0207-09-30"):
        response = post_step(client, wf, "cabildo", {**answers["cabildo"], "fin_periodo": typed})
        assert response.status_code == 400, typed
        assert TERM_REFUSED in response.content.decode(), typed
        oaxaca.refresh_from_db()
        wf.refresh_from_db()
        assert oaxaca.term_ends_on is None, typed
        assert wf.answers["cabildo"]["fin_periodo"] == typed  # kept as typed, as a draft
    # The first and the last day of the range are accepted.
    for typed, kept in (("2026-11-20", dt.date(2026, 11, 20)), ("2032-11-20", dt.date(2032, 11, 20))):
        autosave(client, wf, "cabildo", {**answers["cabildo"], "fin_periodo": typed})
        oaxaca.refresh_from_db()
        assert oaxaca.term_ends_on == kept
    html = client.get(step_url(wf, "cabildo")).content.decode()
    assert 'min="2026-11-20"' in html and 'max="2032-11-20"' in html


@time_machine.travel(NOW, tick=False)
def test_council_figures_recorded_elsewhere_are_shown_and_editable(client, titular, wf, answers, oaxaca):
    """Another file or the showcase recorded them: the step shows the record in its fields (no hidden field),
    a valid change here updates the record for every file, and a refused one leaves it alone."""
    Municipality.objects.filter(pk=oaxaca.pk).update(cabildo_members=15, term_ends_on=dt.date(2027, 9, 30))
    client.force_login(titular)
    html = client.get(step_url(wf, "cabildo")).content.decode()
    assert 'name="fin_periodo" value="2027-09-30"' in html
    assert 'name="integrantes_cabildo" value="15"' in html
    data = {**answers["cabildo"], "integrantes_cabildo": "15", "fin_periodo": "2027-09-30"}
    autosave(client, wf, "cabildo", data)
    # The showcase changes the record afterwards: this file now reads and shows the new date.
    Municipality.objects.filter(pk=oaxaca.pk).update(term_ends_on=dt.date(2027, 10, 15))
    html = client.get(step_url(wf, "cabildo")).content.decode()
    assert 'name="fin_periodo" value="2027-10-15"' in html
    wf.refresh_from_db()
    sections = {r["name"]: r["value"] for r in wizard_rows(wf, "cabildo")}
    assert sections["fin_periodo"] == "15 de octubre de 2027"
    # A correction here reaches the record; a refused date does not.
    autosave(client, wf, "cabildo", {**data, "fin_periodo": "2028-09-30", "integrantes_cabildo": "17"})
    oaxaca.refresh_from_db()
    assert (oaxaca.cabildo_members, oaxaca.term_ends_on) == (17, dt.date(2028, 9, 30))
    autosave(client, wf, "cabildo", {**data, "fin_periodo": "2040-01-01"})
    oaxaca.refresh_from_db()
    assert oaxaca.term_ends_on == dt.date(2028, 9, 30)
    html = client.get(step_url(wf, "cabildo")).content.decode()
    assert 'name="fin_periodo" value="2040-01-01"' in html  # the refused draft, as typed


def wizard_rows(wf, step_name):
    from agreements.steps import registry as wizard

    return wizard.STEPS_BY_NAME[step_name].summary_rows(wf.answers[step_name], services.load_context(wf))
