"""The public pages: what they show, in both languages, their errors, and a constant number of queries."""

import re

import pytest
from django.urls import reverse

from agreements.models import Agreement
from registry import views
from tests.conftest import clear_cache

KNOWN = "Relación conocida (fuente: Wikipedia) — no es una inscripción oficial"
SYNTHETIC = "Dato sintético, generado para pruebas de rendimiento"


def text(response) -> str:
    return response.content.decode()


def links(html: str, prefix: str) -> list[str]:
    return re.findall(rf'href="({re.escape(prefix)}[^"]*)"', html)


# --- /registro/ ----------------------------------------------------------------------------------------
def test_registry_search_without_results_says_so(sample, client):
    html = text(client.get("/registro/?q=zzzzqqq"))
    assert "0 acuerdos" in html
    assert "Ningún acuerdo cumple estos filtros." in html
    html = text(client.get("/en/registro/?q=zzzzqqq"))
    assert "0 agreements" in html


def test_registry_lists_the_filtered_agreements_with_their_source(sample, client):
    response = client.get("/registro/?country=JP&state=14")
    html = text(response)
    assert response.status_code == 200
    assert "3 acuerdos" in html
    agreement_links = set(links(html, "/registro/")) - {"/registro/"}
    expected = {reverse("registry:agreement", args=[sample[k].pk]) for k in ("gdl_kyoto", "vallarta_osaka")}
    expected.add(reverse("registry:agreement", args=[sample["jalisco_state_kyoto"].pk]))
    assert {link for link in agreement_links if re.fullmatch(r"/registro/\d+/", link)} == expected
    assert html.count(KNOWN) == 2 + html.count("Wikipedia: incluyen")  # two known rows, plus notes' wording
    assert "Inscrito en el Registro de Acuerdos Interinstitucionales (SRE)" in html
    # Filters stay in the links: downloads, statistics, removal of one filter.
    assert 'href="/api/v1/agreements/?state=14&amp;country=JP&amp;format=csv"' in html
    assert 'href="/estadisticas/?state=14&amp;country=JP"' in html
    assert 'href="/registro/?country=JP"' in html  # remove the state filter
    assert '<option value="JP" selected>Japón</option>' in html
    assert '<option value="14039">Guadalajara</option>' in html  # the chosen state's municipalities


def test_synthetic_rows_say_so(sample, client):
    html = text(client.get("/registro/?source=synthetic"))
    assert "1 acuerdo" in html
    assert SYNTHETIC in html


def test_registry_paginates_and_keeps_the_filters(world, client):
    for i in range(27):
        world.agreement(world.guadalajara, world.kyoto, title=f"Hermanamiento {i:02d}")
    html = text(client.get("/registro/?country=JP&sort=title"))
    assert "27 acuerdos" in html and "página 1 de 2" in html
    assert html.count('<td data-label="Acuerdo">') == 25
    assert 'href="/registro/?country=JP&amp;sort=title&amp;page=2" rel="next"' in html
    second = text(client.get("/registro/?country=JP&sort=title&page=2"))
    assert second.count('<td data-label="Acuerdo">') == 2
    assert "Hermanamiento 26" in second and "Hermanamiento 24" not in second
    assert 'href="/registro/?country=JP&amp;sort=title" rel="prev"' in second


def test_registry_search_ignores_accents(sample, client):
    html = text(client.get("/registro/?q=cooperacion"))
    assert "1 acuerdo" in html
    assert "Acuerdo de cooperación cultural Guadalajara–Kioto" in html


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("state=99", 400, "«99» no es una clave de estado del INEGI (de 01 a 32)."),
        ("year_from=abc", 400, "El año inicial debe ser un número entero, por ejemplo 2010."),
        ("page=cero", 400, "«cero» no es un número de página: use 1, 2, 3…"),
        ("page=9", 404, "La página 9 no existe: hay 1 página con estos filtros."),
    ],
)
def test_registry_bad_input_gets_a_message_never_a_500(sample, client, query, status, message):
    response = client.get(f"/registro/?{query}")
    assert response.status_code == status
    html = text(response)
    assert message in html
    assert 'role="alert"' in html


def test_registry_error_links_to_the_field_and_marks_it(world, client):
    html = text(client.get("/registro/?year_to=1800"))
    assert '<a href="#id_year_to">Hasta (año)</a>: El año final debe ser 1900 o posterior.' in html
    assert re.search(
        r'<input[^>]*aria-invalid="true"[^>]*id="id_year_to"|id="id_year_to"[^>]*aria-invalid', html
    )


def test_registry_in_english(sample, client):
    response = client.get("/en/registro/?country=JP")
    html = text(response)
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "3 agreements" in html
    assert "Known relationship (source: Wikipedia) — not an official inscription" in html
    assert '<option value="JP" selected>Japan</option>' in html


def test_registry_url_parameters_are_normalised(sample, client):
    assert "3 acuerdos" in text(client.get("/registro/?country=jp%20"))


# --- Agreement page -------------------------------------------------------------------------------------
def test_agreement_page_shows_every_registry_field(sample, client):
    agreement = sample["vallarta_osaka"]
    agreement.mx_signatory_office = "Presidencia Municipal"
    agreement.signed_place = "Osaka"
    agreement.languages = ["es", "ja"]
    agreement.save()
    html = text(client.get(reverse("registry:agreement", args=[agreement.pk])))
    for expected in [
        "Hermanamiento Puerto Vallarta–Osaka",
        "RAI-2019-0001",
        "Inscrito en el Registro de Acuerdos Interinstitucionales (SRE)",
        'href="/municipios/14067/"',
        'href="/estados/14/"',
        'href="/paises/JP/"',
        "Presidencia Municipal",
        "Vigente",
        "Turística",
        "español, japonés",
        '<time datetime="2019-01-10">',
        "Sin documentos públicos todavía.",
    ]:
        assert expected in html, expected


def test_known_relationship_page_says_it_is_not_an_inscription(sample, client):
    html = text(client.get(reverse("registry:agreement", args=[sample["tequila_sevilla"].pk])))
    assert KNOWN in html
    assert "Sin número: no inscrito en el Registro de la SRE" in html


def test_unknown_agreement_is_404(world, client):
    assert client.get("/registro/999999/").status_code == 404


# --- Profiles ---------------------------------------------------------------------------------------------
def test_municipality_page(sample, client):
    response = client.get("/municipios/14039/")
    html = text(response)
    assert response.status_code == 200
    assert "<h1>Guadalajara" in html
    assert "1,385,629" in html
    assert html.count('class="pt pt-partner"') == 2  # Kioto and San Antonio on the world map
    assert html.count('class="pt pt-home"') == 1
    assert "<title>Kioto: 1 acuerdo</title>" in html
    assert 'href="/registro/?municipality=14039"' in html
    assert "2 relaciones conocidas (fuente: Wikipedia), no inscritas oficialmente." in html


def test_municipality_page_assembles_the_showcase_and_the_suggestions(sample, client):
    """One page, assembled in registry/municipality_page.py: the registry's relationships, then the showcase
    and the partner suggestions, each once and in that order."""
    html = text(client.get("/municipios/14039/"))
    assert html.count('<section id="vitrina"') == 1
    assert html.count('<section id="sugerencias"') == 1
    assert html.index('href="/registro/?municipality=14039"') < html.index('<section id="vitrina"')
    assert html.index('<section id="vitrina"') < html.index('<section id="sugerencias"')


def test_state_page(sample, client):
    html = text(client.get("/estados/14/"))
    assert "<h1>Jalisco</h1>" in html
    assert "1 acuerdo es del gobierno del estado." in html
    assert "de 3 (100.0 %)" in html  # every Jalisco municipality has one
    assert html.count('class="pt pt-home"') == 3
    assert 'href="/paises/JP/">Japón</a></th><td class="num">3</td>' in html


def test_country_page_lists_every_mexican_municipality(sample, client):
    html = text(client.get("/paises/US/"))
    assert "<h1>Estados Unidos</h1>" in html
    assert re.findall(r'<th scope="row"><a href="/municipios/(\d{5})/">', html) == ["14039", "20067"]
    assert "San Antonio" in html
    assert client.get("/paises/us/").url == "/paises/US/"


@pytest.mark.parametrize("url", ["/municipios/99999/", "/municipios/abc/", "/estados/33/", "/paises/ZZ/"])
def test_unknown_profile_is_404(world, client, url):
    assert client.get(url).status_code == 404


# --- Statistics page ---------------------------------------------------------------------------------------
def test_statistics_page(sample, client):
    html = text(client.get("/estadisticas/?country=JP"))
    assert "<dt>Acuerdos</dt><dd>3</dd>" in html
    assert 'href="/api/v1/stats/by-state/?country=JP&amp;format=csv"' in html
    assert 'href="/api/v1/stats/by-year/?country=JP&amp;format=json"' in html
    # The choropleth: Jalisco has all three, in the top class; the others none.
    assert '<path d="' in html and "<title>Jalisco: 3 acuerdos</title>" in html
    assert "<title>Oaxaca: 0 acuerdos</title>" in html
    assert html.count('class="map-svg') == 2
    assert 'href="/registro/?country=JP"' in html


def test_statistics_page_bad_filter(world, client):
    response = client.get("/estadisticas/?region=abc")
    assert response.status_code == 400
    assert "«abc» no es un código de región o subregión M49 del catálogo." in text(response)


def test_main_navigation_marks_the_current_page(world, client):
    html = text(client.get("/estadisticas/"))
    assert '<a href="/estadisticas/" aria-current="page">Estadísticas</a>' in html
    assert '<a href="/registro/">Registro</a>' in html


def test_pages_allow_only_self_scripts_and_styles(sample, client):
    for url in ["/registro/", "/estadisticas/", "/municipios/14039/", "/estados/14/", "/paises/JP/"]:
        response = client.get(url)
        html = text(response)
        assert "style=" not in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert "default-src 'self'" in response["Content-Security-Policy"]


# --- Query counts: the same at 1 and at 50 rows -----------------------------------------------------------
PAGES = {  # URL: (queries on a cold cache, queries when cached)
    # The filter pages ask once per registry version whether there are synthetic rows (views.py): +1 cold.
    "/registro/": (9, 1),
    # A search after a write also writes the documents the write retired (registry/triggers.py): +5 queries,
    # whatever the number of rows (one SELECT of the missing ids, the agreements, their themes, one upsert
    # inside a savepoint).
    "/registro/?q=kioto&country=JP&state=14": (10 + 5, 1),
    "/estadisticas/": (14, 1),
    "/estadisticas/?q=kioto&year_from=2000": (15 + 5, 1),
    "/estados/14/": (9, 1),
    "/paises/JP/": (8, 1),
    # + the showcase and the partner suggestions (registry/municipality_page.py): 3 queries, and on a cold
    # cache the matchmaker's catalogue (7) and relationships (2); warm, its answer is cached per version.
    "/municipios/14039/": (22, 8),
    "/registro/{pk}/": (3, 2),  # the agreement and its themes (+ the demo flag, cached after)
}


@pytest.mark.parametrize("rows", [1, 50])
@pytest.mark.parametrize("url", list(PAGES))
def test_page_query_count_is_constant(world, client, django_assert_num_queries, rows, url):
    created = [
        world.agreement(world.guadalajara, world.kyoto, title=f"Acuerdo {i} Kioto", themes=["cultural"])
        for i in range(rows)
    ]
    url = url.format(pk=created[0].pk)
    cold, warm = (
        PAGES[url if "{pk}" not in url else "/registro/{pk}/"] if url in PAGES else PAGES["/registro/{pk}/"]
    )
    clear_cache()
    with django_assert_num_queries(cold):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(warm):
        assert client.get(url).status_code == 200


def test_pagination_window():
    assert views.pagination_window(1, 1) == [1]
    assert views.pagination_window(6, 20) == [1, None, 4, 5, 6, 7, 8, None, 20]
    assert views.pagination_window(2, 4) == [1, 2, 3, 4]


def test_agreement_source_labels_are_the_model_labels():
    assert str(Agreement.Source.PUBLIC_RECORD.label) == KNOWN
    assert str(Agreement.Source.SYNTHETIC.label) == SYNTHETIC


def test_cookieless_visitors_get_the_whole_cached_page(sample, client, django_assert_num_queries):
    first = client.get("/estadisticas/?country=JP")
    with django_assert_num_queries(1):  # the registry version, then the stored bytes
        again = client.get("/estadisticas/?country=JP")
    assert again.content == first.content
    client.cookies["csrftoken"] = "x" * 32  # someone with a cookie gets a fresh frame around the cached body
    framed = client.get("/estadisticas/?country=JP")
    assert framed.status_code == 200
    assert "<dt>Acuerdos</dt><dd>3</dd>" in text(framed)


def test_whole_page_cache_follows_the_demo_banner(sample, client):
    from django.core.cache import cache

    from accounts.demo import DEMO_FLAG_CACHE_KEY

    client.get("/registro/")
    assert "Instalación de demostración" not in text(client.get("/registro/"))
    cache.set(DEMO_FLAG_CACHE_KEY, True)  # demo accounts appeared
    assert "Instalación de demostración" in text(client.get("/registro/"))
