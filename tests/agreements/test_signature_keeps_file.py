"""Issue 13 item 5: a PDF that passed its checks is kept across a failed submission of the signature form, its
name is shown, and the second submission succeeds without choosing the file again."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.models import WorkingFile, WorkingFileUpload
from tests.factories import advance, complete_file, pdf_bytes, review_setting

pytestmark = pytest.mark.django_db
TZ = dt.timezone(dt.timedelta(hours=-6))
KEPT = "Archivo ya recibido: acuerdo.pdf (puede elegir otro)"


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def pending_token(response) -> str:
    match = re.search(
        r'<input type="hidden" name="pending_document"(?: value="([^"]*)")?', response.content.decode()
    )
    assert match, "no hidden pending_document field"
    return match.group(1) or ""


@pytest.fixture
def signing(client):
    with time_machine.travel(dt.datetime(2026, 11, 20, 8, tzinfo=TZ)):  # the dictamen is of that morning
        team = review_setting()
        wf = complete_file(team["town"], titular=team["titular"], city=team["kyoto"])
        wf = advance(wf, WorkingFile.State.FAVORABLE, titular=team["titular"], reviewer=team["reviewer"])
    client.force_login(team["titular"])
    return team, wf, f"/expedientes/{wf.pk}/firma/"


def fields(**overrides):
    return {
        "place": "Oaxaca de Juárez",
        "signed_on": "2026-11-20",
        "mx_signatory": "Ana López",
        "mx_signatory_office": "Presidenta Municipal",
        "counterpart_signatory": "Daisaku Kadokawa",
        "counterpart_signatory_office": "Alcalde de Kioto",
        **overrides,
    }


@time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=TZ))
def test_a_valid_pdf_is_kept_when_the_date_is_wrong_and_used_by_the_second_attempt(client, signing):
    _team, wf, url = signing
    pdf = pdf_bytes(pages=3)
    response = client.post(
        url, fields(signed_on="ayer", document=SimpleUploadedFile("acuerdo.pdf", pdf, "application/pdf"))
    )
    assert response.status_code == 400
    text = text_of(response)
    assert "Fecha de firma: Introduzca una fecha válida." in text
    assert KEPT in text
    assert "Este campo es requerido" not in text
    token = pending_token(response)
    assert token
    assert not WorkingFileUpload.objects.filter(kind="acuerdo_firmado").exists()

    # Second attempt: the date corrected, no file chosen.
    response = client.post(url, fields(pending_document=token))
    assert response.status_code == 302
    assert response["Location"] == f"/expedientes/{wf.pk}/estado/"
    wf.refresh_from_db()
    document = wf.signature.document
    assert (document.original_name, document.pages, document.kind) == ("acuerdo.pdf", 3, "acuerdo_firmado")
    with document.file.open("rb") as stored:
        assert stored.read() == pdf
    assert wf.state == "firmado"


@time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=TZ))
def test_the_file_is_kept_when_the_workflow_refuses_the_date(client, signing):
    """A date the form accepts but the workflow refuses (before the dictamen): the file is kept too."""
    _team, wf, url = signing
    response = client.post(
        url,
        fields(
            signed_on="2026-11-19",
            document=SimpleUploadedFile("acuerdo.pdf", pdf_bytes(pages=1), "application/pdf"),
        ),
    )
    assert response.status_code == 400
    assert KEPT in text_of(response)
    response = client.post(url, fields(pending_document=pending_token(response)))
    assert response.status_code == 302
    wf.refresh_from_db()
    assert wf.signature.document.original_name == "acuerdo.pdf"


@time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=TZ))
def test_a_file_that_fails_its_checks_is_not_kept_and_says_why(client, signing):
    _team, _wf, url = signing
    response = client.post(
        url,
        fields(
            signed_on="ayer", document=SimpleUploadedFile("acuerdo.pdf", b"no soy un pdf", "application/pdf")
        ),
    )
    assert response.status_code == 400
    text = text_of(response)
    assert "El archivo no es un PDF (aunque su nombre termine en .pdf)." in text
    assert "Archivo ya recibido" not in text
    assert pending_token(response) == ""


@time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=TZ))
def test_a_forged_or_foreign_token_is_refused(client, signing):
    team, wf, url = signing
    response = client.post(url, fields(pending_document="expedientes/otro.pdf"))
    assert response.status_code == 400
    assert "Acuerdo firmado (PDF, hasta 20 MB): Suba el acuerdo firmado en PDF." in text_of(response)
    # A token made for another file does not work here.
    other = complete_file(team["town"], titular=team["titular"], city=team["kyoto"])
    other = advance(other, WorkingFile.State.FAVORABLE, titular=team["titular"], reviewer=team["reviewer"])
    response = client.post(
        f"/expedientes/{other.pk}/firma/",
        fields(signed_on="ayer", document=SimpleUploadedFile("acuerdo.pdf", pdf_bytes(), "application/pdf")),
    )
    token = pending_token(response)
    response = client.post(url, fields(pending_document=token))
    assert response.status_code == 400
    assert not WorkingFileUpload.objects.filter(kind="acuerdo_firmado").exists()
