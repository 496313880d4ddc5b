import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import UserFactory
from tests.notifications import backends


@pytest.fixture
def ana(db):
    return UserFactory(email="ana@oaxaca.gob.mx", language="es-mx")


@pytest.fixture
def ben(db):
    return UserFactory(email="ben@example.org", language="en")


@pytest.fixture
def flaky_mail(settings):
    """Scripted mail-server failures (tests.notifications.backends); cleared before and after."""
    settings.EMAIL_BACKEND = "tests.notifications.backends.FlakyBackend"
    backends.FAILURES.clear()
    backends.CALLS.clear()
    yield backends
    backends.FAILURES.clear()
    backends.CALLS.clear()


@pytest.fixture(autouse=True)
def _default_language_after():
    """A request to /en/… leaves English active in this thread: give the next test the default back."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
