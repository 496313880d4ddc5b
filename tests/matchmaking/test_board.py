"""The partner-seeking board /buscan-socio/: publishing, editing and closing a request (officials only),
browsing and filtering (anyone), what each visitor sees, and constant query counts."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from matchmaking.board import selectors as board_selectors
from matchmaking.models import PartnerRequest
from partners.models import Region
from tests.factories import PartnerRequestFactory, in_days, official, showcase_world, sre_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return showcase_world()


@pytest.fixture
def oaxaca(world):
    return world["municipalities"]["oaxaca"]


def request_data(**overrides) -> dict:
    data = {
        "municipality": "20067",
        "title": "Buscamos una ciudad en Canadá para cooperar en turismo y educación",
        "description": "Queremos intercambiar experiencias de turismo cultural y programas educativos.",
        "country": "CA",
        "region": "",
        "themes": ["turistica", "educativa"],
        "expires_on": in_days(90).isoformat(),
    }
    data.update(overrides)
    return data


def text(response) -> str:
    return response.content.decode()


# --- Publishing --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("role", ["titular", "capturista"])
def test_officials_publish_a_request(client, oaxaca, role):
    user = official(oaxaca, role=role)
    client.force_login(user)
    response = client.post("/buscan-socio/nueva/", request_data())
    found = PartnerRequest.objects.get()
    assert response["Location"] == f"/buscan-socio/{found.pk}/"
    assert (found.municipality_id, found.country_id, found.region_id, found.created_by) == (
        "20067",
        "CA",
        None,
        user,
    )
    assert sorted(t.pk for t in found.themes.all()) == ["educativa", "turistica"]
    assert found.expires_on == in_days(90)
    assert "Se publicó su solicitud en «Buscan socio»." in text(client.get(response["Location"]))


def test_the_form_starts_with_the_municipality_and_a_country_from_the_link(client, oaxaca):
    client.force_login(official(oaxaca))
    html = text(client.get("/buscan-socio/nueva/?municipio=20067&pais=JP"))
    assert '<input type="hidden" name="municipality" value="20067"' in html
    assert '<option value="JP" selected>Japón</option>' in html
    assert f'value="{in_days(90).isoformat()}"' in html
    # An unknown country in the link is ignored, not an error.
    assert '<option value="" selected>Cualquier país</option>' in text(
        client.get("/buscan-socio/nueva/?pais=ZZ")
    )


def test_an_official_of_two_municipalities_chooses_one(client, world, oaxaca):
    user = official(oaxaca)
    from tests.factories import MembershipFactory

    MembershipFactory(user=user, municipality=world["municipalities"]["tequila"], role="capturista")
    client.force_login(user)
    html = text(client.get("/buscan-socio/nueva/"))
    assert '<option value="14094" selected>Tequila, Jalisco</option>' in html
    assert '<option value="20067">Oaxaca de Juárez, Oaxaca</option>' in html
    client.post("/buscan-socio/nueva/", request_data(municipality="14094"))
    assert PartnerRequest.objects.get().municipality_id == "14094"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "Corto", "Asegúrese de que este valor tenga como mínimo 10 caracteres (tiene 5)."),
        (
            "description",
            "Muy breve.",
            "Asegúrese de que este valor tenga como mínimo 30 caracteres (tiene 10).",
        ),
        ("themes", [], "Este campo es requerido."),
        (
            "themes",
            ["cultural", "economica", "turistica", "educativa", "salud", "deporte"],
            "Elija como máximo 5 temas; eligió 6.",
        ),
        ("expires_on", "", "Este campo es requerido."),
        ("expires_on", "mañana", "Introduzca una fecha válida."),
        ("region", "150", "Elija un país o una región, no ambos."),
        ("country", "ZZ", "Seleccione una opción válida. ZZ no es una de las opciones disponibles."),
        (
            "municipality",
            "14039",
            "Seleccione una opción válida. 14039 no es una de las opciones disponibles.",
        ),
    ],
)
def test_bad_requests_are_refused_with_their_message(client, oaxaca, field, value, message):
    client.force_login(official(oaxaca))
    response = client.post("/buscan-socio/nueva/", request_data(**{field: value}))
    assert response.status_code == 400
    assert message in text(response)
    assert not PartnerRequest.objects.exists()


def test_expiry_must_be_after_today_and_within_a_year(client, oaxaca):
    client.force_login(official(oaxaca))
    today = timezone.localdate()
    for value, message in [
        (today, "Elija una fecha posterior a hoy."),
        (
            today + dt.timedelta(days=366),
            # The date as people read it, not ISO: «hasta el 25 de noviembre de 2027».
            "Se publica como máximo un año: elija una fecha hasta el "
            + date_format(today + dt.timedelta(days=365), "DATE_FORMAT"),
        ),
    ]:
        response = client.post("/buscan-socio/nueva/", request_data(expires_on=value.isoformat()))
        assert response.status_code == 400 and message in text(response)


def test_only_officials_publish(client, oaxaca):
    assert client.get("/buscan-socio/nueva/")["Location"] == "/cuentas/login/?next=/buscan-socio/nueva/"
    client.force_login(sre_user())
    assert client.get("/buscan-socio/nueva/").status_code == 403
    assert client.post("/buscan-socio/nueva/", request_data()).status_code == 403
    assert not PartnerRequest.objects.exists()


# --- Editing and closing ------------------------------------------------------------------------------------
def test_officials_edit_and_close_their_request(client, oaxaca):
    found = PartnerRequestFactory(municipality=oaxaca, themes=["cultural"])
    client.force_login(official(oaxaca, role="capturista"))
    html = text(client.get(f"/buscan-socio/{found.pk}/editar/"))
    assert 'value="cultural" id="id_themes_0" checked' in html
    client.post(
        f"/buscan-socio/{found.pk}/editar/", request_data(title="Buscamos ciudad en Japón", country="JP")
    )
    found.refresh_from_db()
    assert (found.title, found.country_id) == ("Buscamos ciudad en Japón", "JP")
    response = client.post(f"/buscan-socio/{found.pk}/cerrar/")
    assert response["Location"] == f"/buscan-socio/{found.pk}/"
    found.refresh_from_db()
    assert found.closed_at is not None
    assert list(board_selectors.published()) == []


def test_others_cannot_edit_or_close(client, world, oaxaca):
    found = PartnerRequestFactory(municipality=oaxaca)
    client.force_login(official(world["municipalities"]["guadalajara"]))
    assert client.get(f"/buscan-socio/{found.pk}/editar/").status_code == 404
    assert client.post(f"/buscan-socio/{found.pk}/cerrar/").status_code == 404
    found.refresh_from_db()
    assert found.closed_at is None
    # The public page of the request offers the reply form, not the officials' buttons.
    html = text(client.get(f"/buscan-socio/{found.pk}/"))
    assert "Responder a esta solicitud" in html and "Cerrar la solicitud" not in html


# --- Browsing and filtering ---------------------------------------------------------------------------------
@pytest.fixture
def requests(world, oaxaca):
    """Five published requests and two that nobody outside their municipality sees."""
    guadalajara, tequila = world["municipalities"]["guadalajara"], world["municipalities"]["tequila"]
    americas, north = Region.objects.get(pk="019"), Region.objects.get(pk="021")
    canada, spain = world["countries"]["CA"], world["countries"]["ES"]
    made = {
        "canada": PartnerRequestFactory(municipality=oaxaca, country=canada, themes=["turistica"]),
        "americas": PartnerRequestFactory(municipality=guadalajara, region=americas, themes=["cultural"]),
        "north_america": PartnerRequestFactory(
            municipality=tequila, region=north, themes=["turistica", "educativa"]
        ),
        "spain": PartnerRequestFactory(municipality=tequila, country=spain, themes=["economica"]),
        "anywhere": PartnerRequestFactory(municipality=guadalajara, themes=["salud"]),
        "closed": PartnerRequestFactory(municipality=oaxaca, closed_at=timezone.now()),
        "expired": PartnerRequestFactory(municipality=oaxaca, expires_on=in_days(-1)),
    }
    return made


def listed(client, query="") -> list[int]:
    response = client.get(f"/buscan-socio/{query}")
    assert response.status_code == 200
    return [found.pk for found in response.context["page"].object_list]


def ids(requests, *names) -> list[int]:
    return sorted((requests[n].pk for n in names), reverse=True)


def test_the_board_lists_published_requests_newest_first(client, requests):
    assert listed(client) == ids(requests, "canada", "americas", "north_america", "spain", "anywhere")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Canada: requests for Canada, for its region or sub-region, and open to any country.
        ("?country=CA", ["canada", "americas", "north_america", "anywhere"]),
        ("?country=JP", ["anywhere"]),
        ("?country=ES", ["spain", "anywhere"]),
        # Americas: for the region, its sub-regions, a country in it, or any country.
        ("?region=019", ["canada", "americas", "north_america", "anywhere"]),
        ("?region=021", ["canada", "north_america", "anywhere"]),
        ("?region=150", ["spain", "anywhere"]),
        ("?theme=turistica", ["canada", "north_america"]),
        ("?state=14", ["americas", "north_america", "spain", "anywhere"]),
        ("?state=14&theme=turistica&country=CA", ["north_america"]),
    ],
)
def test_filters(client, requests, query, expected):
    assert listed(client, query) == ids(requests, *expected)


def test_invalid_filters_say_what_is_wrong(client, requests):
    response = client.get("/buscan-socio/?country=ZZ&theme=astrologia&state=99")
    assert response.status_code == 400
    html = text(response)
    for message in [
        "País de la ciudad socia: Seleccione una opción válida. ZZ no es una de las opciones disponibles.",
        "Tema: Seleccione una opción válida. astrologia no es una de las opciones disponibles.",
        "Estado de México: Seleccione una opción válida. 99 no es una de las opciones disponibles.",
    ]:
        assert message in html
    assert "Corrija los filtros para ver las solicitudes." in html


def test_the_board_in_english(client, requests):
    html = text(client.get("/en/buscan-socio/?country=CA"))
    assert "<h1>Partner wanted</h1>" in html
    assert "4 requests: Country of the partner city = Canada" in html
    assert '<select name="theme" id="id_theme">\n  <option value="" selected>Any</option>' in html
    assert (
        "<dd>Canada</dd>" in html and "<dd>Northern America</dd>" in html and "<dd>Any country</dd>" in html
    )


def test_officials_see_their_municipalitys_requests_whatever_their_state(client, requests, oaxaca):
    from matchmaking.models import PartnerRequestReply

    PartnerRequestReply.objects.create(
        request=requests["canada"], name="Jane", organization="City of Kelowna", country_id="CA",
        email="jane@example.ca", message="We would like to cooperate.", language="en",
    )  # fmt: skip
    client.force_login(official(oaxaca))
    response = client.get("/buscan-socio/")
    managed = response.context["managed"]
    assert [(r.pk, r.reply_count) for r in managed] == [
        (requests["expired"].pk, 0),
        (requests["closed"].pk, 0),
        (requests["canada"].pk, 1),
    ]
    html = text(response)
    assert (
        '<span class="tag tag-grey">Cerrada</span>' in html
        and '<span class="tag tag-yellow">Vencida</span>' in html
    )
    # The count says what it counts: on a phone the table's column headings are hidden.
    assert "<td>1 respuesta</td>" in html and "<td>0 respuestas</td>" in html
    # Its closed request stays readable for them, with its replies.
    assert "Esta solicitud está cerrada" in text(client.get(f"/buscan-socio/{requests['closed'].pk}/"))


def test_the_request_page_shows_its_replies_to_its_officials_only(client, requests, oaxaca):
    from matchmaking.models import PartnerRequestReply

    PartnerRequestReply.objects.create(
        request=requests["canada"], name="Jane Smith", organization="City of Kelowna", country_id="CA",
        city="Kelowna", email="jane@example.ca", message="We would like to cooperate.", language="en",
    )  # fmt: skip
    url = f"/buscan-socio/{requests['canada'].pk}/"
    assert "City of Kelowna" not in text(client.get(url))
    client.force_login(official(oaxaca, role="capturista"))
    html = text(client.get(url))
    assert '<h2 id="respuestas-titulo">1 respuesta</h2>' in html
    assert "City of Kelowna" in html and '<a href="mailto:jane@example.ca">' in html
    assert "Kelowna · Canadá" in html


# --- Query counts ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("rows", [1, 50])
def test_board_query_count_is_constant(client, world, oaxaca, django_assert_num_queries, rows):
    for _ in range(rows):
        PartnerRequestFactory(
            municipality=oaxaca, country=world["countries"]["CA"], themes=["turistica", "cultural"]
        )
    client.force_login(official(oaxaca))
    client.get("/buscan-socio/?country=CA")  # the registry's catalogues, once per process and version
    # session, user, memberships, registry version, count, page, themes, managed requests
    with django_assert_num_queries(8):
        response = client.get("/buscan-socio/?country=CA")
    assert len(response.context["page"].object_list) == min(rows, 20)


@pytest.mark.parametrize("rows", [1, 50])
def test_request_page_query_count_is_constant(client, world, oaxaca, django_assert_num_queries, rows):
    from matchmaking.models import PartnerRequestReply

    found = PartnerRequestFactory(municipality=oaxaca, themes=["turistica", "cultural"])
    PartnerRequestReply.objects.bulk_create(
        PartnerRequestReply(request=found, name=f"P{i}", organization=f"City {i}", country_id="CA",
                            email=f"p{i}@example.ca", message="Hello there, let us cooperate.", language="en")
        for i in range(rows)
    )  # fmt: skip
    client.force_login(official(oaxaca))
    client.get(f"/buscan-socio/{found.pk}/")
    # session, user, request (+ themes), memberships, replies (with their countries)
    with django_assert_num_queries(6):
        response = client.get(f"/buscan-socio/{found.pk}/")
    assert len(response.context["replies"]) == rows
