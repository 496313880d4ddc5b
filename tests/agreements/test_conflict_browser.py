"""Two devices on the same step, and the back button, in Debian's Chromium (issue 13, items 4 and 6).

Screenshots at 1280 and 390 px go to test-results/conflict/ (git-ignored).
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from agreements.models import WorkingFile
from agreements.steps import services
from tests.factories import MunicipalityFactory, PartnerCityFactory, complete_step_answers, official

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(
    os.environ.get("WIZARD_SHOTS", Path(__file__).resolve().parents[2] / "test-results" / "conflict")
)
PASSWORD = "contraseña-de-prueba-1"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
OFFICE = "Oficina responsable"
GOAL = "Objetivo de la internacionalización del municipio"
TITLE = "Cargo de la persona enlace"


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


def saved(page: Page, text: str = "") -> None:
    expect(page.locator("#estado-guardado")).to_have_text(
        re.compile(r"^Guardado \d\d:\d\d" + re.escape(text) + "$"), timeout=10_000
    )


@pytest.fixture
def setting(db):
    oaxaca = MunicipalityFactory(cvegeo="20067", name="Oaxaca de Juárez")
    titular = official(oaxaca, role="titular", email="enlace@oaxaca.gob.mx", password=PASSWORD)
    official(oaxaca, role="capturista", email="captura@oaxaca.gob.mx", password=PASSWORD)
    answers = complete_step_answers(
        city=PartnerCityFactory(name="Kioto"), signing_date="2027-03-15", session_date="2026-11-05"
    )["diagnostico"]
    wf = services.working_file_create(municipality=oaxaca, by=titular)
    services.step_save(
        working_file_id=wf.pk, step_name="diagnostico", data=answers, base_version=wf.version, by=titular
    )
    return {"wf": wf, "answers": answers}


def both_open(browser, live_server, wf, viewport=DESKTOP):
    url = f"{live_server.url}/expedientes/{wf.pk}/pasos/diagnostico/"
    a = log_in(browser, live_server, "enlace@oaxaca.gob.mx", viewport)
    b = log_in(browser, live_server, "captura@oaxaca.gob.mx", viewport)
    a.goto(url)
    b.goto(url)
    return a, b


def test_changes_to_different_fields_on_two_devices_both_survive(browser: Browser, live_server, setting):
    wf = setting["wf"]
    a, b = both_open(browser, live_server, wf)
    a.get_by_label(OFFICE).fill("Oficina de Relaciones Internacionales")
    saved(a)
    b.get_by_label(GOAL).fill("Cooperación técnica en agua potable.")
    saved(b, ". Se incorporaron los cambios de otra persona en: Oficina responsable.")
    # B's page now shows A's office, so B's next save keeps it.
    expect(b.get_by_label(OFFICE)).to_have_value("Oficina de Relaciones Internacionales")
    shot(b, "01-fusion-autoguardado-1280")
    b.get_by_role("button", name="Guardar y volver a la lista").click()
    expect(b.get_by_role("status").first).to_contain_text("«Diagnóstico»: Completo.")
    wf.refresh_from_db()
    assert wf.answers["diagnostico"]["oficina"] == "Oficina de Relaciones Internacionales"
    assert wf.answers["diagnostico"]["objetivo"] == "Cooperación técnica en agua potable."

    # Without JavaScript's autosave the button alone merges too, and the list says so.
    a.reload()
    c = log_in(browser, live_server, "captura@oaxaca.gob.mx", PHONE)
    c.goto(a.url)
    a.get_by_label(TITLE).fill("Coordinadora de Asuntos Internacionales")
    a.get_by_role("button", name="Guardar y volver a la lista").click()
    c.evaluate("document.getElementById('step-form').dataset.autosave = '/no-autosave/'")
    c.get_by_label("Nombre de la persona enlace").fill("Ana María López")
    c.get_by_role("button", name="Guardar y volver a la lista").click()
    expect(c.get_by_text("Se incorporaron también los cambios que otra persona guardó")).to_contain_text(
        "Cargo de la persona enlace"
    )
    shot(c, "02-fusion-lista-390")
    wf.refresh_from_db()
    assert wf.answers["diagnostico"]["enlace_cargo"] == "Coordinadora de Asuntos Internacionales"
    assert wf.answers["diagnostico"]["enlace_nombre"] == "Ana María López"


def test_the_same_field_changed_on_two_devices_is_chosen_per_field(browser: Browser, live_server, setting):
    wf = setting["wf"]
    a, b = both_open(browser, live_server, wf)
    a.get_by_label(OFFICE).fill("Oficina de Relaciones Internacionales")
    a.get_by_label(TITLE).fill("Coordinadora")
    saved(a)
    b.get_by_label(OFFICE).fill("Dirección de Turismo")
    b.get_by_label(TITLE).fill("Jefa de área")
    b.get_by_label(GOAL).fill("Cooperación técnica en agua potable.")
    expect(b.locator("#estado-guardado")).to_have_text(
        "Otra persona guardó este paso mientras usted escribía y cambió también: Oficina responsable, "
        "Cargo de la persona enlace. Pulse «Guardar» para comparar.",
        timeout=10_000,
    )
    b.get_by_role("button", name="Guardar y volver a la lista").click()
    expect(b.get_by_role("heading", level=1)).to_have_text(
        "Otra persona guardó este paso mientras usted lo editaba"
    )
    table = b.get_by_role("table", name="Campos que los dos cambiaron: elija un valor en cada uno")
    expect(table.get_by_role("columnheader")).to_have_text(
        [
            "Campo",
            "Cuando usted abrió el paso",
            "Lo que guardó otra persona mientras usted editaba",
            "Lo que usted escribió (sin guardar)",
        ]
    )
    row = table.get_by_role("row", name=re.compile(OFFICE))
    expect(row.get_by_role("cell")).to_have_text(
        [
            "Oficina de Asuntos Internacionales",
            "Oficina responsable: conservar lo que guardó otra persona: "
            "Oficina de Relaciones Internacionales",
            "Oficina responsable: conservar lo que usted escribió: Dirección de Turismo",
        ]
    )
    expect(b.get_by_text("Se conservan sin preguntar:")).to_have_text(
        "Se conservan sin preguntar: de usted, «Objetivo de la internacionalización del municipio»."
    )
    assert WorkingFile.objects.get(pk=wf.pk).answers["diagnostico"]["oficina"] == (
        "Oficina de Relaciones Internacionales"
    )  # nothing written yet
    shot(b, "03-conflicto-1280")
    b.set_viewport_size(PHONE)
    assert b.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(b, "04-conflicto-390")
    b.set_viewport_size(DESKTOP)

    # By keyboard: the other person's office (the arrow moves within the radio group), my title.
    mine = b.get_by_role(
        "radio", name="Oficina responsable: conservar lo que usted escribió: Dirección de Turismo"
    )
    expect(mine).to_be_checked()
    mine.focus()
    b.keyboard.press("ArrowLeft")
    expect(
        b.get_by_role(
            "radio",
            name="Oficina responsable: conservar lo que guardó otra persona: "
            "Oficina de Relaciones Internacionales",
        )
    ).to_be_checked()
    expect(
        b.get_by_role("radio", name=re.compile("^Cargo de la persona enlace: conservar lo que usted"))
    ).to_be_checked()
    b.get_by_role("button", name="Guardar lo elegido").focus()
    b.keyboard.press("Enter")
    expect(b.get_by_role("heading", level=1)).to_contain_text("1 de 7 pasos completos")
    wf.refresh_from_db()
    assert wf.answers["diagnostico"] == {
        **setting["answers"],
        "oficina": "Oficina de Relaciones Internacionales",
        "enlace_cargo": "Jefa de área",
        "objetivo": "Cooperación técnica en agua potable.",
    }


def test_back_button_shows_the_step_done(browser: Browser, live_server, setting):
    """The official opens step 1 from the list, fills it (autosave), goes back: the list says «Completo»."""
    wf = services.working_file_create(municipality=setting["wf"].municipality, by=setting["wf"].created_by)
    page = log_in(browser, live_server, "enlace@oaxaca.gob.mx")
    page.goto(f"{live_server.url}/expedientes/{wf.pk}/")
    expect(page.locator("#estado-diagnostico")).to_have_text("No iniciado")
    page.get_by_role("link", name="Diagnóstico").click()
    answers = setting["answers"]
    page.get_by_label(GOAL).fill(answers["objetivo"])
    page.get_by_label(OFFICE).fill(answers["oficina"])
    page.get_by_label("Nombre de la persona enlace").fill(answers["enlace_nombre"])
    page.get_by_label(TITLE).fill(answers["enlace_cargo"])
    page.get_by_label("Correo electrónico de la persona enlace").fill(answers["enlace_correo"])
    saved(page)
    wf.refresh_from_db()
    assert wf.step_statuses["diagnostico"] == "completo"
    page.go_back()
    expect(page).to_have_url(f"{live_server.url}/expedientes/{wf.pk}/")
    expect(page.locator("#estado-diagnostico")).to_have_text("Completo")
    expect(page.get_by_role("heading", level=1)).to_contain_text("1 de 7 pasos completos")
