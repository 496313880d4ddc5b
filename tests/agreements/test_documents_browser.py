"""Generated documents in Debian's Chromium: generate the agreement draft, watch "Generando…" become the
links, download both files and read them; the same without JavaScript; the notification centre.

The test process plays the worker: Celery is switched out of eager mode for the test, so "Generar" only
queues the tasks (in-memory broker, nobody consuming) and the page shows "Generando…"; the test then runs
each queued document's task itself, as a worker would, and the page's script finds the links.
Screenshots at 1280 and 390 px go to test-results/documents/ (git-ignored).
"""

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from playwright.sync_api import Browser, Page, expect

from agreements.models import GeneratedDocument
from agreements.tasks import generate_document
from ciberparadiplomacia.celery import app
from notifications.services import notify
from tests.agreements.test_wizard_browser import DESKTOP, PASSWORD, PHONE
from tests.conftest import require
from tests.factories import CountryFactory, MunicipalityFactory, PartnerCityFactory, complete_file, official

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(
    os.environ.get("DOCUMENTS_SHOTS", Path(__file__).resolve().parents[2] / "test-results" / "documents")
)


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def log_in(browser: Browser, live_server, email: str, viewport=DESKTOP, **options) -> Page:
    context = browser.new_context(viewport=viewport, locale="es-MX", accept_downloads=True, **options)
    page = context.new_page()
    page.goto(f"{live_server.url}/cuentas/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(re.compile(r"^(?!.*/cuentas/login/).*$"))
    return page


@pytest.fixture
def queued_not_run():
    """Tasks go to the (in-memory) broker instead of running inline: nothing builds until the test does."""
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


def work_off_the_queue() -> list[int]:
    """What a worker would do: run every pending document's task."""
    pending = list(GeneratedDocument.objects.filter(status="pending").values_list("pk", flat=True))
    for pk in pending:
        generate_document.apply(kwargs={"document_id": pk})
    return pending


@pytest.fixture
def kyoto_file(db):
    japan = CountryFactory(iso2="JP", name_es="Japón", name_en="Japan")
    oaxaca = MunicipalityFactory(cvegeo="20067", name="Oaxaca de Juárez")
    titular = official(oaxaca, role="titular", email="enlace@oaxaca.gob.mx", password=PASSWORD)
    wf = complete_file(oaxaca, titular=titular, city=PartnerCityFactory(name="Kioto", country=japan))
    wf.answers["texto"]["idiomas"] = ["es", "en"]
    wf.save()
    return wf


def test_generate_the_agreement_draft_and_download_both_files(
    browser: Browser, live_server, kyoto_file, queued_not_run, tmp_path
):
    wf = kyoto_file
    page = log_in(browser, live_server, "enlace@oaxaca.gob.mx")
    page.goto(f"{live_server.url}/expedientes/{wf.pk}/documentos/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Documentos del expediente")
    shot(page, "documents-empty-1280")

    section = page.locator("#doc-acuerdo")
    section.get_by_role("button", name="Generar: Borrador del acuerdo").click()
    expect(section.locator(".doc-working")).to_have_count(2)
    expect(section.locator(".doc-working").first).to_have_text("Generando…")
    shot(page, "documents-generating-1280")

    assert len(work_off_the_queue()) == 2
    word_link = section.get_by_role("link", name="Descargar Borrador del acuerdo, Word (DOCX), editable")
    pdf_link = section.get_by_role("link", name="Descargar Borrador del acuerdo, PDF")
    expect(word_link).to_be_visible(timeout=10_000)
    expect(pdf_link).to_be_visible(timeout=10_000)
    expect(page.locator("[data-announce]")).to_contain_text("Documento listo: Borrador del acuerdo")
    shot(page, "documents-ready-1280")

    with page.expect_download() as download_info:
        word_link.click()
    word_file = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(word_file)
    assert download_info.value.suggested_filename == "acuerdo-oaxaca-de-juarez-kioto-v1.docx"
    with page.expect_download() as download_info:
        pdf_link.click()
    pdf_file = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(pdf_file)
    assert download_info.value.suggested_filename == "acuerdo-oaxaca-de-juarez-kioto-v1.pdf"

    paragraphs = [p.text for p in docx.Document(io.BytesIO(word_file.read_bytes())).paragraphs]
    assert (
        "ARTÍCULO II. Áreas de cooperación" in paragraphs and "ARTICLE II. Areas of cooperation" in paragraphs
    )
    assert any(
        p.startswith("Firmado en Oaxaca de Juárez, el ") and "español e inglés" in p for p in paragraphs
    )
    assert any(
        p.startswith("Signed at Oaxaca de Juárez, on ") and "Spanish and English" in p for p in paragraphs
    )
    require(bool(shutil.which("pdftotext")), "pdftotext (Debian poppler-utils)")
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf_file), "-"], capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    for phrase in (
        "«las Partes»",
        "“the Parties”",
        "cultura y turismo",
        "culture and tourism",
        "POR GOBIERNO DE LA CIUDAD DE KIOTO",
    ):
        assert phrase in text, phrase

    # Asking again with unchanged answers: the same version, ready at once, nothing queued.
    section.get_by_role("button", name="Generar de nuevo: Borrador del acuerdo").click()
    expect(word_link).to_be_visible()
    assert GeneratedDocument.objects.count() == 2
    assert work_off_the_queue() == []

    page.set_viewport_size(PHONE)
    page.reload()
    shot(page, "documents-ready-390")
    page.set_viewport_size(DESKTOP)
    page.keyboard.press("Tab")  # the skip link first: the page is keyboard-reachable from the top
    expect(page.locator(":focus")).to_have_text("Saltar al contenido")


def test_without_javascript_the_page_reloads_to_the_link(
    browser: Browser, live_server, kyoto_file, queued_not_run
):
    wf = kyoto_file
    page = log_in(browser, live_server, "enlace@oaxaca.gob.mx", java_script_enabled=False)
    page.goto(f"{live_server.url}/expedientes/{wf.pk}/documentos/")
    page.locator("#doc-carta").get_by_role("button", name="Generar: Carta de intención").click()
    expect(page).to_have_url(re.compile(rf"/expedientes/{wf.pk}/documentos/#doc-carta$"))
    expect(page.locator("#doc-carta .doc-working")).to_have_count(2)
    expect(page.get_by_text("Hay documentos generándose.")).to_be_visible()
    work_off_the_queue()
    page.get_by_role("link", name="Recargar").click()
    expect(page.locator("#doc-carta").get_by_role("link", name=re.compile("^Descargar"))).to_have_count(2)
    expect(page.get_by_text("Hay documentos generándose.")).to_have_count(0)


def test_notification_centre_badge_and_preferences(browser: Browser, live_server, kyoto_file):
    titular = kyoto_file.created_by
    notify(
        recipients=[titular],
        kind="workflow.request_changes",
        subject="La SRE pidió cambios: Kioto",
        message="Responda cada observación y reenvíe el expediente.",
        url=f"/expedientes/{kyoto_file.pk}/",
        action_required=True,
    )
    for viewport, suffix in ((DESKTOP, "1280"), (PHONE, "390")):
        page = log_in(browser, live_server, "enlace@oaxaca.gob.mx", viewport=viewport)
        if viewport is PHONE:
            # On a phone the menu is collapsed: its button carries the count, and opens the menu.
            page.get_by_role("button", name="Menú 1 sin leer").click()
        badge = page.locator(".nav-notifications [data-unread-badge]")
        expect(badge).to_be_visible()
        expect(page.get_by_role("link", name="Notificaciones 1 sin leer")).to_be_visible()
        page.get_by_role("link", name="Notificaciones 1 sin leer").click()
        expect(
            page.get_by_role("heading", level=2, name="Sin leer: La SRE pidió cambios: Kioto")
        ).to_be_visible()
        shot(page, f"notifications-{suffix}")
        page.get_by_role("link", name="Preferencias de correo").click()
        shot(page, f"preferences-{suffix}")
        page.context.close()

    page = log_in(browser, live_server, "enlace@oaxaca.gob.mx")
    page.goto(f"{live_server.url}/notificaciones/")
    page.get_by_role("button", name="Abrir: La SRE pidió cambios: Kioto").click()
    expect(page).to_have_url(re.compile(rf"/expedientes/{kyoto_file.pk}/$"))
    expect(page.locator(".nav-notifications [data-unread-badge]")).to_be_hidden()
    page.goto(f"{live_server.url}/notificaciones/preferencias/")
    page.get_by_label("Recibir recordatorios por correo").uncheck()
    page.get_by_role("button", name="Guardar preferencias").click()
    expect(page.get_by_text("Preferencias guardadas.")).to_be_visible()
    expect(page.get_by_label("Recibir recordatorios por correo")).not_to_be_checked()
