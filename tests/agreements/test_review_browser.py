"""The review workflow in Debian's Chromium (Playwright), with the demo accounts: the official submits; the
reviewer (logged in with a real TOTP code computed from the demo secret) takes the file and asks for changes
on one section; the official answers and resubmits; the reviewer sees the diff and issues a favorable
dictamen; the official records the signature with the signed PDF; the reviewer inscribes it; the agreement
is in /registro/ and counted in /estadisticas/.

Screenshots of every page at 1280 and 390 px go to test-results/review/ (git-ignored).
"""

import os
import re
from pathlib import Path

import pyotp
import pytest
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from accounts.demo import ensure_demo_accounts
from agreements.models import Agreement, WorkingFile
from tests.factories import (
    CountryFactory,
    MunicipalityFactory,
    PartnerCityFactory,
    StateFactory,
    complete_file,
    pdf_bytes,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("REVIEW_SHOTS", Path(__file__).resolve().parents[2] / "test-results" / "review"))
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
OFFICIAL = "oaxaca@demo.ciberparadiplomacia.mx"
REVIEWER = "revisor@demo.ciberparadiplomacia.mx"


def shot(page: Page, name: str) -> None:
    """The page at 1280 px and at 390 px (which must not scroll sideways)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(SHOTS / f"{name}-1280.png"), full_page=True)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
    page.screenshot(path=str(SHOTS / f"{name}-390.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def log_in(browser: Browser, base: str, email: str, password: str, totp: str = "") -> Page:
    page = browser.new_context(viewport=DESKTOP, locale="es-MX").new_page()
    page.goto(base + "/cuentas/login/")
    page.get_by_label("Correo Electrónico").fill(email)
    page.get_by_label("Contraseña").fill(password)
    page.get_by_role("button", name="Iniciar sesión").click()
    if totp:
        expect(page).to_have_url(base + "/cuentas/2fa/authenticate/")
        page.get_by_label("Código").fill(pyotp.TOTP(totp).now())
        page.get_by_role("button", name="Iniciar sesión").click()
    expect(page).to_have_url(base + "/")
    return page


@pytest.fixture
def demo(db):
    oaxaca = MunicipalityFactory(
        cvegeo="20067", code="067", name="Oaxaca de Juárez", state=StateFactory(code="20", name="Oaxaca")
    )
    # The second demo official's municipality: the demo accounts need both.
    jalisco = StateFactory(code="14", name="Jalisco")
    MunicipalityFactory(cvegeo="14039", code="039", name="Guadalajara", state=jalisco)
    japan = CountryFactory(iso2="JP", name_es="Japón", name_en="Japan")
    kyoto = PartnerCityFactory(name="Kioto", country=japan)
    with transaction.atomic():
        report = ensure_demo_accounts()
    official = report.new_credentials[OFFICIAL]
    return {
        "oaxaca": oaxaca,
        "kyoto": kyoto,
        "official_password": official,
        "reviewer_password": report.new_credentials[REVIEWER],
        "reviewer_totp": report.new_totp[REVIEWER],
    }


def test_from_submission_to_the_registry(browser: Browser, live_server, demo, tmp_path):
    from accounts.models import User

    base = live_server.url
    titular = User.objects.get(email=OFFICIAL)
    wf = complete_file(demo["oaxaca"], titular=titular, city=demo["kyoto"])
    file_url = f"{base}/expedientes/{wf.pk}/"

    # 1. The demo official sends the file to the SRE.
    official = log_in(browser, base, OFFICIAL, demo["official_password"])
    official.goto(file_url + "pasos/envio/")
    official.get_by_role("button", name="Enviar a la SRE").click()
    expect(official.get_by_text("El expediente se envió a la SRE.")).to_be_visible()

    # 2. The demo reviewer logs in with a TOTP code and takes it from the queue.
    reviewer = log_in(browser, base, REVIEWER, demo["reviewer_password"], totp=demo["reviewer_totp"])
    reviewer.get_by_role("link", name="Cola de revisión").click()
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("Cola de revisión de la SRE")
    row = reviewer.get_by_role("row", name=re.compile("Acuerdo con Kioto"))
    expect(row).to_contain_text("Enviado a la SRE")
    expect(row).to_contain_text("Sin asignar")
    shot(reviewer, "01-cola")
    row.get_by_role("button", name=re.compile("^Tomar")).click()
    expect(reviewer.get_by_text(re.compile("Expediente asignado a Revisor SRE"))).to_be_visible()
    expect(reviewer.locator(".status-panel")).to_contain_text("En revisión")

    # 3. … and asks for changes on one section (step 3, its «Objeto» field), by keyboard.
    reviewer.get_by_text("Escribir una observación sobre «Objeto y áreas de cooperación»").click()
    reviewer.locator("#obs-objeto-field").select_option(label="Objeto del acuerdo")
    reviewer.locator("#obs-objeto-text").fill("Precise el objeto: ¿qué intercambios concretos se harán?")
    reviewer.locator("#obs-objeto-text").press("Tab")
    reviewer.keyboard.press("Enter")  # «Guardar la observación»
    expect(reviewer.get_by_text("Observación guardada.")).to_be_visible()
    expect(reviewer.get_by_text("Tiene 1 observación sin enviar.")).to_be_visible()
    shot(reviewer, "02-revision-con-observacion")
    reviewer.get_by_role("button", name="Pedir cambios", exact=True).click()
    expect(reviewer.get_by_text("Se enviaron las observaciones al municipio.")).to_be_visible()

    # 4. The official sees it on the task list, edits the section, answers and resubmits.
    official.goto(file_url)
    expect(official.get_by_text("La SRE hizo 1 observación.")).to_be_visible()
    task = official.get_by_role("listitem").filter(has_text="Objeto y áreas de cooperación")
    expect(task).to_contain_text("Requiere atención")
    expect(task).to_contain_text("Precise el objeto")
    shot(official, "03-lista-requiere-atencion")
    official.get_by_role("link", name="Objeto y áreas de cooperación").click()
    expect(official.get_by_role("heading", name="Observaciones de la SRE en este paso")).to_be_visible()
    shot(official, "04-paso-con-observacion")
    official.get_by_label("Objeto del acuerdo").fill(
        "Promover el intercambio cultural y turístico, con dos festivales y un programa de becas al año."
    )
    official.get_by_role("button", name="Guardar y volver a la lista").click()
    official.get_by_role("link", name="Revisión y envío").click()
    answer = official.get_by_label("Su respuesta")
    expect(answer).to_be_visible()
    answer.fill("Precisamos el objeto: dos festivales y un programa de becas cada año.")
    shot(official, "05-responder-y-reenviar")
    official.get_by_role("button", name="Reenviar a la SRE").click()
    expect(official.get_by_text("Se reenvió el expediente a la SRE con sus respuestas.")).to_be_visible()
    expect(official.locator(".status-panel")).to_contain_text("Reenviado a la SRE")

    # 5. The reviewer takes it again, sees the diff and the answer, and issues a favorable dictamen.
    reviewer.goto(f"{base}/revision/")
    reviewer.get_by_role("row", name=re.compile("Acuerdo con Kioto")).get_by_role(
        "button", name=re.compile("^Tomar")
    ).click()
    expect(reviewer.get_by_role("heading", name="Cambios de la ronda 1 a la ronda 2")).to_be_visible()
    changed = reviewer.locator(".diff-table .diff-after")
    # What a screen reader reads: the change announced as removed / added.
    expect(changed.locator("del")).to_have_text(["[quitado: turístico entre ambas ciudades.]"])
    expect(changed.locator("ins")).to_have_text(
        ["[agregado: turístico, con dos festivales y un programa de becas al año.]"]
    )
    expect(reviewer.get_by_text("Respuesta del municipio: Precisamos el objeto")).to_be_visible()
    shot(reviewer, "06-revision-diferencias")
    reviewer.get_by_label("Favorable: el acuerdo puede firmarse").check()
    reviewer.get_by_label("Fundamentación y motivación").fill(
        "El acuerdo se celebra con un órgano gubernamental extranjero y se limita a atribuciones municipales "
        "(LCT arts. 1 y 2 fr. II)."
    )
    reviewer.get_by_role("button", name="Emitir el dictamen").click()
    expect(reviewer.get_by_text("Dictamen emitido: dictaminar favorable.")).to_be_visible()

    # 6. The official records the signature and uploads the signed PDF.
    official.goto(file_url + "estado/")
    expect(official.get_by_role("heading", name="Dictamen de la SRE")).to_be_visible()
    official.get_by_role("link", name="Registrar la firma").click()
    signed = tmp_path / "acuerdo-firmado.pdf"
    signed.write_bytes(pdf_bytes(pages=4))
    official.get_by_label("Lugar de firma").fill("Oaxaca de Juárez")
    official.get_by_label("Fecha de firma").fill(timezone.localdate().isoformat())
    official.get_by_label("Nombre de quien firmó por el municipio").fill("Ana López")
    official.get_by_label("Cargo de quien firmó por el municipio").fill("Presidenta Municipal")
    official.get_by_label("Nombre de quien firmó por la contraparte").fill("Daisaku Kadokawa")
    official.get_by_label("Cargo de quien firmó por la contraparte").fill("Alcalde de Kioto")
    official.get_by_label("Acuerdo firmado (PDF, hasta 20 MB)").set_input_files(str(signed))
    shot(official, "07-registrar-firma")
    official.get_by_role("button", name="Registrar la firma").click()
    expect(official.get_by_text("Firma registrada.")).to_be_visible()

    # 7. The reviewer inscribes it: the number, and the agreement in the registry and its statistics.
    reviewer.goto(f"{base}/revision/expedientes/{wf.pk}/")
    shot(reviewer, "08-listo-para-inscribir")
    reviewer.get_by_role("button", name="Inscribir en el registro").click()
    number = f"RAI-{timezone.localdate().year}-00001"
    expect(reviewer.get_by_text(f"Acuerdo inscrito en el registro con el número {number}.")).to_be_visible()
    shot(reviewer, "09-inscrito-revision")
    agreement = Agreement.objects.get(registration_number=number)
    assert (agreement.source, agreement.municipality_id, agreement.country_id) == ("rai", "20067", "JP")

    official.goto(file_url + "estado/")
    expect(official.locator(".status-panel")).to_contain_text("Inscrito en el registro")
    timeline = official.get_by_role("table", name=re.compile("Todo lo que ha pasado"))
    for step in [
        "Enviado a la SRE",
        "En revisión",
        "Observación de la SRE en «Objeto y áreas de cooperación»",
        "Con observaciones",
        "Respuesta del municipio en «Objeto y áreas de cooperación»",
        "Reenviado a la SRE",
        "Dictamen favorable",
        "Firmado",
        "Inscrito en el registro",
    ]:
        expect(timeline).to_contain_text(step)
    shot(official, "10-estado-inscrito")

    official.goto(f"{base}/registro/?q={number}")
    expect(official.get_by_text("1 acuerdo", exact=True)).to_be_visible()
    official.get_by_role("link", name="Hermanamiento Oaxaca de Juárez–Kioto").click()
    expect(official.get_by_role("heading", level=1)).to_contain_text("Hermanamiento Oaxaca de Juárez–Kioto")
    official.goto(f"{base}/estadisticas/?source=rai")
    expect(official.locator("dl").first).to_contain_text("1")
    assert "<dt>Acuerdos</dt><dd>1</dd>" in official.content()
    wf.refresh_from_db()
    assert (wf.state, wf.review_round) == ("inscrito", 2)

    # The same pages in English.
    reviewer.goto(f"{base}/en/revision/expedientes/{wf.pk}/")
    expect(reviewer.locator("html")).to_have_attribute("lang", "en")
    expect(reviewer.get_by_role("heading", name="History")).to_be_visible()
    shot(reviewer, "11-revision-en")
    reviewer.goto(f"{base}/en/revision/?situacion=todos")
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("SRE review queue")
    shot(reviewer, "12-cola-en")


def test_withdrawal_and_new_version_pages(browser: Browser, live_server, demo):
    from accounts.models import User

    base = live_server.url
    titular = User.objects.get(email=OFFICIAL)
    wf = complete_file(demo["oaxaca"], titular=titular, city=demo["kyoto"])
    official = log_in(browser, base, OFFICIAL, demo["official_password"])
    official.goto(f"{base}/expedientes/{wf.pk}/pasos/envio/")
    official.get_by_role("button", name="Enviar a la SRE").click()
    official.get_by_role("link", name="Retirar el expediente").click()
    official.get_by_label("Motivo (opcional)").fill("Cambio de administración municipal.")
    shot(official, "13-retirar")
    official.get_by_role("button", name="Retirar el expediente").click()
    expect(official.get_by_text("El expediente se retiró.")).to_be_visible()
    shot(official, "14-retirado")
    official.get_by_role("button", name="Crear una nueva versión").click()
    expect(official.get_by_text("Se creó una nueva versión del expediente")).to_be_visible()
    copy = WorkingFile.objects.get(previous_version=wf)
    expect(official).to_have_url(f"{base}/expedientes/{copy.pk}/")
    expect(official.get_by_role("heading", level=1)).to_contain_text("6 de 7 pasos completos")
