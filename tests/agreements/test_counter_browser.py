"""The character counter in Debian's Chromium (issue 13): a pasted text longer than the limit is kept whole,
counted, and refused with a message; nothing is cut. Screenshots at 1280 and 390 px go to
test-results/counter/ (git-ignored)."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from agreements.steps import services
from tests.agreements.test_wizard_browser import DESKTOP, PASSWORD, PHONE, log_in
from tests.factories import MunicipalityFactory, official

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "counter"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_pasted_text_over_the_limit_is_counted_kept_and_refused(browser: Browser, live_server, viewport):
    oaxaca = MunicipalityFactory(cvegeo="20067", name="Oaxaca de Juárez")
    user = official(oaxaca, role="titular", email="enlace@oaxaca.gob.mx", password=PASSWORD)
    wf = services.working_file_create(municipality=oaxaca, by=user)
    page = log_in(browser, live_server, "enlace@oaxaca.gob.mx", viewport=viewport)
    page.goto(f"{live_server.url}/expedientes/{wf.pk}/pasos/diagnostico/")
    counter = page.locator("#id_objetivo_count")
    expect(counter).to_have_text("0 de 3,000 caracteres")
    field = page.locator("#id_objetivo")
    assert field.get_attribute("maxlength") is None
    assert "id_objetivo_count" in field.get_attribute("aria-describedby")
    field.fill("ñ🙂" * 617)  # 1,234 characters (an emoji is one)
    expect(counter).to_have_text("1,234 de 3,000 caracteres")
    pasted = "intercambio cultural " * 238 + "fin"  # 5,001 characters
    field.fill(pasted)
    expect(counter).to_have_text("Sobran 2,001 caracteres: el límite es 3,000")
    expect(counter).to_have_class("charcount charcount-over")
    expect(page.locator("#id_objetivo_count_status")).to_have_text(
        "Sobran 2,001 caracteres: el límite es 3,000", timeout=5_000
    )
    assert len(field.input_value()) == 5_001  # not cut by the browser
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"objetivo-over-{viewport['width']}.png"), full_page=True)
    page.get_by_role("button", name="Guardar y volver a la lista").click()
    expect(page.locator("#campo-objetivo .errorlist")).to_contain_text(
        "Asegúrese de que este valor tenga como máximo 3000 caracteres (tiene 5001)."
    )
    assert page.locator("#id_objetivo").input_value() == pasted  # what was typed is still there
    wf.refresh_from_db()
    assert wf.answers["diagnostico"]["objetivo"] == pasted  # the draft keeps it whole
    assert wf.step_statuses["diagnostico"] != "completo"
