"""The wizard in Debian's Chromium (Playwright): autosave across devices, a full submission, a conflict.

Screenshots of every page at 1280 and 390 px go to test-results/wizard/ (git-ignored).
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from agreements.models import WorkingFile
from tests.factories import CountryFactory, MunicipalityFactory, PartnerCityFactory, official, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# pytest-playwright empties test-results/ when a session starts; WIZARD_SHOTS can point elsewhere.
SHOTS = Path(os.environ.get("WIZARD_SHOTS", Path(__file__).resolve().parents[2] / "test-results" / "wizard"))
PASSWORD = "contraseña-de-prueba-1"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def log_in(browser: Browser, live_server, email: str, viewport=DESKTOP) -> Page:
    context = browser.new_context(viewport=viewport, locale="es-MX")
    page = context.new_page()
    page.goto(f"{live_server.url}/cuentas/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(re.compile(r"^(?!.*/cuentas/login/).*$"))
    return page


def wait_saved(page: Page) -> None:
    expect(page.locator("#estado-guardado")).to_have_text(re.compile(r"^Guardado \d\d:\d\d$"), timeout=10_000)


@pytest.fixture
def setting(db):
    japan = CountryFactory(iso2="JP", name_es="Japón", name_en="Japan")
    kyoto = PartnerCityFactory(name="Kioto", country=japan, population=1_460_000)
    PartnerCityFactory(
        name="Kiotari", country=CountryFactory(iso2="GR", iso3="GRC", name_es="Grecia", name_en="Greece")
    )
    oaxaca = MunicipalityFactory(cvegeo="20067", name="Oaxaca de Juárez")
    user = official(oaxaca, role="titular", email="enlace@oaxaca.gob.mx", password=PASSWORD)
    return {"kyoto": kyoto, "oaxaca": oaxaca, "user": user}


def test_official_fills_four_steps_resumes_elsewhere_and_submits(
    browser: Browser, live_server, setting, tmp_path
):
    page = log_in(browser, live_server, "enlace@oaxaca.gob.mx")
    page.goto(f"{live_server.url}/expedientes/")
    page.get_by_role("link", name="Nuevo expediente").click()
    shot(page, "01-nuevo-expediente-1280")
    page.get_by_role("button", name="Crear expediente").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("0 de 7 pasos completos")
    file_url = page.url
    wf = WorkingFile.objects.get()

    # Step 1, typed only: autosave does the saving.
    page.get_by_role("link", name="Diagnóstico").click()
    page.get_by_label("Objetivo de la internacionalización del municipio").fill("Atraer turismo cultural.")
    page.get_by_label("Oficina responsable").fill("Oficina de Asuntos Internacionales")
    page.get_by_label("Nombre de la persona enlace").fill("Ana López")
    page.get_by_label("Cargo de la persona enlace").fill("Directora")
    page.get_by_label("Correo electrónico de la persona enlace").fill("ana@oaxaca.gob.mx")
    wait_saved(page)
    shot(page, "02-paso-diagnostico-1280")

    # Step 2: the counterpart city through the autocomplete (keyboard only).
    page.goto(file_url + "pasos/contraparte/")
    page.get_by_label("Gobierno de una ciudad o municipio").check()
    city = page.get_by_role("combobox", name="Ciudad extranjera")
    city.press_sequentially("Kiot", delay=50)
    expect(page.get_by_role("option").first).to_have_text("Kioto, Japón")
    shot(page, "03-paso-contraparte-autocompletar-1280")
    city.press("ArrowDown")
    city.press("Enter")
    expect(city).to_have_value("Kioto, Japón")
    page.get_by_label("Órgano de gobierno de la contraparte").fill("Gobierno de la Ciudad de Kioto")
    page.get_by_label("Persona de contacto en la contraparte").fill("Hiroshi Tanaka")
    wait_saved(page)

    # Step 3.
    page.goto(file_url + "pasos/objeto/")
    page.get_by_label("Objeto del acuerdo").fill("Promover el intercambio cultural y turístico.")
    page.get_by_label("Cultural", exact=True).check()
    page.get_by_label("Seguridad", exact=True).check()
    page.get_by_label("Intercambio de experiencias e información").check()
    wait_saved(page)

    # Step 5 (needs 2 and 3, now complete): the live preview follows the answers.
    page.goto(file_url + "pasos/texto/")
    page.get_by_label("Hermanamiento").check()
    page.get_by_role("checkbox", name="Japonés").check()
    page.get_by_label("Por un plazo fijo").check()
    page.get_by_label("Años de vigencia (si es por plazo fijo)").fill("2")
    page.get_by_label("Fecha prevista de firma").fill("2027-03-15")
    page.get_by_label("Lugar previsto de firma").fill("Oaxaca de Juárez")
    page.get_by_label("Sujeto a la disponibilidad presupuestal de cada Parte (recomendado)").check()
    page.get_by_label("De común acuerdo entre las Partes (recomendado)").check()
    wait_saved(page)
    expect(page.locator("#preview-body")).to_contain_text(
        "ACUERDO DE HERMANAMIENTO ENTRE EL MUNICIPIO DE OAXACA DE JUÁREZ"
    )
    shot(page, "04-paso-texto-vista-previa-1280")
    page.context.close()  # no button pressed anywhere in the wizard

    # Another device: everything is where it was left.
    page = log_in(browser, live_server, "enlace@oaxaca.gob.mx")
    page.goto(file_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Acuerdo con Kioto")
    expect(page.get_by_role("heading", level=1)).to_contain_text("4 de 7 pasos completos")
    shot(page, "05-lista-de-pasos-1280")
    page.goto(file_url + "pasos/diagnostico/")
    expect(page.get_by_label("Objetivo de la internacionalización del municipio")).to_have_value(
        "Atraer turismo cultural."
    )
    expect(page.get_by_label("Oficina responsable")).to_have_value("Oficina de Asuntos Internacionales")
    expect(page.get_by_label("Nombre de la persona enlace")).to_have_value("Ana López")
    expect(page.get_by_label("Cargo de la persona enlace")).to_have_value("Directora")
    expect(page.get_by_label("Correo electrónico de la persona enlace")).to_have_value("ana@oaxaca.gob.mx")
    page.goto(file_url + "pasos/contraparte/")
    expect(page.get_by_label("Gobierno de una ciudad o municipio")).to_be_checked()
    expect(page.get_by_label("Ciudad extranjera")).to_have_value("Kioto, Japón")
    expect(page.get_by_label("Órgano de gobierno de la contraparte")).to_have_value(
        "Gobierno de la Ciudad de Kioto"
    )
    expect(page.get_by_label("Persona de contacto en la contraparte")).to_have_value("Hiroshi Tanaka")
    page.goto(file_url + "pasos/objeto/")
    expect(page.get_by_label("Objeto del acuerdo")).to_have_value(
        "Promover el intercambio cultural y turístico."
    )
    expect(page.get_by_label("Cultural", exact=True)).to_be_checked()
    expect(page.get_by_label("Seguridad", exact=True)).to_be_checked()
    expect(page.get_by_label("Turística", exact=True)).not_to_be_checked()
    expect(page.get_by_label("Intercambio de experiencias e información")).to_be_checked()
    expect(page.get_by_text("Seguridad: sólo la seguridad pública municipal y el tránsito")).to_be_visible()
    shot(page, "06-paso-objeto-1280")
    page.goto(file_url + "pasos/texto/")
    expect(page.get_by_label("Hermanamiento")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Español")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Japonés")).to_be_checked()
    expect(page.get_by_label("Por un plazo fijo")).to_be_checked()
    expect(page.get_by_label("Años de vigencia (si es por plazo fijo)")).to_have_value("2")
    expect(page.get_by_label("Fecha prevista de firma")).to_have_value("2027-03-15")
    expect(page.get_by_label("Lugar previsto de firma")).to_have_value("Oaxaca de Juárez")
    expect(
        page.get_by_label("Sujeto a la disponibilidad presupuestal de cada Parte (recomendado)")
    ).to_be_checked()

    # The remaining steps, with uploads, through the buttons.
    letter = tmp_path / "Carta de intención.pdf"
    letter.write_bytes(pdf_bytes())
    page.goto(file_url + "pasos/carta/")
    page.get_by_label("Carta de intención firmada (PDF, hasta 20 MB)").set_input_files(str(letter))
    page.get_by_role("button", name="Guardar y volver a la lista").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("5 de 7 pasos completos")
    page.goto(file_url + "pasos/cabildo/")
    page.get_by_label("Fecha de la sesión de cabildo").fill("2026-11-05")
    page.get_by_label("Votos a favor").fill("10")
    page.get_by_label("Votos en contra").fill("2")
    page.get_by_label("Abstenciones").fill("0")
    page.get_by_label("Integrantes del cabildo").fill("12")
    page.get_by_label("Fin del periodo del ayuntamiento").fill("2027-09-30")
    minutes = tmp_path / "acta.pdf"
    minutes.write_bytes(pdf_bytes(pages=2))
    page.get_by_label("Acta de cabildo (PDF, hasta 20 MB)").set_input_files(str(minutes))
    shot(page, "07-paso-cabildo-1280")
    page.get_by_role("button", name="Guardar y volver a la lista").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("6 de 7 pasos completos")

    page.get_by_role("link", name="Revisión y envío").click()
    expect(page.get_by_role("heading", name="Contraparte")).to_be_visible()
    expect(page.get_by_text("Gobierno de la Ciudad de Kioto")).to_be_visible()
    shot(page, "08-revision-y-envio-1280")
    page.get_by_role("button", name="Enviar a la SRE").click()
    expect(page.get_by_text("El expediente se envió a la SRE.")).to_be_visible()
    expect(page.locator(".status-panel")).to_contain_text("Enviado a la SRE")
    shot(page, "09-estado-1280")
    wf.refresh_from_db()
    assert (wf.state, wf.steps_complete) == ("enviado", 7)
    assert wf.answers["diagnostico"]["enlace_nombre"] == "Ana López"
    assert sorted(wf.uploads.values_list("kind", flat=True)) == ["acta_cabildo", "carta_intencion"]

    # The same pages fit a phone.
    for name, path in [("estado", "estado/"), ("lista", ""), ("mis-expedientes", "../")]:
        phone = log_in(browser, live_server, "enlace@oaxaca.gob.mx", viewport=PHONE)
        phone.goto(file_url + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        shot(phone, f"10-{name}-390")
        phone.context.close()


def test_two_people_saving_the_same_step_get_the_conflict_page(browser: Browser, live_server, setting):
    colleague = official(
        setting["oaxaca"], role="capturista", email="captura@oaxaca.gob.mx", password=PASSWORD
    )
    assert colleague.pk
    page = log_in(browser, live_server, "enlace@oaxaca.gob.mx")
    page.goto(f"{live_server.url}/expedientes/nuevo/")
    page.get_by_role("button", name="Crear expediente").click()
    file_url = page.url
    first = page
    second = log_in(browser, live_server, "captura@oaxaca.gob.mx")
    first.goto(file_url + "pasos/diagnostico/")
    second.goto(file_url + "pasos/diagnostico/")

    first.get_by_label("Oficina responsable").fill("Relaciones Internacionales")
    first.get_by_role("button", name="Guardar y volver a la lista").click()
    # Other fields are still empty: the step page comes back with the errors, and the answer is saved.
    expect(first.locator("#estado-guardado")).to_have_text(re.compile(r"^Guardado \d\d:\d\d$"))

    second.get_by_label("Oficina responsable").fill("Dirección de Turismo")
    expect(second.locator("#estado-guardado")).to_contain_text("Otra persona guardó este paso")
    second.get_by_role("button", name="Guardar y volver a la lista").click()
    expect(second.get_by_role("heading", level=1)).to_have_text(
        "Otra persona guardó este paso mientras usted lo editaba"
    )
    row = second.get_by_role("row", name=re.compile("Oficina responsable"))
    expect(row).to_contain_text("Relaciones Internacionales")
    expect(row).to_contain_text("Dirección de Turismo")
    shot(second, "11-conflicto-1280")
    wf = WorkingFile.objects.get()
    assert wf.answers["diagnostico"]["oficina"] == "Relaciones Internacionales"  # nothing overwritten

    second.get_by_role("button", name="Guardar lo elegido").click()  # «Dirección de Turismo» is ticked
    expect(second.get_by_role("heading", level=1)).to_have_text("Paso 1 de 7 Diagnóstico")
    wf.refresh_from_db()
    assert wf.answers["diagnostico"]["oficina"] == "Dirección de Turismo"
    second.set_viewport_size(PHONE)
    second.goto(file_url + "pasos/diagnostico/")
    shot(second, "12-paso-diagnostico-390")


def test_law_page_and_step_pages_in_english(browser: Browser, live_server, setting):
    page = log_in(browser, live_server, "enlace@oaxaca.gob.mx")
    page.goto(f"{live_server.url}/en/guia/ley/#articulo-7")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    shot(page, "13-ley-en-1280")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "14-ley-en-390")
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/en/expedientes/nuevo/")
    page.get_by_role("button", name="Create working file").click()
    page.get_by_role("link", name="Agreement text").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("5. Agreement text")
    expect(page.get_by_role("alert")).to_contain_text("This step is not available yet.")
    expect(page.get_by_role("link", name="2. Counterpart")).to_be_visible()
    shot(page, "15-paso-bloqueado-en-1280")
