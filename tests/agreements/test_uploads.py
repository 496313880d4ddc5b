"""PDF uploads: checked by content, stored under random names, downloadable only by those allowed."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from agreements.domain.uploads import MAX_UPLOAD_BYTES, check_pdf, sanitise_filename
from agreements.models import WorkingFileUpload
from agreements.steps import services
from tests.factories import MunicipalityFactory, official, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _spanish():
    """Messages are checked in Spanish, whatever language an earlier test left active in this thread."""
    with translation.override("es-mx"):
        yield


def upload(content: bytes, name: str = "carta.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "application/pdf")


def test_a_real_pdf_passes():
    checked = check_pdf(upload(pdf_bytes(pages=3), "Carta final.pdf"))
    assert (checked.name, checked.pages) == ("Carta_final.pdf", 3)
    assert len(checked.sha256) == 64


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (b"Hola, esto es texto", "not_pdf", "El archivo no es un PDF"),
        (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "not_pdf", "El archivo no es un PDF"),
        (b"%PDF-1.7\n%garbage without objects or trailer", "malformed", "El PDF está dañado o incompleto"),
        (pdf_bytes(encrypted=True), "encrypted", "El PDF está protegido con contraseña o cifrado"),
        (b"", "empty", "El archivo está vacío."),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(content, code, message):
    with pytest.raises(ValidationError) as caught:
        check_pdf(upload(content))
    assert caught.value.code == code
    assert str(caught.value.messages[0]).startswith(message)


def test_a_file_over_20_mb_is_refused():
    big = upload(pdf_bytes() + b"\n%" + b"0" * MAX_UPLOAD_BYTES)
    with pytest.raises(ValidationError) as caught:
        check_pdf(big)
    assert caught.value.code == "too_big"
    assert caught.value.messages == ["El archivo pesa 20.0 MB; el máximo es 20 MB."]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\ana\\Acta de cabildo (final).PDF", "Acta_de_cabildo_final.pdf"),
        ("carta;rm -rf ~.pdf", "carta_rm_-rf.pdf"),
        ("Año 2026 — intención.pdf", "Ano_2026_intencion.pdf"),
        ("....pdf", "documento.pdf"),
    ],
)
def test_filenames_are_sanitised(name, expected):
    assert sanitise_filename(name) == expected


@pytest.fixture
def letter_step(client):
    """A titular's new working file, and a function that posts step 4 (the letter of intent) for it."""
    municipality = MunicipalityFactory()
    titular = official(municipality)
    wf = services.working_file_create(municipality=municipality, by=titular)
    client.force_login(titular)
    return wf, lambda data: client.post(f"/expedientes/{wf.pk}/pasos/carta/", {"version": wf.version, **data})


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "expedientes"
    return sorted(root.glob("*")) if root.exists() else []


def test_upload_is_stored_outside_static_under_a_random_name_and_downloads_with_its_name(client, letter_step):
    wf, post = letter_step
    before = stored_files()
    response = post({"carta_pdf": upload(pdf_bytes(), "Carta de Kioto.pdf")})
    assert response.status_code == 302
    record = WorkingFileUpload.objects.get()
    path = Path(record.file.path)
    assert stored_files() == sorted([*before, path])
    assert path.name != "Carta de Kioto.pdf" and len(path.stem) == 32
    assert not str(path).startswith(str(settings.BASE_DIR / "static"))
    assert record.original_name == "Carta_de_Kioto.pdf"
    download = client.get(f"/expedientes/{wf.pk}/documentos/{record.pk}/")
    assert download["Content-Disposition"] == 'attachment; filename="Carta_de_Kioto.pdf"'
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == path.read_bytes()
    # Another municipality's official cannot fetch it, even knowing both ids.
    client.force_login(official(MunicipalityFactory()))
    assert client.get(f"/expedientes/{wf.pk}/documentos/{record.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"MZ\x90\x00 not a pdf at all", "El archivo no es un PDF (aunque su nombre termine en .pdf)."),
        (pdf_bytes(encrypted=True), "El PDF está protegido con contraseña o cifrado. Súbalo sin protección."),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >>", "El PDF está dañado o incompleto y no se puede abrir."),
    ],
)
def test_a_refused_upload_is_not_stored_and_the_step_says_why(client, letter_step, content, message):
    wf, post = letter_step
    before = stored_files()
    response = post({"carta_pdf": upload(content), "carta_fecha": "2026-10-01"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert WorkingFileUpload.objects.count() == 0
    assert stored_files() == before
    wf.refresh_from_db()
    assert wf.answers["carta"] == {"carta_fecha": "2026-10-01"}  # the rest of the step is kept
    assert os.path.isdir(settings.MEDIA_ROOT)
