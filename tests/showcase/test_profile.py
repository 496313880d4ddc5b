"""The municipality's showcase ("vitrina"): who edits it, what is validated, what the public page shows, the
link preview (Open Graph) and the drawn preview card, and constant query counts."""

import io
import re

import pytest
from PIL import Image

from agreements.models import Theme
from municipalities.models import Municipality
from partners.models import Country
from showcase.models import MunicipalityProfile
from tests.factories import (
    AgreementFactory,
    MunicipalityPhotoFactory,
    MunicipalityProfileFactory,
    PartnerRequestFactory,
    official,
    showcase_world,
    sre_user,
)

pytestmark = pytest.mark.django_db


EDIT = "/municipios/20067/vitrina/"
PAGE = "/municipios/20067/"


@pytest.fixture
def world():
    return showcase_world()


@pytest.fixture
def oaxaca(world):
    return world["municipalities"]["oaxaca"]


def valid_data(**overrides) -> dict:
    data = {
        "presentation": "Capital del estado, Patrimonio de la Humanidad.",
        "economic_sectors": "turismo cultural, gastronomía",
        "themes": ["cultural", "turistica"],
        "offers": ["turismo", "cultura"],
        "seeks": "Intercambio en gestión del patrimonio.",
        "desired_countries": ["ES", "JP"],
        "desired_regions": ["021"],
        "languages": ["en", "fr"],
        "contact_name": "Ana López",
        "contact_role": "Directora de Asuntos Internacionales",
        "contact_email": "internacional@oaxaca.example.mx",
        "contact_phone": "+52 951 123 4567",
        "website": "https://www.municipiodeoaxaca.gob.mx",
        "social_links": "https://www.facebook.com/MunicipioOaxaca\nhttps://x.com/MunicipioOaxaca",
        "cabildo_members": "17",
        "term_ends_on": "",
    }
    data.update(overrides)
    return data


def text(response) -> str:
    return response.content.decode()


# --- Who may edit ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["titular", "capturista"])
def test_officials_of_the_municipality_edit_its_showcase(client, oaxaca, role):
    client.force_login(official(oaxaca, role=role))
    assert client.get(EDIT).status_code == 200
    response = client.post(EDIT, valid_data())
    assert response.status_code == 302 and response["Location"] == EDIT
    profile = MunicipalityProfile.objects.get(pk="20067")
    assert profile.presentation == "Capital del estado, Patrimonio de la Humanidad."
    assert sorted(t.pk for t in profile.themes.all()) == ["cultural", "turistica"]
    assert profile.offers == ["turismo", "cultura"]
    assert sorted(c.pk for c in profile.desired_countries.all()) == ["ES", "JP"]
    assert [r.pk for r in profile.desired_regions.all()] == ["021"]
    assert profile.languages == ["en", "fr"]
    assert profile.social_links == [
        "https://www.facebook.com/MunicipioOaxaca",
        "https://x.com/MunicipioOaxaca",
    ]
    assert profile.updated_by.memberships.get().role == role
    assert Municipality.objects.get(pk="20067").cabildo_members == 17


def test_others_cannot_edit(client, world, oaxaca):
    assert client.get(EDIT)["Location"] == f"/cuentas/login/?next={EDIT}"
    for user in [official(world["municipalities"]["guadalajara"]), sre_user()]:
        client.force_login(user)
        assert client.get(EDIT).status_code == 403
        assert client.post(EDIT, valid_data()).status_code == 403
    assert not MunicipalityProfile.objects.exists()
    client.force_login(official(oaxaca))
    assert client.get("/municipios/99999/vitrina/").status_code == 404


# --- Validation: a clear message for every bad input --------------------------------------------------------
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("contact_phone", "llámenos", "Escriba sólo números, espacios, guiones o paréntesis"),
        ("contact_email", "no-es-correo", "Introduzca una dirección de correo electrónico válida."),
        ("social_links", "facebook.com/oaxaca", "«facebook.com/oaxaca» no es una dirección web completa"),
        (
            "social_links",
            "\n".join(f"https://red{i}.example.org" for i in range(7)),
            "como máximo 6 direcciones",
        ),
        ("cabildo_members", "2", "Asegúrese de que este valor sea mayor o igual a 3."),
        ("term_ends_on", "2001-01-01", "Esa fecha ya pasó"),
        ("term_ends_on", "2199-01-01", "Un periodo de ayuntamiento no dura más de 6 años"),
        ("themes", ["cultural", "astrologia"], "astrologia no es una de las opciones disponibles."),
        ("desired_countries", ["ZZ"], "ZZ no es una de las opciones disponibles."),
        (
            "presentation",
            "a" * 3001,
            "Asegúrese de que este valor tenga como máximo 3000 caracteres (tiene 3001).",
        ),
        ("presentation", "nulo\x00", "Caracteres nulos no están permitidos."),
    ],
)
def test_bad_input_is_refused_with_its_message(client, oaxaca, field, value, message):
    client.force_login(official(oaxaca))
    response = client.post(EDIT, valid_data(**{field: value}))
    assert response.status_code == 400
    assert message in text(response)
    assert '<div class="error-summary" role="alert"' in text(response)
    assert not MunicipalityProfile.objects.exists()


def test_too_many_countries_are_refused(client, oaxaca):
    Country.objects.bulk_create(
        [
            Country(iso2=f"Q{chr(65 + i)}", iso3="", name_es=f"País {i}", name_en=f"Country {i}")
            for i in range(26)
        ]
    )
    client.force_login(official(oaxaca))
    codes = [f"Q{chr(65 + i)}" for i in range(26)]
    response = client.post(EDIT, valid_data(desired_countries=codes))
    assert response.status_code == 400
    assert "Elija como máximo 25; eligió 26." in text(response)


def test_saving_again_replaces_every_choice(client, oaxaca):
    client.force_login(official(oaxaca))
    client.post(EDIT, valid_data())
    client.post(EDIT, valid_data(themes=["salud"], desired_countries=[], languages=[], cabildo_members=""))
    profile = MunicipalityProfile.objects.get(pk="20067")
    assert [t.pk for t in profile.themes.all()] == ["salud"]
    assert list(profile.desired_countries.all()) == []
    assert profile.languages == []
    assert Municipality.objects.get(pk="20067").cabildo_members is None


def test_edit_form_shows_what_is_saved(client, oaxaca):
    client.force_login(official(oaxaca))
    client.post(EDIT, valid_data(term_ends_on="2027-12-31"))
    html = text(client.get(EDIT))
    assert 'id="id_desired_countries_ES" checked' in html
    assert 'id="id_desired_countries_CA">' in html
    assert 'value="2027-12-31"' in html
    # The region group with a chosen country starts open, and says how many are chosen.
    assert re.search(
        r'<details class="country-group" open>\s*<summary>Europa <span class="muted">\(1 elegido\)', html
    )


# --- The public page ---------------------------------------------------------------------------------------
def test_public_page_shows_the_showcase(client, oaxaca):
    client.force_login(official(oaxaca))
    client.post(EDIT, valid_data(term_ends_on="2027-12-31"))
    MunicipalityPhotoFactory(municipality=oaxaca, caption="El zócalo de noche", credit="Ayuntamiento")
    PartnerRequestFactory(municipality=oaxaca, title="Buscamos una ciudad en Canadá para cooperar en turismo")
    client.logout()
    html = text(client.get(PAGE))
    assert '<h2 id="vitrina-titulo">Vitrina internacional</h2>' in html
    assert "Capital del estado, Patrimonio de la Humanidad." in html
    assert "<dt>Qué ofrece</dt><dd>Turismo, Cultura</dd>" in html
    assert "<dt>Idiomas de trabajo</dt><dd>Inglés, Francés</dd>" in html
    assert "<dt>Integrantes del cabildo</dt><dd>17</dd>" in html
    assert "<dt>Fin del periodo del ayuntamiento</dt><dd>31 de diciembre de 2027</dd>" in html
    assert '<a href="/paises/ES/">España</a>, <a href="/paises/JP/">Japón</a>' in html
    assert 'alt="El zócalo de noche"' in html and "Foto: Ayuntamiento" in html
    assert '<a href="mailto:internacional@oaxaca.example.mx">' in html
    assert "Buscamos una ciudad en Canadá para cooperar en turismo</a>" in html
    assert "Editar la vitrina" not in html  # only for its officials


def test_public_page_in_english(client, oaxaca):
    MunicipalityProfileFactory(municipality=oaxaca, offers=["inversion"], languages=["ja"])
    html = text(client.get("/en" + PAGE))
    assert '<h2 id="vitrina-titulo">International profile</h2>' in html
    assert "<dt>What it offers</dt><dd>Investment</dd>" in html
    assert "<dt>Working languages</dt><dd>Japanese</dd>" in html


def test_public_page_without_showcase_says_so_and_offers_editing_to_officials(client, oaxaca):
    html = text(client.get(PAGE))
    assert "Este municipio todavía no publica su vitrina internacional" in html
    client.force_login(official(oaxaca, role="capturista"))
    assert f'<a class="button" href="{EDIT}">Editar la vitrina</a>' in text(client.get(PAGE))


def test_open_graph_card_of_a_municipality_without_photos(client, oaxaca):
    html = text(client.get(PAGE))
    assert '<meta property="og:title" content="Oaxaca de Juárez, Oaxaca: perfil internacional">' in html
    assert (
        '<meta property="og:description" content="Oaxaca de Juárez, Oaxaca: 1 acuerdo o relación '
        'internacional conocida. Su vitrina internacional, sus ciudades hermanas y socios sugeridos.">'
    ) in html
    assert '<meta property="og:image" content="http://testserver/municipios/20067/tarjeta.png">' in html
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="og:url" content="http://testserver/municipios/20067/">' in html
    assert '<meta property="og:locale" content="es_MX">' in html
    assert '<meta name="description" content="Oaxaca de Juárez, Oaxaca: 1 acuerdo' in html


def test_open_graph_uses_the_presentation_and_the_first_photo(client, oaxaca):
    MunicipalityProfileFactory(municipality=oaxaca, presentation="Capital  cultural\n" + "del sur. " * 40)
    second = MunicipalityPhotoFactory(municipality=oaxaca, position=2, caption="Segunda")
    first = MunicipalityPhotoFactory(
        municipality=oaxaca, position=1, caption="Monte Albán", width=1600, height=1000
    )
    html = text(client.get("/en" + PAGE))
    description = re.search(r'<meta property="og:description" content="([^"]*)">', html).group(1)
    assert description.startswith("Capital cultural del sur. del sur.") and len(description) == 200
    assert description.endswith("…")
    assert (
        f'<meta property="og:image" content="http://testserver/en/municipios/20067/fotos/{first.pk}.jpg">'
        in html
    )
    assert f'fotos/{second.pk}.jpg"' not in html.split("</head>")[0]
    assert '<meta property="og:image:alt" content="Monte Albán">' in html
    assert '<meta property="og:image:height" content="1000">' in html
    assert '<meta property="og:locale" content="en_US">' in html


def test_preview_card_is_a_1200_by_630_png(client, oaxaca):
    MunicipalityProfileFactory(municipality=oaxaca, offers=["turismo"])
    response = client.get("/municipios/20067/tarjeta.png")
    assert response["Content-Type"] == "image/png"
    assert "max-age=3600" in response["Cache-Control"]
    with Image.open(io.BytesIO(response.content)) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
    assert client.get("/municipios/99999/tarjeta.png").status_code == 404


def test_card_text_names_the_municipality_and_its_interests(oaxaca):
    from showcase.selectors import profile_with_interests
    from showcase.views import card_text

    profile = MunicipalityProfileFactory(municipality=oaxaca, offers=["turismo", "cultura"])
    profile.desired_countries.set(["ES", "JP"])
    card = card_text(oaxaca, profile_with_interests("20067"))
    assert card["title"] == "Oaxaca de Juárez" and card["subtitle"] == "Oaxaca"
    assert card["facts"] == [
        "1 acuerdo o relación conocida con 1 país",
        "Ofrece: turismo, cultura",
        "Busca socios en: España, Japón",
        "270,955 habitantes (censo 2020)",
    ]


def test_card_text_counts_agreements_and_countries_each_with_its_own_plural(world, oaxaca):
    from showcase.views import card_text

    for _ in range(2):  # three ties in all, every one of them with the United States
        AgreementFactory(municipality=oaxaca, partner_city=world["cities"]["san_antonio"])
    assert card_text(oaxaca, None)["facts"][0] == "3 acuerdos o relaciones conocidas con 1 país"


# --- Query counts ------------------------------------------------------------------------------------------
def full_showcase(municipality, rows: int):
    """A showcase with `rows` photos, desired countries and published requests (the limits do not apply to
    rows written directly)."""
    profile = MunicipalityProfileFactory(municipality=municipality, offers=["turismo"], languages=["en"])
    countries = [
        Country(iso2=f"{chr(65 + i // 26)}{chr(65 + i % 26)}", iso3="", name_es=f"P{i}", name_en=f"C{i}")
        for i in range(rows)
    ]
    Country.objects.bulk_create(countries, ignore_conflicts=True)
    profile.desired_countries.set([c.iso2 for c in countries])
    profile.themes.set(Theme.objects.all()[: min(rows, 12)])
    for i in range(rows):
        MunicipalityPhotoFactory(municipality=municipality, caption=f"Foto {i}")
        PartnerRequestFactory(municipality=municipality)


@pytest.mark.parametrize("rows", [1, 50])
def test_public_page_query_count_is_constant(client, oaxaca, django_assert_num_queries, rows):
    full_showcase(oaxaca, rows)
    client.get(PAGE)  # the matchmaker's catalogue and answer, the registry's catalogues: built once
    # The registry's 5 (registry version, municipality, summary, partner cities, agreements) + requests,
    # profile + themes, countries, regions, photos.
    with django_assert_num_queries(11):
        response = client.get(PAGE)
    assert text(response).count("<figure>") == rows


@pytest.mark.parametrize("rows", [1, 50])
def test_edit_page_query_count_is_constant(client, oaxaca, django_assert_num_queries, rows):
    full_showcase(oaxaca, rows)
    client.force_login(official(oaxaca))
    client.get(EDIT)
    # session, user, memberships, municipality, registry version, profile + themes, countries, regions, photos
    with django_assert_num_queries(10):
        response = client.get(EDIT)
    assert text(response).count('<li>\n          <img src="/municipios/20067/fotos/') == rows


def test_pages_allow_only_self_scripts_and_styles(client, oaxaca):
    full_showcase(oaxaca, 2)
    client.force_login(official(oaxaca))
    for url in [PAGE, EDIT]:
        html = text(client.get(url))
        assert "style=" not in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
