"""Spanish order in every list of names (issue 13, item 8): «Álamo Temapache» among the A's, not after
«Zozocolco de Hidalgo»; Ñ after N. Names are sorted in Python with core.text.spanish_sort_key, so the order is
the same on SQLite and PostgreSQL: these tests run on both (DATABASE_URL)."""

import pytest
from django.utils import translation
from lxml import html as lxml_html

from agreements.review.forms import QueueFilterForm
from core.versioning import current_version
from municipalities.models import Municipality, State
from partners.models import Country
from registry.catalogs import get_catalogs
from tests.factories import CountryFactory, MunicipalityFactory, RegionFactory, StateFactory

VERACRUZ = [
    "Zozocolco de Hidalgo",
    "Álamo Temapache",
    "Acultzingo",
    "Ñuñoa",
    "Nogales",
    "Oteapan",
    "Úrsulo Galván",
]
VERACRUZ_ORDER = [
    "Acultzingo",
    "Álamo Temapache",
    "Nogales",
    "Ñuñoa",
    "Oteapan",
    "Úrsulo Galván",
    "Zozocolco de Hidalgo",
]
COUNTRIES = {"AT": "Austria", "IS": "Islandia", "IE": "Irlanda", "NO": "Noruega", "ZZ": "Ñandulandia",
             "OM": "Omán", "AX": "Åland"}  # fmt: skip
COUNTRY_ORDER = ["Åland", "Austria", "Irlanda", "Islandia", "Noruega", "Ñandulandia", "Omán"]


@pytest.fixture
def veracruz(db) -> State:
    state = StateFactory(code="30", name="Veracruz de Ignacio de la Llave", abbreviation="Ver.")
    for number, name in enumerate(VERACRUZ, start=1):
        MunicipalityFactory(state=state, code=f"{number:03d}", name=name)
    europe = RegionFactory(code="150", name_es="Europa", name_en="Europe")
    for number, (iso2, name) in enumerate(COUNTRIES.items()):
        CountryFactory(iso2=iso2, iso3=f"X{number:02d}", name_es=name, name_en=name, region=europe)
    return state


def test_the_catalogue_lists_a_states_municipalities_in_spanish_order(veracruz):
    choices = get_catalogs(current_version()).municipality_choices("30")
    assert [name for _code, name in choices] == VERACRUZ_ORDER


def test_the_catalogue_lists_countries_in_spanish_order(veracruz):
    with translation.override("es"):
        names = [name for _code, name in get_catalogs(current_version()).country_choices()]
    assert names == COUNTRY_ORDER


def test_the_registry_filter_shows_municipalities_in_spanish_order(client, veracruz):
    page = lxml_html.fromstring(client.get("/registro/", {"state": "30"}).content)
    options = page.xpath('//select[@name="municipality"]/option/text()')
    assert options == ["Todos los municipios", *VERACRUZ_ORDER]


def test_the_sre_queue_filter_lists_states_municipalities_and_countries_in_spanish_order(veracruz):
    StateFactory(code="01", name="Aguascalientes", abbreviation="Ags.")
    StateFactory(code="16", name="Michoacán de Ocampo", abbreviation="Mich.")
    StateFactory(code="15", name="México", abbreviation="Méx.")
    StateFactory(code="09", name="Ciudad de México", abbreviation="CDMX")
    StateFactory(code="05", name="Coahuila de Zaragoza", abbreviation="Coah.")
    form = QueueFilterForm(
        municipalities=Municipality.objects.select_related("state").order_by("name"),
        countries=Country.objects.order_by("name_es"),
        reviewers=[],
    )
    with translation.override("es"):
        page = lxml_html.fromstring(f"<div>{form['estado']}{form['municipio']}{form['pais']}</div>")
    states, municipalities, countries = (
        page.xpath(f'//select[@name="{name}"]/option/text()') for name in ("estado", "municipio", "pais")
    )
    assert states == [
        "Todos",
        "Aguascalientes",
        "Ciudad de México",
        "Coahuila de Zaragoza",
        "México",
        "Michoacán de Ocampo",
        "Veracruz de Ignacio de la Llave",
    ]
    assert municipalities == ["Todos", *(f"{name}, Ver." for name in VERACRUZ_ORDER)]
    assert countries == ["Todos", *COUNTRY_ORDER]
