"""Issue 13 item 5 in Debian's Chromium: the official records the signature, chooses the signed PDF, gives a
date the SRE refuses (before its dictamen); the page says so, names the PDF it kept, and the second submission
(date corrected, no file chosen again) records the signature with that PDF.

Screenshots at 1280 and 390 px go to test-results/signature/ (git-ignored)."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from agreements.models import WorkingFile
from tests.factories import advance, complete_file, pdf_bytes, review_setting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(
    os.environ.get("SIGNATURE_SHOTS", Path(__file__).resolve().parents[2] / "test-results" / "signature")
)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(SHOTS / f"{name}-1280.png"), full_page=True)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
    page.screenshot(path=str(SHOTS / f"{name}-390.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def logged_in_page(browser: Browser, live_server, user) -> Page:
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=DESKTOP, locale="es-MX")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context.new_page()


def test_the_signature_page_keeps_the_chosen_pdf_across_a_refused_date(
    browser: Browser, live_server, tmp_path
):
    team = review_setting()
    wf = complete_file(team["town"], titular=team["titular"], city=team["kyoto"])
    wf = advance(wf, WorkingFile.State.FAVORABLE, titular=team["titular"], reviewer=team["reviewer"])
    signed = tmp_path / "acuerdo.pdf"
    signed.write_bytes(pdf_bytes(pages=2))
    today = timezone.localdate()

    page = logged_in_page(browser, live_server, team["titular"])
    page.goto(f"{live_server.url}/expedientes/{wf.pk}/firma/")
    page.get_by_label("Lugar de firma").fill("Oaxaca de Juárez")
    page.get_by_label("Fecha de firma").fill((today - dt.timedelta(days=1)).isoformat())
    page.get_by_label("Nombre de quien firmó por el municipio").fill("Ana López")
    page.get_by_label("Cargo de quien firmó por el municipio").fill("Presidenta Municipal")
    page.get_by_label("Nombre de quien firmó por la contraparte").fill("Daisaku Kadokawa")
    page.get_by_label("Cargo de quien firmó por la contraparte").fill("Alcalde de Kioto")
    page.get_by_label("Acuerdo firmado (PDF, hasta 20 MB)").set_input_files(str(signed))
    page.get_by_role("button", name="Registrar la firma").click()

    expect(page.get_by_role("heading", name="Revise el formulario")).to_be_visible()
    document = page.get_by_label("Acuerdo firmado (PDF, hasta 20 MB)")
    expect(document).to_have_accessible_description("Archivo ya recibido: acuerdo.pdf (puede elegir otro)")
    expect(page.get_by_text("Este campo es requerido.")).to_have_count(0)
    shot(page, "01-firma-archivo-conservado")

    page.get_by_label("Fecha de firma").fill(today.isoformat())
    page.get_by_role("button", name="Registrar la firma").click()
    expect(page.get_by_text("Firma registrada. La SRE inscribirá el acuerdo en el registro.")).to_be_visible()
    assert page.url == f"{live_server.url}/expedientes/{wf.pk}/estado/"
    wf.refresh_from_db()
    assert wf.state == "firmado"
    assert (wf.signature.signed_on, wf.signature.document.original_name, wf.signature.document.pages) == (
        today,
        "acuerdo.pdf",
        2,
    )
