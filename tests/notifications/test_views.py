"""The notification centre, the header badge, the preferences page and the weekly digest."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from notifications import services
from notifications.models import DigestLog, Notification, NotificationPreference
from notifications.services import notify
from tests.conftest import clear_cache

pytestmark = pytest.mark.django_db


def make(user, n: int, **fields) -> list[Notification]:
    fields = {"kind": "x", "category": "update", **fields}
    return Notification.objects.bulk_create(
        [
            Notification(
                recipient=user, subject=f"Aviso {i}", **{"url": f"/expedientes/{i}/estado/", **fields}
            )
            for i in range(n)
        ]
    )


def test_centre_needs_login(client):
    response = client.get("/notificaciones/")
    assert response.status_code == 302
    assert response["Location"] == "/cuentas/login/?next=/notificaciones/"


def test_centre_lists_only_my_notifications_newest_first(client, ana, ben):
    make(ana, 2)
    make(ben, 1)
    client.force_login(ana)
    response = client.get("/notificaciones/")
    assert response.status_code == 200
    assert [n.subject for n in response.context["notifications"]] == ["Aviso 1", "Aviso 0"]
    assert response.context["unread"] == 2
    assert "Tiene 2 notificaciones sin leer." in response.content.decode()


@pytest.mark.parametrize("rows", [1, 50])
def test_centre_query_count_is_constant(client, ana, rows, django_assert_num_queries):
    make(ana, rows)
    client.force_login(ana)
    client.get("/notificaciones/")  # warm: the demo-banner flag cached, the session's activity stamp written
    # session, user, page count, page rows, unread count
    with django_assert_num_queries(5):
        response = client.get("/notificaciones/")
    assert len(response.context["notifications"]) == min(rows, 25)


def test_open_marks_read_and_goes_to_the_file(client, ana):
    (row,) = make(ana, 1)
    client.force_login(ana)
    response = client.post(f"/notificaciones/{row.pk}/abrir/")
    assert response.status_code == 302
    assert response["Location"] == "/expedientes/0/estado/"
    row.refresh_from_db()
    assert row.read_at is not None


def test_open_refuses_someone_elses_notification(client, ana, ben):
    (row,) = make(ben, 1)
    client.force_login(ana)
    assert client.post(f"/notificaciones/{row.pk}/abrir/").status_code == 404
    row.refresh_from_db()
    assert row.read_at is None


def test_open_refuses_get_and_an_offsite_url(client, ana):
    (row,) = make(ana, 1, url="https://evil.example/")
    client.force_login(ana)
    assert client.get(f"/notificaciones/{row.pk}/abrir/").status_code == 405
    response = client.post(f"/notificaciones/{row.pk}/abrir/")
    assert response["Location"] == "/notificaciones/"


def test_mark_all_read_and_the_badge(client, ana):
    make(ana, 3)
    client.force_login(ana)
    assert client.get("/api/notificaciones/sin-leer/").json() == {"unread": 3}
    client.post("/notificaciones/marcar-todas/")
    assert Notification.objects.filter(read_at__isnull=True).count() == 0
    assert client.get("/api/notificaciones/sin-leer/").json() == {"unread": 0}


def test_header_shows_the_cached_unread_count_without_a_query(
    client, ana, django_capture_on_commit_callbacks
):
    client.force_login(ana)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[ana], kind="workflow.test", subject="Hay observaciones", action_required=True)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/").content.decode()
    assert '<span data-unread-number>1</span><span class="visually-hidden"> sin leer</span>' in page
    assert not [q["sql"] for q in queries.captured_queries if "notifications_notification" in q["sql"]]
    clear_cache()  # not cached: the badge stays empty and hidden; the script asks for the number
    page = client.get("/").content.decode()
    assert "data-unread-badge hidden><span data-unread-number></span>" in page


def test_anonymous_badge_endpoint_says_zero(client):
    assert client.get("/api/notificaciones/sin-leer/").json() == {"unread": 0}


def test_preferences_default_on_and_saved(client, ana):
    client.force_login(ana)
    response = client.get("/notificaciones/preferencias/")
    assert response.context["form"].initial == {"email_reminders": True, "email_digest": True}
    response = client.post("/notificaciones/preferencias/", {"email_digest": "on"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=ana)
    assert (preference.email_reminders, preference.email_digest) == (False, True)


def test_preferences_in_english(client, ben):
    client.force_login(ben)
    page = client.get("/en/notificaciones/preferencias/").content.decode()
    assert "Receive reminders by e-mail" in page
    assert "Receive a weekly summary of what I have not read" in page


def test_digest_is_weekly_once_and_respects_the_preference(ana, ben, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=ben, email_digest=False)
    monday = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(monday - dt.timedelta(days=3)):
        make(ana, 2, created_at=timezone.now())
        make(ben, 1, created_at=timezone.now())
    with time_machine.travel(monday - dt.timedelta(hours=2)):
        make(ana, 1, created_at=timezone.now())  # less than a day old: next week's digest

    with django_capture_on_commit_callbacks(execute=True):
        assert services.digests_send_due(now=monday) == 1
        assert services.digests_send_due(now=monday + dt.timedelta(hours=12)) == 0  # same week: nothing
    assert [(m.to[0], m.subject) for m in mail.outbox] == [
        ("ana@oaxaca.gob.mx", "[Ciberparadiplomacia] Resumen semanal: 2 notificaciones sin leer")
    ]
    assert "Aviso 0" in mail.outbox[0].body and "Aviso 1" in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):  # a missed Monday is caught up on Wednesday
        assert services.digests_send_due(now=monday + dt.timedelta(days=9)) == 1
    assert mail.outbox[-1].subject == "[Ciberparadiplomacia] Resumen semanal: 1 notificación sin leer"
    assert list(DigestLog.objects.order_by("week_start").values_list("week_start", "notification_count")) == [
        (dt.date(2026, 3, 2), 2),
        (dt.date(2026, 3, 9), 1),
    ]
