import pytest

from accounts import services
from accounts.models import Membership, User
from tests.accounts.conftest import member
from tests.factories import MembershipFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_profile_lists_memberships_and_two_factor_status(client, titular, puebla):
    MembershipFactory(user=titular, municipality=puebla, role=Membership.Role.CAPTURISTA)
    client.force_login(titular)
    response = client.get("/cuentas/mi-cuenta/")
    html = " ".join(response.content.decode().split())
    assert [(m.municipality.name, m.role) for m in response.context["memberships"]] == [
        ("Oaxaca de Juárez", "titular"),
        ("Puebla", "capturista"),
    ]
    assert '<tr><th scope="row">Oaxaca de Juárez</th><td>Oaxaca</td><td>Titular / enlace</td></tr>' in html
    assert '<span class="tag tag-yellow">Inactiva</span>' in html
    assert "Opcional para el personal de los municipios, y recomendable." in html
    assert 'href="/cuentas/invitar/"' in html  # a titular may invite
    assert 'aria-current="page">Mi cuenta' in html


def test_profile_of_sre_reviewer_shows_totp_active_and_required(client, sre_reviewer):
    client.force_login(sre_reviewer)
    html = " ".join(client.get("/en/cuentas/mi-cuenta/").content.decode().split())
    assert "<h1>My account</h1>" in html
    assert '<span class="tag tag-green">On</span>' in html
    assert "Required for SRE staff and administrators." in html
    assert "You are not on any municipality's team." in html
    assert 'href="/en/cuentas/invitar/"' not in html  # reviewers do not invite


def test_capturista_profile_offers_no_invitation(client, capturista):
    client.force_login(capturista)
    assert client.get("/cuentas/mi-cuenta/").context["can_invite"] is False


def test_profile_needs_login(client):
    response = client.get("/cuentas/mi-cuenta/")
    assert response["Location"] == "/cuentas/login/?next=/cuentas/mi-cuenta/"


@pytest.mark.parametrize("rows", [1, 50])
def test_profile_query_count_is_constant(client, rows, django_assert_num_queries):
    user = member(MunicipalityFactory(), Membership.Role.TITULAR)
    for _ in range(rows - 1):
        MembershipFactory(user=user, municipality=MunicipalityFactory(), role=Membership.Role.CAPTURISTA)
    client.force_login(user)
    client.get("/cuentas/mi-cuenta/")
    # session, user, memberships with municipalities and states, authenticators
    with django_assert_num_queries(4):
        response = client.get("/cuentas/mi-cuenta/")
    assert len(response.context["memberships"]) == rows


def test_language_preference_is_saved_and_the_page_follows(client, titular):
    client.force_login(titular)
    response = client.post("/cuentas/mi-cuenta/idioma/", {"language": "en"})
    assert response.status_code == 302
    assert response["Location"] == "/en/cuentas/mi-cuenta/"
    assert User.objects.get(pk=titular.pk).language == "en"
    page = client.get(response["Location"])
    assert "Your preferred language has been saved." in page.content.decode()
    assert page.context["language_form"].initial == {"language": "en"}


def test_bad_language_gets_a_message_and_changes_nothing(client, titular):
    client.force_login(titular)
    response = client.post("/cuentas/mi-cuenta/idioma/", {"language": "fr"}, follow=True)
    assert "Elija uno de los idiomas de la lista." in response.content.decode()
    assert User.objects.get(pk=titular.pk).language == "es-mx"
    assert client.get("/cuentas/mi-cuenta/idioma/").status_code == 405


def test_language_service_refuses_unknown_codes(titular):
    with pytest.raises(services.ValidationError):
        services.user_set_language(user=titular, language="xx")
