"""Inscription: the registry entry made from a signed file, its gap-free per-year number, and the file moving
at once into the public registry and its statistics."""

import datetime as dt

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from agreements.inscription import services as inscription
from agreements.models import Agreement, RegistrySequence, WorkingFile
from agreements.workflow import transitions as workflow
from tests.factories import (
    advance,
    complete_file,
    review_setting,
)

pytestmark = pytest.mark.django_db
State, Action = WorkingFile.State, workflow.Action
NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=-6)))


@pytest.fixture
def team():
    return review_setting()


def signed_file(team) -> WorkingFile:
    wf = complete_file(team["town"], titular=team["titular"], city=team["kyoto"])
    return advance(wf, State.SIGNED, titular=team["titular"], reviewer=team["reviewer"])


def inscribe(wf, team) -> WorkingFile:
    return workflow.transition(file_id=wf.pk, action=Action.INSCRIBE, by=team["reviewer"])


@time_machine.travel(NOW, tick=False)
def test_inscription_creates_the_registry_entry_from_the_file(team):
    wf = inscribe(signed_file(team), team)
    agreement = Agreement.objects.get()
    assert wf.agreement == agreement and wf.state == "inscrito"
    assert {
        "registration_number": agreement.registration_number,
        "title": agreement.title,
        "type": agreement.type,
        "level": agreement.level,
        "state": agreement.state_id,
        "municipality": agreement.municipality_id,
        "mx_signatory_office": agreement.mx_signatory_office,
        "counterpart_name": agreement.counterpart_name,
        "counterpart_level": agreement.counterpart_level,
        "partner_city": agreement.partner_city,
        "country": agreement.country_id,
        "signed_place": agreement.signed_place,
        "signed_on": agreement.signed_on,
        "dictamen_on": agreement.dictamen_on,
        "registered_on": agreement.registered_on,
        "valid_from": agreement.valid_from,
        "valid_until": agreement.valid_until,
        "status": agreement.status,
        "languages": agreement.languages,
        "source": agreement.source,
        "source_detail": agreement.source_detail,
        "themes": sorted(agreement.themes.values_list("code", flat=True)),
    } == {
        "registration_number": "RAI-2026-00001",
        "title": "Hermanamiento Oaxaca de Juárez–Kioto",
        "type": "hermanamiento",
        "level": "municipio",
        "state": "20",
        "municipality": "20067",
        "mx_signatory_office": "Presidenta Municipal",
        "counterpart_name": "Kioto",
        "counterpart_level": "ciudad",
        "partner_city": team["kyoto"],
        "country": "JP",
        "signed_place": "Oaxaca de Juárez",
        "signed_on": dt.date(2026, 11, 20),
        "dictamen_on": dt.date(2026, 11, 20),
        "registered_on": dt.date(2026, 11, 20),
        "valid_from": dt.date(2026, 11, 20),
        "valid_until": dt.date(2028, 11, 20),  # "plazo", 2 years
        "status": "vigente",
        "languages": ["es", "ja"],
        "source": "rai",
        "source_detail": f"Expediente {wf.pk}",
        "themes": ["cultural", "turistica"],
    }
    event = wf.events.get(action="inscribe")
    assert (event.from_state, event.to_state, event.detail, event.by) == (
        "firmado",
        "inscrito",
        "RAI-2026-00001",
        team["reviewer"],
    )


def test_numbers_are_consecutive_within_a_year_and_start_again_the_next(team):
    files = [signed_file(team) for _ in range(4)]
    with time_machine.travel(dt.datetime(2026, 12, 31, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-6)))):
        numbers = [inscribe(wf, team).agreement.registration_number for wf in files[:3]]
    # 1 January in Mexico City, although still 31 December in UTC-12: the local date decides.
    with time_machine.travel(dt.datetime(2027, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=-6)))):
        numbers.append(inscribe(files[3], team).agreement.registration_number)
    assert numbers == ["RAI-2026-00001", "RAI-2026-00002", "RAI-2026-00003", "RAI-2027-00001"]
    assert dict(RegistrySequence.objects.values_list("year", "last_number")) == {2026: 3, 2027: 1}


def test_a_failed_inscription_gives_its_number_back(team, monkeypatch):
    first, second = signed_file(team), signed_file(team)

    def broken(**fields):
        raise RuntimeError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(Agreement.objects, "create", broken)
        with pytest.raises(RuntimeError):
            inscribe(first, team)
    first.refresh_from_db()
    assert (first.state, first.agreement_id) == ("firmado", None)
    assert RegistrySequence.objects.filter(last_number__gt=0).count() == 0
    year = timezone.localdate().year
    assert inscribe(second, team).agreement.registration_number == f"RAI-{year}-00001"
    assert inscribe(first, team).agreement.registration_number == f"RAI-{year}-00002"


@override_settings(AGREEMENTS_REGISTRATION_NUMBER_FORMAT="SRE/DGCP/{number:03d}/{year}")
def test_the_number_format_is_a_setting(team):
    year = timezone.localdate().year
    assert inscribe(signed_file(team), team).agreement.registration_number == f"SRE/DGCP/001/{year}"
    assert inscription.registration_number(2030, 42) == "SRE/DGCP/042/2030"


def test_a_typed_title_and_an_indefinite_validity_are_kept(team):
    wf = complete_file(team["town"], titular=team["titular"], city=team["kyoto"])
    text = {
        **wf.answers["texto"],
        "titulo": "Acuerdo de Hermanamiento Oaxaca–Kioto",
        "vigencia": "indefinida",
    }
    WorkingFile.objects.filter(pk=wf.pk).update(answers={**wf.answers, "texto": text})
    wf.refresh_from_db()
    wf = inscribe(advance(wf, State.SIGNED, titular=team["titular"], reviewer=team["reviewer"]), team)
    agreement = wf.agreement
    assert (agreement.title, agreement.valid_until, agreement.status) == (
        "Acuerdo de Hermanamiento Oaxaca–Kioto",
        None,
        "vigente",
    )


def test_the_inscription_appears_at_once_in_the_registry_and_its_statistics(team, client):
    wf = signed_file(team)
    before = client.get("/registro/?source=rai").content.decode()  # cached now: the write must retire it
    assert "Oaxaca de Juárez–Kioto" not in before and "1 acuerdo" not in before
    assert "<dt>Acuerdos</dt><dd>0</dd>" in client.get("/estadisticas/?source=rai").content.decode()
    agreement = inscribe(wf, team).agreement
    number = agreement.registration_number
    listed = client.get("/registro/?source=rai").content.decode()
    assert "1 acuerdo" in listed and "Hermanamiento Oaxaca de Juárez–Kioto" in listed
    found = client.get(f"/registro/?q={number}").content.decode()
    assert "1 acuerdo" in found and f'href="/registro/{agreement.pk}/"' in found
    assert "<dt>Acuerdos</dt><dd>1</dd>" in client.get("/estadisticas/?source=rai").content.decode()
    assert "<dt>Acuerdos</dt><dd>1</dd>" in client.get("/estadisticas/?country=JP").content.decode()


@time_machine.travel(NOW, tick=False)
def test_inscription_without_a_country_is_refused_and_writes_nothing(team):
    """Every registry entry names the counterpart's country: a file that lost it is refused with a message,
    not a database error, and the file stays signed."""
    from django.core.exceptions import ValidationError

    wf = signed_file(team)
    WorkingFile.objects.filter(pk=wf.pk).update(country=None)
    answers = wf.answers
    answers["contraparte"] = {**answers.get("contraparte", {}), "ciudad_id": "", "ciudad": "Atlántida"}
    WorkingFile.objects.filter(pk=wf.pk).update(answers=answers)
    with pytest.raises(ValidationError, match="no indica el país de la contraparte"):
        inscribe(wf, team)
    assert Agreement.objects.count() == 0
    assert WorkingFile.objects.get(pk=wf.pk).state == State.SIGNED
