"""Accounts in a real browser (Debian's Chromium through Playwright): TOTP login, the idle-timeout dialog."""

import re

import pyotp
import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from accounts import services
from accounts.models import Membership, User
from tests.accounts.conftest import PASSWORD
from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def verified(**fields) -> User:
    user = UserFactory(**fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def fill_login(page: Page, base: str, email: str) -> None:
    page.goto(base + "/cuentas/login/")
    page.get_by_label("Correo Electrónico").fill(email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()


def test_sre_reviewer_logs_in_with_a_real_totp_code(page: Page, live_server):
    reviewer = verified(email="revisor@sre.gob.mx", sre_role=User.SreRole.REVIEWER)
    secret = services.totp_enable_for_demo(reviewer)

    fill_login(page, live_server.url, reviewer.email)
    expect(page).to_have_url(live_server.url + "/cuentas/2fa/authenticate/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Autenticación de doble factor")

    page.get_by_label("Código").fill("000000")
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.locator(".error-summary, .errorlist").first).to_contain_text("Código incorrecto.")

    page.get_by_label("Código").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page).to_have_url(live_server.url + "/")
    page.get_by_role("link", name=re.compile("^Mi cuenta")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mi cuenta")
    expect(page.locator(".summary-list")).to_contain_text("Activa")


def test_sre_reviewer_without_totp_sets_it_up_before_anything_else(page: Page, live_server):
    reviewer = verified(email="nuevo@sre.gob.mx", sre_role=User.SreRole.REVIEWER)
    fill_login(page, live_server.url, reviewer.email)
    # allauth asks for the password again before a two-factor change.
    expect(page).to_have_url(re.compile(r"/cuentas/reauthenticate/"))
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Confirmar").click()
    expect(page).to_have_url(live_server.url + "/cuentas/2fa/totp/activate/")
    secret = page.get_by_label("Secreto de autenticador").input_value()
    page.get_by_label("Código del autenticador").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Activar").click()
    page.goto(live_server.url + "/acerca-de-los-datos/")
    expect(page).to_have_url(live_server.url + "/acerca-de-los-datos/")  # no longer held


@pytest.fixture
def official(db):
    user = verified(email="enlace@oaxaca.gob.mx")
    MembershipFactory(user=user, municipality=MunicipalityFactory(), role=Membership.Role.TITULAR)
    return user


def test_idle_dialog_warns_keeps_the_session_and_then_logs_out(page: Page, live_server, settings, official):
    settings.ACCOUNTS_IDLE_TIMEOUT = 8
    settings.ACCOUNTS_IDLE_WARNING = 6  # the dialog opens 2 s after the page loads
    settings.ACCOUNTS_IDLE_RESOLUTION = 0
    fill_login(page, live_server.url, official.email)
    page.goto(live_server.url + "/cuentas/mi-cuenta/")

    dialog = page.get_by_role("dialog", name="¿Sigue ahí?")
    expect(dialog).to_be_visible(timeout=5000)
    keep = dialog.get_by_role("button", name="Seguir conectado")
    expect(keep).to_be_focused()  # the dialog takes the focus; Tab stays inside it
    expect(dialog).to_contain_text(
        re.compile(r"Su sesión se cerrará a las \d{1,2}:\d{2}.* por inactividad\.")
    )

    keep.click()
    expect(dialog).to_be_hidden()
    assert page.request.get(live_server.url + "/sesion/estado/").json()["authenticated"] is True

    # Escape also shows the person is there.
    expect(dialog).to_be_visible(timeout=5000)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    # Nobody answers this time: the server logs out and the page goes to the login with a message.
    expect(dialog).to_be_visible(timeout=5000)
    expect(page).to_have_url(re.compile(r"/cuentas/login/\?next=%2Fcuentas%2Fmi-cuenta%2F$"), timeout=12000)
    expect(page.locator(".messages")).to_contain_text("Su sesión se cerró tras 0 minutos sin actividad.")


def test_invitation_for_another_address_fits_a_phone(page: Page, live_server):
    """The page names the logged-in address, which can be longer than a phone is wide: it wraps."""
    municipality = MunicipalityFactory()
    titular = verified(email="titular@oaxaca.gob.mx")
    MembershipFactory(user=titular, municipality=municipality, role=Membership.Role.TITULAR)
    _invitation, token = services.invitation_create(
        by=titular,
        email="nueva@oaxaca.gob.mx",
        municipality=municipality,
        role=Membership.Role.CAPTURISTA,
        language="es-mx",
        base_url=live_server.url + "/",
    )
    someone_else = verified(email="coordinacion.de.asuntos.internacionales@ayuntamiento.gob.mx")

    page.set_viewport_size({"width": 390, "height": 844})
    fill_login(page, live_server.url, someone_else.email)
    page.goto(f"{live_server.url}/cuentas/invitacion/{token}/")
    expect(page.locator(".message-warning")).to_contain_text(f"Inició sesión como {someone_else.email}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
