"""The registry in a real browser (Debian's Chromium through Playwright).

The issue's "done when": find every relationship with Japan, narrow to Jalisco, download that as CSV, open
the statistics for the same filter, and get the same numbers from the API. Then every registry page at
1280 and 390 px (screenshots in test-results/registry/), keyboard use, and no CSP violation.
"""

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from agreements.models import Agreement

from .conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "registry"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def japan_and_jalisco(world: World) -> World:
    """Relationships with Japan from Jalisco and elsewhere, and Jalisco's with other countries."""
    w = world
    w.agreement(w.guadalajara, w.kyoto, title="Acuerdo de cooperación Guadalajara–Kioto", type="cooperacion",
                signed_on=datetime.date(2015, 5, 4), themes=["cultural"])  # fmt: skip
    w.agreement(
        w.vallarta, w.osaka, title="Hermanamiento Puerto Vallarta–Osaka", signed_on=datetime.date(2019, 1, 1)
    )
    w.agreement(w.tequila, w.kyoto, title="Hermanamiento Tequila–Kioto")
    w.jalisco_kyoto()
    w.agreement(w.oaxaca_city, w.osaka, title="Hermanamiento Oaxaca de Juárez–Osaka")
    w.agreement(w.cuauhtemoc, w.kyoto, title="Hermanamiento Cuauhtémoc–Kioto")
    w.agreement(w.guadalajara, w.san_antonio, title="Hermanamiento Guadalajara–San Antonio")
    w.agreement(w.vallarta, w.sevilla, title="Hermanamiento Puerto Vallarta–Sevilla")
    return w


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def count_on_page(page: Page) -> int:
    return int(
        re.match(r"([\d,]+) acuerdos?", page.locator(".result-count").inner_text()).group(1).replace(",", "")
    )


def test_japan_then_jalisco_csv_statistics_and_api_agree(page: Page, live_server, japan_and_jalisco):
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Navegación principal").get_by_role("link", name="Registro").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registro de acuerdos")

    # Every relationship with Japan.
    page.get_by_label("País contraparte").select_option(label="Japón")
    page.get_by_role("button", name="Aplicar filtros").click()
    expect(page).to_have_url(re.compile(r"country=JP"))
    assert count_on_page(page) == 6 == Agreement.objects.filter(country_id="JP").count()

    # Narrowed to Jalisco.
    page.get_by_label("Estado").select_option(label="Jalisco")
    page.get_by_role("button", name="Aplicar filtros").click()
    expect(page).to_have_url(re.compile(r"state=14.*country=JP|country=JP.*state=14"))
    shown = count_on_page(page)
    assert shown == 4
    titles = page.locator("table.agreements tbody tr td:first-child a").all_inner_texts()
    assert sorted(titles) == [
        "Acuerdo de cooperación Guadalajara–Kioto",
        "Hermanamiento Jalisco–Prefectura de Kioto",
        "Hermanamiento Puerto Vallarta–Osaka",
        "Hermanamiento Tequila–Kioto",
    ]
    shot(page, "flow-1-registry-japan-jalisco-1280")

    # Downloaded as CSV: the same rows.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Descargar estos resultados en CSV").click()
    download = download_info.value
    assert download.suggested_filename == "acuerdos.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    assert len(rows) == shown
    assert sorted(row["title"] for row in rows) == sorted(titles)
    assert {(row["state_code"], row["country_iso2"]) for row in rows} == {("14", "JP")}

    # The statistics for the same filter.
    page.get_by_role("link", name="Estadísticas de esta selección").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Estadísticas")
    assert page.locator(".figures div", has_text="Acuerdos").first.locator("dd").inner_text() == str(shown)
    jalisco_row = page.locator("table.stat", has_text="Acuerdos por estado").locator("tr", has_text="Jalisco")
    assert jalisco_row.locator("td").nth(1).inner_text() == str(shown)
    assert page.locator("#id_country").input_value() == "JP"
    assert page.locator("#id_state").input_value() == "14"
    shot(page, "flow-2-statistics-japan-jalisco-1280")

    # The API says the same.
    api = page.request.get(live_server.url + "/api/v1/agreements/?country=JP&state=14").json()
    assert api["count"] == shown
    stats = page.request.get(live_server.url + "/api/v1/stats/by-state/?country=JP&state=14").json()
    assert stats["total"] == shown
    assert next(row for row in stats["rows"] if row["code"] == "14")["agreements"] == shown
    stats_csv = page.request.get(
        live_server.url + "/api/v1/stats/by-state/?country=JP&state=14&format=csv"
    ).text()
    jalisco = next(r for r in csv.DictReader(io.StringIO(stats_csv.lstrip("\ufeff"))) if r["code"] == "14")
    assert int(jalisco["agreements"]) == shown
    assert violations == []


def test_filters_work_from_the_keyboard(page: Page, live_server, japan_and_jalisco):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/registro/")
    page.get_by_label("Buscar").focus()
    page.keyboard.type("cooperacion")  # no accent: finds "cooperación"
    page.keyboard.press("Enter")
    expect(page.locator(".result-count")).to_have_text(re.compile(r"^1 acuerdo\b"))
    # The skip link leads to the content, and the first Tab lands on it.
    page.keyboard.press("Home")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Saltar al contenido")


def test_bad_filter_message_in_the_page(page: Page, live_server, japan_and_jalisco):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/registro/?year_from=2020&year_to=1999")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("El año final (1999) es anterior al inicial (2020).")
    # On a phone the filter panel stays open when a filter is wrong, so the message next to it is seen.
    expect(page.locator("details.filter-panel")).to_have_attribute("open", "")
    alert.get_by_role("link", name="Hasta (año)").click()
    expect(page.locator("#id_year_to")).to_be_focused()
    shot(page, "registry-error-390")


PAGES = [
    ("registry", "/registro/"),
    ("registry-filtered", "/registro/?country=JP&state=14"),
    ("agreement", "AGREEMENT"),
    ("municipality", "/municipios/14039/"),
    ("state", "/estados/14/"),
    ("country", "/paises/JP/"),
    ("statistics", "/estadisticas/"),
    ("statistics-en", "/en/estadisticas/?country=JP"),
    ("api-docs", "/api/docs/"),
]


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_fits_and_keeps_the_csp(page: Page, live_server, japan_and_jalisco, width):
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda m: problems.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.set_viewport_size({"width": width, "height": 900})
    agreement = Agreement.objects.get(title="Acuerdo de cooperación Guadalajara–Kioto")
    for name, path in PAGES:
        path = f"/registro/{agreement.pk}/" if path == "AGREEMENT" else path
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        if name == "api-docs":
            expect(page.locator(".swagger-ui .info .title")).to_contain_text("Ciberparadiplomacia API")
        else:
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            # No sideways scrolling of the page itself (wide tables scroll inside their own box).
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        shot(page, f"{name}-{width}")
    assert problems == []


def test_filter_panel_starts_closed_on_a_phone(page: Page, live_server, japan_and_jalisco):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/registro/?country=JP")
    panel = page.locator("details.filter-panel")
    expect(panel).not_to_have_attribute("open", "")
    page.get_by_text("Filtros (1)").click()
    expect(page.get_by_label("País contraparte")).to_be_visible()
