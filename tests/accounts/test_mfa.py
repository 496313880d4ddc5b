import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, validate_totp_code
from allauth.mfa.utils import decrypt

from accounts import services
from accounts.models import Membership
from tests.accounts.conftest import PASSWORD, login_with_password, member, totp_code, verified_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ACTIVATE = "/cuentas/2fa/totp/activate/"
REAUTHENTICATE = "/cuentas/reauthenticate/?next=%2Fcuentas%2F2fa%2Ftotp%2Factivate%2F"


def reauthenticate(client, next_path: str = "/"):
    """allauth asks for the password again before any two-factor change, even right after logging in."""
    response = client.post("/cuentas/reauthenticate/", {"password": PASSWORD, "next": next_path})
    assert response.status_code == 302, response.content.decode()


@pytest.mark.parametrize(
    ("path", "setup"),
    [
        ("/", ACTIVATE),
        ("/en/", "/en" + ACTIVATE),
        ("/cuentas/mi-cuenta/", ACTIVATE),
        ("/cuentas/invitaciones/", ACTIVATE),
        ("/acerca-de-los-datos/", ACTIVATE),
        ("/en/acerca-de-los-datos/", "/en" + ACTIVATE),
        ("/cuentas/2fa/", ACTIVATE),
        ("/admin/", ACTIVATE),
        ("/admin/accounts/user/", ACTIVATE),
    ],
)
def test_sre_user_without_totp_is_sent_to_setup_everywhere(client, reviewer_without_totp, path, setup):
    client.force_login(reviewer_without_totp)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == setup


def test_setup_logout_and_session_pages_stay_reachable(client, reviewer_without_totp):
    client.force_login(reviewer_without_totp)
    # allauth wants the password again before a two-factor change: that page is let through too.
    assert client.get(ACTIVATE)["Location"] == REAUTHENTICATE
    assert client.get(REAUTHENTICATE).status_code == 200
    reauthenticate(client, ACTIVATE)
    assert client.get(ACTIVATE).status_code == 200
    assert client.get("/sesion/estado/").status_code == 200
    assert client.post("/sesion/seguir/").status_code == 200
    logout = client.post("/cuentas/logout/")
    assert logout.status_code == 302
    assert "_auth_user_id" not in client.session


def test_redirect_explains_why(client, reviewer_without_totp):
    client.force_login(reviewer_without_totp)
    page = client.get("/", follow=True)
    assert page.redirect_chain == [(ACTIVATE, 302), (REAUTHENTICATE, 302)]
    assert (
        "Las cuentas de la SRE y de administración deben activar la verificación en dos pasos antes de "
        "continuar: escanee el código con su aplicación de autenticación." in page.content.decode()
    )


@pytest.mark.parametrize(
    "fields", [{"is_superuser": True, "is_staff": True}, {"is_staff": True}, {"sre_role": "admin"}]
)
def test_superusers_admin_staff_and_sre_admins_are_held_too(client, fields):
    client.force_login(verified_user(**fields))
    assert client.get("/")["Location"] == ACTIVATE


def test_official_without_totp_is_not_held(client, oaxaca):
    client.force_login(member(oaxaca, Membership.Role.TITULAR))
    assert client.get("/cuentas/mi-cuenta/").status_code == 200


def test_sre_user_activates_totp_with_a_real_code_and_is_let_through(client, reviewer_without_totp):
    login = login_with_password(client, reviewer_without_totp.email)
    assert login.status_code == 302
    assert client.get(login["Location"])["Location"] == ACTIVATE
    reauthenticate(client, ACTIVATE)
    page = client.get(ACTIVATE)
    secret = page.context["form"].secret
    assert secret in page.content.decode()  # shown for manual entry next to the QR code

    wrong = client.post(ACTIVATE, {"code": "000000"})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors == {"code": ["Código incorrecto."]}

    done = client.post(ACTIVATE, {"code": totp_code(secret)})
    assert done.status_code == 302
    authenticator = Authenticator.objects.get(user=reviewer_without_totp, type=Authenticator.Type.TOTP)
    assert decrypt(authenticator.data["secret"]) == secret
    assert client.get("/").status_code == 200


def test_login_with_totp_asks_for_code_and_accepts_a_real_one(client, sre_reviewer):
    first = login_with_password(client, sre_reviewer.email)
    assert first.status_code == 302
    assert first["Location"] == "/cuentas/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # not logged in yet

    wrong = client.post("/cuentas/2fa/authenticate/", {"code": "123456"})
    assert wrong.context["form"].errors == {"code": ["Código incorrecto."]}
    assert "_auth_user_id" not in client.session

    right = client.post("/cuentas/2fa/authenticate/", {"code": totp_code(sre_reviewer.totp_secret)})
    assert right.status_code == 302
    assert right["Location"] == "/"
    assert int(client.session["_auth_user_id"]) == sre_reviewer.pk
    assert client.get("/cuentas/mi-cuenta/").status_code == 200


def test_sre_user_cannot_deactivate_totp_but_official_can(client, sre_reviewer, oaxaca):
    client.force_login(sre_reviewer)
    reauthenticate(client)
    response = client.post("/cuentas/2fa/totp/deactivate/")
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "__all__": ["No se puede desactivar la autenticación de dos factores."]
    }
    assert Authenticator.objects.filter(user=sre_reviewer, type="totp").exists()

    official = member(oaxaca, Membership.Role.CAPTURISTA)
    services.totp_enable_for_demo(official)
    client.force_login(official)
    reauthenticate(client)
    assert client.post("/cuentas/2fa/totp/deactivate/").status_code == 302
    assert not Authenticator.objects.filter(user=official, type="totp").exists()


def test_totp_enable_for_demo_returns_a_working_secret_and_replaces_the_old_one(db):
    user = UserFactory(sre_role="reviewer")
    first = services.totp_enable_for_demo(user)
    second = services.totp_enable_for_demo(user)
    assert len(second) == 32 and second.isalnum() and second.isupper()
    assert first != second
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    assert decrypt(authenticator.data["secret"]) == second
    assert validate_totp_code(second, totp_code(second)) is True
    assert TOTP(authenticator).validate_code(totp_code(first)) is (totp_code(first) == totp_code(second))


def test_password_is_still_checked_before_the_code(client, sre_reviewer):
    response = login_with_password(client, sre_reviewer.email, PASSWORD + "x")
    assert response.status_code == 200
    assert response.context["form"].errors["__all__"] == [
        "La dirección de correo electrónico y/o la contraseña que ha indicado no son correctas."
    ]


def test_two_factor_overview_offers_turning_off_only_to_officials(client, sre_reviewer, oaxaca):
    client.force_login(sre_reviewer)
    html = client.get("/cuentas/2fa/").content.decode()
    assert "Su cuenta de la SRE o de administración debe mantenerla activa." in html
    assert 'href="/cuentas/2fa/totp/deactivate/"' not in html

    official = member(oaxaca, Membership.Role.CAPTURISTA)
    services.totp_enable_for_demo(official)
    client.force_login(official)
    html = client.get("/en/cuentas/2fa/").content.decode()
    assert '<a class="button button-danger" href="/en/cuentas/2fa/totp/deactivate/">Turn off</a>' in html


def test_public_api_is_not_held_back(client, reviewer_without_totp):
    client.force_login(reviewer_without_totp)
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")


def test_account_pages_carry_the_strict_csp(client, sre_reviewer):
    client.force_login(sre_reviewer)
    policy = client.get("/cuentas/mi-cuenta/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
