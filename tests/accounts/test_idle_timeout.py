import datetime as dt

import pytest
import time_machine

from accounts.models import Membership
from tests.accounts.conftest import login_with_password, member

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 16, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def official(oaxaca):
    return member(oaxaca, Membership.Role.TITULAR, email="enlace@oaxaca.gob.mx")


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_thirty_idle_minutes_log_out_with_a_message(client, official):
    with time_machine.travel(START, tick=False) as clock:
        assert login_with_password(client, official.email).status_code == 302
        assert client.get("/cuentas/mi-cuenta/").status_code == 200
        clock.shift(30 * MINUTE - dt.timedelta(seconds=1))
        assert client.get("/cuentas/mi-cuenta/").status_code == 200  # 29:59 idle: still in, and counts
        clock.shift(30 * MINUTE)
        response = client.get("/cuentas/mi-cuenta/")
        assert response.status_code == 302
        assert response["Location"] == "/cuentas/login/?next=/cuentas/mi-cuenta/"
        assert not logged_in(client)
        login_page = client.get(response["Location"])
        assert "Su sesión se cerró tras 30 minutos sin actividad. Vuelva a iniciar sesión." in (
            login_page.content.decode()
        )


def test_activity_keeps_the_session_alive(client, official):
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(official)
        for _ in range(6):  # an hour and a half of work, one request every 15 minutes
            clock.shift(15 * MINUTE)
            assert client.get("/cuentas/mi-cuenta/").status_code == 200
        assert logged_in(client)


def test_public_page_after_timeout_is_served_logged_out(client, official):
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(official)
        client.get("/")
        clock.shift(31 * MINUTE)
        response = client.get("/acerca-de-los-datos/")
        assert response.status_code == 200
        assert not logged_in(client)
        assert "Su sesión se cerró tras 30 minutos sin actividad." in response.content.decode()


def test_status_does_not_count_as_activity_but_ping_does(client, official):
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(official)
        client.get("/")
        clock.shift(20 * MINUTE)
        assert client.get("/sesion/estado/").json() == {
            "authenticated": True,
            "seconds_left": 600,
            "timeout": 1800,
        }
        clock.shift(9 * MINUTE)
        assert client.get("/sesion/estado/").json()["seconds_left"] == 60
        assert client.post("/sesion/seguir/").json() == {
            "authenticated": True,
            "seconds_left": 1800,
            "timeout": 1800,
        }
        clock.shift(29 * MINUTE)
        assert client.get("/sesion/estado/").json()["seconds_left"] == 60
        clock.shift(MINUTE)
        assert client.get("/sesion/estado/").json() == {
            "authenticated": False,
            "seconds_left": 0,
            "timeout": 1800,
        }
        assert not logged_in(client)
        assert client.post("/sesion/seguir/").status_code == 401


def test_ping_needs_post_and_csrf(official):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(official)
    assert client.get("/sesion/seguir/").status_code == 405
    assert client.post("/sesion/seguir/").status_code == 403


def test_last_activity_is_written_at_most_once_a_minute(client, official, django_assert_num_queries):
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(official)
        client.get("/sesion/estado/")
        clock.shift(dt.timedelta(seconds=30))
        # session read, user: no session write within the same minute
        with django_assert_num_queries(2):
            client.get("/sesion/estado/")


@pytest.mark.parametrize("seconds", [60, 300])
def test_timeout_is_a_setting(client, official, settings, seconds):
    settings.ACCOUNTS_IDLE_TIMEOUT = seconds
    with time_machine.travel(START, tick=False) as clock:
        client.force_login(official)
        client.get("/")
        clock.shift(dt.timedelta(seconds=seconds - 1))
        assert client.get("/sesion/estado/").json()["seconds_left"] == 1
        clock.shift(dt.timedelta(seconds=1))
        client.get("/")
        assert not logged_in(client)


def test_dialog_is_on_every_page_for_logged_in_users_only(client, official):
    assert 'id="session-timeout"' not in client.get("/").content.decode()
    client.force_login(official)
    html = client.get("/").content.decode()
    assert 'data-timeout="1800" data-warning="180"' in html
    assert 'data-status-url="/sesion/estado/" data-login-url="/cuentas/login/"' in html
    assert '<button type="submit" autofocus>Seguir conectado</button>' in html
    assert '<script src="/static/js/session-timeout.js" defer></script>' in html
    english = client.get("/en/").content.decode()
    assert '<button type="submit" autofocus>Stay logged in</button>' in english
    assert 'data-login-url="/en/cuentas/login/"' in english
