"""A bounded schemathesis run on the registry's part of the OpenAPI schema: whatever the parameters, no
server error.

Every operation of /api/v1/ gets up to 30 generated requests (valid and invalid values, derandomized so CI
sees the same run), against the small registry of the `sample` fixture.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle
from schemathesis.checks import not_a_server_error

from ciberparadiplomacia.wsgi import application

# The public registry's operations only (other features add authenticated endpoints of their own).
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application).include(
    path_regex=r"^/api/v1/(agreements|municipalities|states|countries|partner-cities|stats)/"
)


@pytest.fixture
def unthrottled(monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": None})


@pytest.fixture
def keep_test_connection():
    """Like Django's test client: requests made straight through the WSGI app must not close the test's
    database connection (it is inside the test transaction, which Django would take for a broken one)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_no_server_error_for_any_parameters(case, sample, unthrottled, keep_test_connection):
    response = case.call_and_validate(checks=[not_a_server_error])  # raises with the request that failed
    # A GET answers, or says what is wrong (400, 404); other methods are refused or described (OPTIONS).
    expected = (200, 400, 404) if case.method.upper() == "GET" else (200, 404, 405)
    assert response.status_code in expected, (case.method, response.status_code, case.path, case.query)
