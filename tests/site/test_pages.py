import re

import pytest
from django.urls import reverse

from agreements.models import Agreement
from tests.factories import (
    AgreementFactory,
    CountryFactory,
    MunicipalityFactory,
    PartnerCityFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_home_in_spanish_by_default(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es-MX">' in html
    assert "Los municipios de México, conectados con el mundo" in html


def test_home_in_english_under_en_prefix(client):
    response = client.get("/en/")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Mexico's municipalities, connected with the world</h1>" in html
    assert "Los municipios de México" not in html


def test_language_switch_keeps_path_and_query(client):
    html = client.get("/acerca-de-los-datos/?orden=pais&q=kioto").content.decode()
    assert 'href="/en/acerca-de-los-datos/?orden=pais&amp;q=kioto" hreflang="en"' in html
    html = client.get("/en/acerca-de-los-datos/?q=kioto").content.decode()
    assert 'href="/acerca-de-los-datos/?q=kioto" hreflang="es-mx"' in html


def test_home_counts_match_the_database(client):
    japan = CountryFactory(iso2="JP", name_es="Japón", name_en="Japan")
    spain = CountryFactory(iso2="ES", iso3="ESP", name_es="España", name_en="Spain")
    oaxaca = MunicipalityFactory(cvegeo="20067", name="Oaxaca de Juárez")
    AgreementFactory(municipality=oaxaca, partner_city=PartnerCityFactory(country=japan))
    AgreementFactory(municipality=oaxaca, partner_city=PartnerCityFactory(country=spain))
    AgreementFactory(partner_city=PartnerCityFactory(country=japan))
    # Synthetic rows are benchmark data: never counted as real relationships.
    AgreementFactory(
        source=Agreement.Source.SYNTHETIC, partner_city=PartnerCityFactory(country=CountryFactory(iso2="FR"))
    )

    counts = client.get("/").context["counts"]

    assert counts["known_relationships"] == 3
    assert counts["partner_countries"] == 2
    assert counts["municipalities_with_relationships"] == 2
    assert counts["municipalities"] == 3  # Oaxaca, the third row's and the synthetic row's
    assert counts["registered_agreements"] == 0


@pytest.mark.parametrize("rows", [1, 50])
def test_home_query_count_does_not_grow_with_data(client, django_assert_num_queries, rows):
    for _ in range(rows):
        AgreementFactory()
    client.get("/")  # warms the demo-banner cache, as on a running site
    with django_assert_num_queries(7):
        client.get("/")


def test_about_page_credits_every_source(client):
    for url in ("/acerca-de-los-datos/", "/en/acerca-de-los-datos/"):
        html = client.get(url).content.decode()
        for credit in ("INEGI", "GeoNames", "Wikipedia", "Natural Earth", "CLDR", "M49", "CC BY-SA 4.0"):
            assert credit in html, (url, credit)


def test_demo_banner_only_while_demo_accounts_exist(client):
    assert "Instalación de demostración" not in client.get("/").content.decode()
    UserFactory(is_demo=True)
    from django.core.cache import cache

    from accounts.demo import DEMO_FLAG_CACHE_KEY

    cache.delete(DEMO_FLAG_CACHE_KEY)  # load_demo clears the flag the same way
    assert "Instalación de demostración" in client.get("/").content.decode()
    assert "Demo installation" in client.get("/en/").content.decode()


def test_pages_load_nothing_from_other_hosts(client):
    for url in ("/", "/en/", reverse("about_data"), reverse("account_login")):
        html = client.get(url).content.decode()
        assets = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', html)
        assert assets, url
        assert all(a.startswith("/") for a in assets), (url, assets)


def test_content_security_policy_forbids_inline_and_foreign_scripts(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_healthz_reports_database(client):
    response = client.get("/healthz/")
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_unknown_page_is_404_in_both_languages(client):
    assert client.get("/no-existe/").status_code == 404
    assert client.get("/en/no-existe/").status_code == 404


def test_dates_write_month_names_in_lower_case_in_spanish():
    import datetime

    from django.utils import translation
    from django.utils.formats import date_format

    day = datetime.date(2026, 3, 9)
    with translation.override("es-mx"):
        assert date_format(day) == "9 de marzo de 2026"
        assert date_format(day, "l") == "lunes"
    with translation.override("en"):
        assert date_format(day) == "March 9, 2026"
