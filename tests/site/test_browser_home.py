"""The home page in a real browser (Debian's Chromium through Playwright): languages and layouts."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"  # git-ignored
SPANISH_HEADING = "Los municipios de México, conectados con el mundo"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_home_is_in_spanish_by_default(page: Page, live_server):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "es-MX")
    expect(page.get_by_role("heading", level=1)).to_have_text(SPANISH_HEADING)
    screenshot(page, "home-es-desktop")


def test_home_language_switch_leads_to_english_and_keeps_the_query(page: Page, live_server):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/?x=1")
    expect(page.locator("html")).to_have_attribute("lang", "es-MX")

    page.locator("header").get_by_role("link", name="English", exact=True).click()

    expect(page).to_have_url(re.compile(r"/en/\?x=1$"))
    assert page.url == f"{live_server.url}/en/?x=1"
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).not_to_have_text(SPANISH_HEADING)
    expect(page.get_by_text(SPANISH_HEADING)).to_have_count(0)
    # The switch now offers the way back, and marks English as the current language.
    expect(page.locator("header").get_by_role("link", name="Español", exact=True)).to_have_attribute(
        "href", "/?x=1"
    )
    screenshot(page, "home-en-desktop")


def test_home_fits_a_phone_screen(page: Page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # No sideways scrolling on a 390 px wide phone.
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"]
    screenshot(page, "home-es-phone")


def test_phone_menu_opens_and_closes_from_the_keyboard(page: Page, live_server):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    nav = page.get_by_role("navigation", name="Navegación principal")
    menu = page.get_by_role("button", name="Menú")
    # Collapsed at first, so that the page's content is what a phone shows.
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(nav.get_by_role("link", name="Registro")).to_be_hidden()

    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Registro")).to_be_visible()
    screenshot(page, "home-es-phone-menu")
    page.keyboard.press("Tab")
    expect(nav.get_by_role("link", name="Inicio")).to_be_focused()

    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    expect(nav.get_by_role("link", name="Registro")).to_be_hidden()


@pytest.mark.parametrize(
    "context_options",
    [
        pytest.param({"viewport": DESKTOP}, id="desktop"),
        # Without JavaScript nothing could open a collapsed menu, so it is never collapsed.
        pytest.param({"viewport": PHONE, "java_script_enabled": False}, id="phone-without-javascript"),
    ],
)
def test_menu_is_open_without_a_button_on_desktops_and_without_javascript(
    browser, live_server, context_options
):
    page = browser.new_context(locale="es-MX", **context_options).new_page()
    page.goto(live_server.url + "/")
    expect(page.get_by_role("button", name="Menú")).to_be_hidden()
    nav = page.get_by_role("navigation", name="Navegación principal")
    expect(nav.get_by_role("link", name="Registro")).to_be_visible()
    page.context.close()
