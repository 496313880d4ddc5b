"""The municipality select of the registry and statistics filters (issue 13, item 7): one «Todos los
municipios», and choosing a state fills and enables it at once, from a small JSON endpoint."""

import re

import pytest
from django.urls import reverse
from lxml import html as lxml_html
from playwright.sync_api import Page, expect

from .conftest import World


def municipality_select(html: str):
    (select,) = lxml_html.fromstring(html).xpath('//select[@name="municipality"]')
    return select


def municipality_options(html: str) -> list[tuple[str, str]]:
    return [(o.get("value"), o.text_content()) for o in municipality_select(html).xpath("option")]


@pytest.mark.parametrize("url_name", ["registry:list", "registry:statistics"])
def test_a_chosen_state_lists_all_its_municipalities_under_one_blank_option(client, world: World, url_name):
    response = client.get(reverse(url_name), {"state": "14"})
    assert response.status_code == 200
    assert municipality_options(response.content.decode()) == [
        ("", "Todos los municipios"),
        ("14039", "Guadalajara"),
        ("14067", "Puerto Vallarta"),
        ("14094", "Tequila"),
    ]


def test_a_chosen_municipality_without_state_has_one_blank_option(client, world: World):
    response = client.get(reverse("registry:list"), {"municipality": "20001"})
    assert municipality_options(response.content.decode()) == [
        ("", "Todos los municipios"),
        ("20001", "Abejones"),
    ]


def test_without_a_state_the_select_is_disabled_with_one_hint(client, world: World):
    html = client.get(reverse("registry:list")).content.decode()
    assert municipality_options(html) == [("", "Elija primero un estado")]
    select = municipality_select(html)
    assert select.get("disabled") is not None
    assert select.get("data-options-url") == reverse("registry:municipality-options")


def test_the_options_endpoint_lists_a_states_municipalities_in_constant_queries(
    client, world: World, django_assert_max_num_queries
):
    url = reverse("registry:municipality-options")
    client.get(url, {"state": "20"})  # the catalogues are loaded once per registry version
    with django_assert_max_num_queries(1):
        response = client.get(url, {"state": "14"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "state": "14",
        "municipalities": [
            {"cvegeo": "14039", "name": "Guadalajara"},
            {"cvegeo": "14067", "name": "Puerto Vallarta"},
            {"cvegeo": "14094", "name": "Tequila"},
        ],
    }
    assert client.get(url, {"state": "99"}).status_code == 404
    assert client.get(url).status_code == 404


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_choosing_a_state_enables_and_fills_the_municipality_select(page: Page, live_server, world: World):
    for path in ("/registro/", "/estadisticas/"):
        page.goto(live_server.url + path)
        municipality = page.get_by_role("combobox", name="Municipio:", exact=True)
        expect(municipality).to_be_disabled()
        page.get_by_role("combobox", name="Estado:", exact=True).select_option(label="Oaxaca")
        expect(municipality).to_be_enabled()
        expect(municipality.locator("option")).to_have_text(
            ["Todos los municipios", "Abejones", "Oaxaca de Juárez"]
        )
        page.get_by_role("combobox", name="Estado:", exact=True).select_option(label="Jalisco")
        expect(municipality.locator("option")).to_have_text(
            ["Todos los municipios", "Guadalajara", "Puerto Vallarta", "Tequila"]
        )
        municipality.select_option(label="Tequila")
        page.get_by_role("button", name="Aplicar filtros").click()
        expect(page).to_have_url(re.compile(r"municipality=14094"))
        page.get_by_role("combobox", name="Estado:", exact=True).select_option(label="Todos los estados")
        expect(municipality).to_be_disabled()
        expect(municipality.locator("option")).to_have_text(["Elija primero un estado"])
