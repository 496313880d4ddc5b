"""The login itself: allauth's pages in both languages, rate limits, the admin behind allauth, language."""

import pytest
from allauth.account.models import EmailAddress

from accounts.models import Membership
from tests.accounts.conftest import PASSWORD, login_with_password, member, totp_code, verified_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_login_page_spanish_uses_allauth_spanish_catalogue(client):
    html = client.get("/cuentas/login/").content.decode()
    assert '<html lang="es-MX">' in html
    assert "<h1>Iniciar sesión</h1>" in html
    # allauth's own strings: Django falls back from es-mx (es_MX) to allauth's `es` catalogue.
    assert "¿Ha olvidado su contraseña?" in html
    assert '<label for="id_password">Contraseña:</label>' in html
    assert "Forgot your password?" not in html
    # Accounts come by invitation: no sign-up link, no "remember me" on a shared office computer.
    assert "/cuentas/signup/" not in html
    assert 'name="remember"' not in html


def test_login_page_english(client):
    html = client.get("/en/cuentas/login/").content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Log in</h1>" in html
    assert "Forgot your password?" in html
    assert "¿Ha olvidado su contraseña?" not in html


def squeeze(response) -> str:
    return " ".join(response.content.decode().split())


def test_password_reset_page_in_spanish_and_english(client):
    assert "<h1> Restablecer Contraseña </h1>" in squeeze(client.get("/cuentas/password/reset/"))
    assert "<h1> Password Reset </h1>" in squeeze(client.get("/en/cuentas/password/reset/"))


def test_password_reset_sends_a_working_link(client, outbox, oaxaca):
    user = member(oaxaca, Membership.Role.TITULAR, email="olvido@oaxaca.gob.mx")
    response = client.post("/cuentas/password/reset/", {"email": "olvido@oaxaca.gob.mx"})
    assert response.status_code == 302
    assert len(outbox) == 1
    body = outbox[0].body
    assert outbox[0].subject == "[Ciberparadiplomacia] Correo electrónico para restablecer contraseña"
    link = next(line for line in body.splitlines() if "/cuentas/password/reset/key/" in line).strip()
    path = link.split("testserver", 1)[1]
    form = client.get(path, follow=True)
    new = "Mole-Negro-de-Oaxaca-7"
    done = client.post(form.redirect_chain[-1][0], {"password1": new, "password2": new})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_signup_is_closed(client):
    response = client.get("/cuentas/signup/")
    assert response.status_code == 200
    assert "Registro cerrado" in response.content.decode()
    client.post("/cuentas/signup/", {"email": "x@example.org", "password1": PASSWORD, "password2": PASSWORD})
    assert not EmailAddress.objects.filter(email="x@example.org").exists()


def test_unverified_address_cannot_log_in_and_gets_a_verification_email(client, outbox):
    user = UserFactory(email="sin-verificar@oaxaca.gob.mx")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    response = login_with_password(client, user.email)
    assert response.status_code == 302
    assert response["Location"] == "/cuentas/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert [m.to for m in outbox] == [["sin-verificar@oaxaca.gob.mx"]]


def test_repeated_failures_hit_allauth_rate_limit(client, oaxaca):
    user = member(oaxaca, Membership.Role.TITULAR, email="blanco@oaxaca.gob.mx")
    for _ in range(5):
        failed = login_with_password(client, user.email, "equivocada-123")
        assert failed.context["form"].errors["__all__"] == [
            "La dirección de correo electrónico y/o la contraseña que ha indicado no son correctas."
        ]
    # The sixth try is refused even with the right password.
    blocked = login_with_password(client, user.email, PASSWORD)
    assert blocked.status_code == 200
    assert blocked.context["form"].errors["__all__"] == ["Demasiados intentos fallidos. Inténtelo más tarde."]
    assert "_auth_user_id" not in client.session
    # Another address from the same place is not blocked by this key.
    other = member(oaxaca, Membership.Role.CAPTURISTA, email="otra@oaxaca.gob.mx")
    assert login_with_password(client, other.email).status_code == 302


def test_too_many_requests_from_one_address_get_a_429(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login": "3/m/ip"}
    statuses = [login_with_password(client, f"n{i}@example.org", "x").status_code for i in range(4)]
    assert statuses == [200, 200, 200, 429]


# --- Admin behind allauth --------------------------------------------------------------------------


def test_admin_login_redirects_to_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/cuentas/login/?next=%2Fadmin%2F"
    # The admin's own form no longer logs anybody in.
    admin = verified_user(email="root@sre.gob.mx", is_staff=True, is_superuser=True)
    posted = client.post("/admin/login/", {"username": admin.email, "password": PASSWORD})
    assert posted.status_code == 302
    assert posted["Location"].startswith("/cuentas/login/")
    assert "_auth_user_id" not in client.session


def test_admin_reached_through_allauth_password_and_totp(client):
    from accounts import services

    admin = verified_user(email="root@sre.gob.mx", is_staff=True, is_superuser=True)
    secret = services.totp_enable_for_demo(admin)
    start = client.get("/admin/", follow=True)
    login_url = start.redirect_chain[-1][0]
    assert login_url.startswith("/cuentas/login/?next=")
    step = client.post(login_url, {"login": admin.email, "password": PASSWORD})
    assert step["Location"] == "/cuentas/2fa/authenticate/"
    done = client.post("/cuentas/2fa/authenticate/", {"code": totp_code(secret)}, follow=True)
    assert done.redirect_chain[-1][0] == "/admin/"
    assert done.status_code == 200
    assert (
        "Administración del sitio" in done.content.decode() or "Site administration" in done.content.decode()
    )


def test_non_staff_logged_in_user_gets_403_at_admin_login(client, oaxaca):
    client.force_login(member(oaxaca, Membership.Role.TITULAR))
    assert client.get("/admin/login/").status_code == 403


# --- Language preference ---------------------------------------------------------------------------


def test_login_without_next_lands_in_the_preferred_language(client, oaxaca):
    user = member(oaxaca, Membership.Role.TITULAR, email="english@oaxaca.gob.mx", language="en")
    response = login_with_password(client, user.email)
    assert response["Location"] == "/en/"


def test_login_with_next_keeps_it(client, oaxaca):
    user = member(oaxaca, Membership.Role.TITULAR, email="english@oaxaca.gob.mx", language="en")
    response = client.post(
        "/cuentas/login/", {"login": user.email, "password": PASSWORD, "next": "/cuentas/mi-cuenta/"}
    )
    assert response["Location"] == "/cuentas/mi-cuenta/"
