"""Two people editing the same step: a per-field merge against the version each side started from (13.4).

A field changed on one side only is taken from that side, with no conflict page; a field changed on both sides
is a conflict, shown side by side to choose per field. The page carries the answers it started from (signed).
"""

import html
import re

import pytest

from agreements.models import WorkingFile
from agreements.steps import services
from tests.factories import MunicipalityFactory, PartnerCityFactory, complete_step_answers, official

pytestmark = pytest.mark.django_db

OFFICE_A = "Oficina de Relaciones Internacionales"
GOAL_B = "Cooperación técnica en agua potable con ciudades hermanas."


@pytest.fixture
def oaxaca():
    return MunicipalityFactory(cvegeo="20067", name="Oaxaca de Juárez")


@pytest.fixture
def titular(oaxaca):
    return official(oaxaca, role="titular")


@pytest.fixture
def capturista(oaxaca):
    return official(oaxaca, role="capturista")


@pytest.fixture
def start(oaxaca, titular):
    """A file whose step 1 is saved: the version and answers both pages were opened from."""
    answers = complete_step_answers(
        city=PartnerCityFactory(name="Kioto"), signing_date="2027-03-15", session_date="2026-11-05"
    )["diagnostico"]
    wf = services.working_file_create(municipality=oaxaca, by=titular)
    services.step_save(
        working_file_id=wf.pk, step_name="diagnostico", data=answers, base_version=wf.version, by=titular
    )
    wf.refresh_from_db()
    return wf, dict(wf.answers["diagnostico"])


def save(wf, by, data, *, version, base):
    return services.step_save(
        working_file_id=wf.pk,
        step_name="diagnostico",
        data=data,
        base_version=version,
        base_answers=base,
        by=by,
    )


# --- The service --------------------------------------------------------------------------------------------
def test_disjoint_edits_are_merged_without_conflict(start, titular, capturista):
    wf, base = start
    save(wf, titular, {**base, "oficina": OFFICE_A}, version=wf.version, base=base)
    outcome = save(wf, capturista, {**base, "objetivo": GOAL_B}, version=wf.version, base=base)
    stored = WorkingFile.objects.get(pk=wf.pk).answers["diagnostico"]
    assert stored == {**base, "oficina": OFFICE_A, "objetivo": GOAL_B}
    assert outcome.merged == ["oficina"]
    assert outcome.changed is True
    assert outcome.valid is True


def test_a_page_that_changed_nothing_takes_the_other_save_whole(start, titular, capturista):
    wf, base = start
    save(wf, titular, {**base, "oficina": OFFICE_A}, version=wf.version, base=base)
    outcome = save(wf, capturista, dict(base), version=wf.version, base=base)
    assert WorkingFile.objects.get(pk=wf.pk).answers["diagnostico"] == {**base, "oficina": OFFICE_A}
    assert outcome.merged == ["oficina"]
    assert outcome.changed is False


def test_same_field_edits_conflict_with_both_values_and_the_base(start, titular, capturista):
    wf, base = start
    save(wf, titular, {**base, "oficina": OFFICE_A}, version=wf.version, base=base)
    current = WorkingFile.objects.get(pk=wf.pk)
    with pytest.raises(services.StepConflict) as caught:
        save(
            wf,
            capturista,
            {**base, "oficina": "Dirección de Turismo", "objetivo": GOAL_B},
            version=wf.version,
            base=base,
        )
    conflict = caught.value
    assert conflict.conflicts == ["oficina"]
    assert conflict.base["oficina"] == "Oficina de Asuntos Internacionales"
    assert conflict.theirs["oficina"] == OFFICE_A
    assert conflict.mine["oficina"] == "Dirección de Turismo"
    # What is not in conflict is already merged: B's objective, and A's office until someone chooses.
    assert conflict.merged == {**base, "oficina": OFFICE_A, "objetivo": GOAL_B}
    assert conflict.version == current.version
    assert WorkingFile.objects.get(pk=wf.pk).answers["diagnostico"] == {**base, "oficina": OFFICE_A}


def test_same_value_typed_on_both_sides_is_no_conflict(start, titular, capturista):
    wf, base = start
    save(wf, titular, {**base, "oficina": OFFICE_A}, version=wf.version, base=base)
    outcome = save(wf, capturista, {**base, "oficina": OFFICE_A}, version=wf.version, base=base)
    assert outcome.merged == []
    assert WorkingFile.objects.get(pk=wf.pk).answers["diagnostico"]["oficina"] == OFFICE_A


def test_without_the_base_every_differing_field_is_a_conflict(start, titular, capturista):
    wf, base = start
    save(wf, titular, {**base, "oficina": OFFICE_A}, version=wf.version, base=base)
    with pytest.raises(services.StepConflict) as caught:
        save(wf, capturista, {**base, "objetivo": GOAL_B}, version=wf.version, base=None)
    assert caught.value.conflicts == ["objetivo", "oficina"]
    assert caught.value.base is None


def test_answers_as_data_round_trips_through_the_form():
    answers = {"temas": ["cultural", "turistica"], "objeto": "Intercambio «cultural» — ñ\n2", "tema_otra": ""}
    data = services.answers_as_data(answers)
    assert data.getlist("temas") == ["cultural", "turistica"]
    assert data["objeto"] == "Intercambio «cultural» — ñ\n2"
    assert data["tema_otra"] == ""
    assert "comite" not in services.answers_as_data({"comite": False})
    assert services.answers_as_data({"comite": True})["comite"] == "on"


# --- The pages --------------------------------------------------------------------------------
def step_url(wf, step="diagnostico"):
    return f"/expedientes/{wf.pk}/pasos/{step}/"


def opened(client, wf) -> dict:
    """The hidden fields of the step page as a browser would post them back."""
    page = client.get(step_url(wf)).content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="(version|base)" value="([^"]*)"', page))
    return {name: html.unescape(value) for name, value in fields.items()}


def test_disjoint_edits_from_two_pages_save_both_and_say_so(client, start, titular, capturista):
    wf, base = start
    other = client.__class__()
    client.force_login(titular)
    other.force_login(capturista)
    page_a, page_b = opened(client, wf), opened(other, wf)
    assert client.post(step_url(wf), {**page_a, **base, "oficina": OFFICE_A}).status_code == 302
    response = other.post(step_url(wf), {**page_b, **base, "objetivo": GOAL_B}, follow=True)
    assert response.redirect_chain == [(f"/expedientes/{wf.pk}/", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Guardado 00:00. «Diagnóstico»: Completo.".replace(
            "00:00", re.search(r"Guardado (\d\d:\d\d)", response.content.decode()).group(1)
        ),
        "Se incorporaron también los cambios que otra persona guardó mientras usted escribía: "
        "Oficina responsable.",
    ]
    stored = WorkingFile.objects.get(pk=wf.pk).answers["diagnostico"]
    assert (stored["oficina"], stored["objetivo"]) == (OFFICE_A, GOAL_B)


def test_autosave_json_says_which_fields_were_merged(client, start, titular, capturista):
    wf, base = start
    other = client.__class__()
    client.force_login(titular)
    other.force_login(capturista)
    page_a, page_b = opened(client, wf), opened(other, wf)
    client.post(step_url(wf), {**page_a, **base, "oficina": OFFICE_A}, HTTP_ACCEPT="application/json")
    body = other.post(
        step_url(wf), {**page_b, **base, "objetivo": GOAL_B}, HTTP_ACCEPT="application/json"
    ).json()
    assert body["saved"] is True
    assert body["merged"] == [{"name": "oficina", "label": "Oficina responsable", "value": OFFICE_A}]
    assert body["conflicts"] == []
    assert body["message"].endswith("Se incorporaron los cambios de otra persona en: Oficina responsable.")
    # The next autosave starts from the merged answers: it keeps A's office.
    wf.refresh_from_db()
    assert body["version"] == wf.version
    more = {"version": body["version"], "base": body["base"], **base, "oficina": OFFICE_A}
    more["objetivo"] = GOAL_B + " Y saneamiento."
    assert other.post(step_url(wf), more, HTTP_ACCEPT="application/json").json()["merged"] == []
    stored = WorkingFile.objects.get(pk=wf.pk).answers["diagnostico"]
    assert (stored["oficina"], stored["objetivo"]) == (OFFICE_A, GOAL_B + " Y saneamiento.")


def test_autosave_json_names_the_conflicting_fields(client, start, titular, capturista):
    wf, base = start
    other = client.__class__()
    client.force_login(titular)
    other.force_login(capturista)
    page_a, page_b = opened(client, wf), opened(other, wf)
    client.post(step_url(wf), {**page_a, **base, "oficina": OFFICE_A}, HTTP_ACCEPT="application/json")
    response = other.post(
        step_url(wf),
        {**page_b, **base, "oficina": "Dirección de Turismo", "objetivo": GOAL_B},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 409
    body = response.json()
    assert body["saved"] is False and body["conflict"] is True
    assert body["conflicts"] == [{"name": "oficina", "label": "Oficina responsable"}]
    assert body["merged"] == []
    assert body["message"] == (
        "Otra persona guardó este paso mientras usted escribía y cambió también: Oficina responsable. "
        "Pulse «Guardar» para comparar."
    )


def test_conflict_page_lets_choose_per_field(client, start, titular, capturista):
    wf, base = start
    other = client.__class__()
    client.force_login(titular)
    other.force_login(capturista)
    page_a, page_b = opened(client, wf), opened(other, wf)
    a = {**base, "oficina": OFFICE_A, "enlace_cargo": "Coordinadora"}
    assert client.post(step_url(wf), {**page_a, **a}).status_code == 302
    b = {**base, "oficina": "Dirección de Turismo", "enlace_cargo": "Jefa de área", "objetivo": GOAL_B}
    response = other.post(step_url(wf), {**page_b, **b})
    assert response.status_code == 409
    page = response.content.decode()
    assert [h.strip() for h in re.findall(r'<th scope="col">(.*?)</th>', page)] == [
        "Campo",
        "Cuando usted abrió el paso",
        "Lo que guardó otra persona mientras usted editaba",
        "Lo que usted escribió (sin guardar)",
    ]
    # One labelled pair of radio buttons per field changed on both sides, and only those.
    assert re.findall(r'<input type="radio" name="elegir-([a-z_]+)" value="(mine|theirs)"', page) == [
        ("oficina", "theirs"),
        ("oficina", "mine"),
        ("enlace_cargo", "theirs"),
        ("enlace_cargo", "mine"),
    ]
    assert "Se conservan sin preguntar: de usted, «Objetivo de la internacionalización del municipio»." in (
        " ".join(page.split())
    )
    resolution = html.unescape(re.search(r'name="resolucion" value="([^"]*)"', page).group(1))
    assert WorkingFile.objects.get(pk=wf.pk).answers["diagnostico"] == a  # nothing written yet
    # B keeps A's office and its own title; B's objective was merged.
    response = other.post(
        step_url(wf), {"resolucion": resolution, "elegir-oficina": "theirs", "elegir-enlace_cargo": "mine"}
    )
    assert response.status_code == 302
    wf.refresh_from_db()
    assert wf.answers["diagnostico"] == {
        **base,
        "oficina": OFFICE_A,
        "enlace_cargo": "Jefa de área",
        "objetivo": GOAL_B,
    }
    assert wf.events.filter(kind="conflict_resolved", step="diagnostico").count() == 1


def test_a_forged_base_is_ignored(client, start, titular, capturista):
    wf, base = start
    other = client.__class__()
    client.force_login(titular)
    other.force_login(capturista)
    page_a, page_b = opened(client, wf), opened(other, wf)
    client.post(step_url(wf), {**page_a, **base, "oficina": OFFICE_A})
    # A base claiming the office was already A's would take B's old office silently: refused,
    # whole-step conflict.
    forged = {**page_b, "base": page_b["base"][:-3] + "xyz", **base, "objetivo": GOAL_B}
    response = other.post(step_url(wf), forged)
    assert response.status_code == 409
    assert WorkingFile.objects.get(pk=wf.pk).answers["diagnostico"]["oficina"] == OFFICE_A


# --- Item 6: the wizard's pages are never served from a cache ----------------------------------------
@pytest.mark.parametrize(
    "path", ["/expedientes/", "/expedientes/{pk}/", "/expedientes/{pk}/pasos/diagnostico/"]
)
def test_wizard_pages_are_not_stored(client, start, titular, path):
    wf, _base = start
    client.force_login(titular)
    response = client.get(path.format(pk=wf.pk))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"].split(", ")
