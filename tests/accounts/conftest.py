"""Accounts fixtures: two municipalities, one person per role, helpers for real logins and TOTP codes."""

import re

import pyotp
import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts import services
from accounts.models import Membership, User
from tests.factories import MembershipFactory, MunicipalityFactory, StateFactory, UserFactory

PASSWORD = "contraseña-de-prueba-1"  # tests.factories.UserFactory's


def verified_user(**fields) -> User:
    """A user whose address allauth counts as verified, so the real login form lets them in."""
    user = UserFactory(**fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def member(municipality, role: str, **fields) -> User:
    user = verified_user(**fields)
    MembershipFactory(user=user, municipality=municipality, role=role)
    return user


def totp_code(secret: str) -> str:
    return pyotp.TOTP(secret).now()


def login_with_password(client, email: str, password: str = PASSWORD, *, prefix: str = ""):
    return client.post(f"{prefix}/cuentas/login/", {"login": email, "password": password})


def invitation_link(message) -> str:
    """The accept path inside an invitation e-mail (absolute URL → path)."""
    match = re.search(
        r"https?://[^/\s]+(/\S*/cuentas/invitacion/[^/\s]+/|/cuentas/invitacion/[^/\s]+/)", message.body
    )
    assert match, message.body
    return match.group(1)


@pytest.fixture
def oaxaca(db):
    return MunicipalityFactory(
        state=StateFactory(code="20", name="Oaxaca", abbreviation="Oax."), code="067", name="Oaxaca de Juárez"
    )


@pytest.fixture
def puebla(db):
    return MunicipalityFactory(
        state=StateFactory(code="21", name="Puebla", abbreviation="Pue."), code="114", name="Puebla"
    )


@pytest.fixture
def titular(oaxaca):
    return member(
        oaxaca, Membership.Role.TITULAR, email="titular@oaxaca.gob.mx", first_name="Rosa", last_name="Méndez"
    )


@pytest.fixture
def capturista(oaxaca):
    return member(oaxaca, Membership.Role.CAPTURISTA, email="capturista@oaxaca.gob.mx")


@pytest.fixture
def puebla_titular(puebla):
    return member(puebla, Membership.Role.TITULAR, email="titular@puebla.gob.mx")


@pytest.fixture
def sre_admin(db):
    user = verified_user(email="admin@sre.gob.mx", sre_role=User.SreRole.ADMIN)
    user.totp_secret = services.totp_enable_for_demo(user)
    return user


@pytest.fixture
def sre_reviewer(db):
    user = verified_user(email="dictamen@sre.gob.mx", sre_role=User.SreRole.REVIEWER)
    user.totp_secret = services.totp_enable_for_demo(user)
    return user


@pytest.fixture
def reviewer_without_totp(db):
    return verified_user(email="nuevo@sre.gob.mx", sre_role=User.SreRole.REVIEWER)


@pytest.fixture
def outbox():
    mail.outbox = []
    return mail.outbox
