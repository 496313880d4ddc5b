"""notify(): rows in each recipient's language, e-mails after commit, preferences, retries, the sweeper."""

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications import services
from notifications.models import EmailStatus, Notification, NotificationPreference
from notifications.services import notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def failed_document(recipients, **extra):
    return notify(
        recipients=recipients,
        kind="document.failed",
        url="/expedientes/7/estado/",
        context={"document": _("Carta de intención"), "file": "Acuerdo con Kioto"},
        **extra,
    )


def test_notify_writes_one_row_per_recipient_in_their_language(ana, ben, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rows = failed_document([ana, ben, ana])

    assert [(r.recipient, r.subject, r.url, r.category) for r in rows] == [
        (ana, "No se pudo generar: Carta de intención", "/expedientes/7/estado/", "update"),
        (ben, "Could not generate: Letter of intent", "/en/expedientes/7/estado/", "update"),
    ]
    assert rows[0].message.startswith("El documento «Carta de intención» del expediente «Acuerdo con Kioto»")
    assert rows[1].message.startswith(
        "The document “Letter of intent” of the working file “Acuerdo con Kioto”"
    )
    assert Notification.objects.count() == 2


def test_notify_emails_each_recipient_in_plain_text_and_html(ana, ben, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        failed_document([ana, ben], action_required=True)

    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("ana@oaxaca.gob.mx", "[Ciberparadiplomacia] No se pudo generar: Carta de intención"),
        ("ben@example.org", "[Ciberparadiplomacia] Could not generate: Letter of intent"),
    ]
    english = next(m for m in mail.outbox if m.to == ["ben@example.org"])
    assert "http://127.0.0.1:8000/en/expedientes/7/estado/" in english.body
    assert "To act on it, open:" in english.body
    html, mimetype = english.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="en">' in html
    assert 'href="http://127.0.0.1:8000/en/expedientes/7/estado/"' in html
    assert set(Notification.objects.values_list("email_status", "email_attempts")) == {(EmailStatus.SENT, 1)}


def test_notify_sends_nothing_when_the_transaction_rolls_back(ana, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                failed_document([ana])
                raise RuntimeError("the transition failed")
        except RuntimeError:
            pass

    assert mail.outbox == []
    assert Notification.objects.count() == 0


def test_notify_skips_inactive_and_duplicate_recipients(ana, django_capture_on_commit_callbacks):
    gone = UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        rows = failed_document([ana, gone, None, ana])

    assert [r.recipient for r in rows] == [ana]
    assert [m.to for m in mail.outbox] == [["ana@oaxaca.gob.mx"]]


def test_notify_unregistered_kind_needs_a_subject(ana):
    with pytest.raises(ValueError, match="not registered"):
        notify(recipients=[ana], kind="workflow.something")
    rows = notify(recipients=[ana], kind="workflow.something", subject="Asunto directo")
    assert rows[0].subject == "Asunto directo"


def test_reminder_email_respects_the_preference_and_action_email_does_not(
    ana, ben, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=ana, email_reminders=False)
    with django_capture_on_commit_callbacks(execute=True):
        reminders = notify(recipients=[ana, ben], kind="reminder.test", subject="Recordatorio de prueba")
        actions = notify(recipients=[ana], kind="workflow.test", subject="Responda", action_required=True)

    assert [(r.recipient, r.category, r.email_status) for r in reminders] == [
        (ana, "reminder", EmailStatus.SKIPPED),
        (ben, "reminder", EmailStatus.PENDING),
    ]
    assert actions[0].category == "action"
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("ana@oaxaca.gob.mx", "[Ciberparadiplomacia] Responda"),
        ("ben@example.org", "[Ciberparadiplomacia] Recordatorio de prueba"),
    ]
    ben_mail = next(m for m in mail.outbox if m.to == ["ben@example.org"])
    assert "http://127.0.0.1:8000/en/notificaciones/preferencias/" in ben_mail.body
    # The centre still lists the reminder whose e-mail was not sent.
    assert Notification.objects.filter(recipient=ana, kind="reminder.test").count() == 1


def test_a_notification_is_emailed_once_even_if_its_task_runs_twice(ana, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        (row,) = failed_document([ana])
    assert services.notification_email_send(notification_id=row.pk) == "not-claimed"
    assert len(mail.outbox) == 1


def test_transient_smtp_errors_are_retried_and_counted(ana, flaky_mail, django_capture_on_commit_callbacks):
    flaky_mail.FAILURES.extend(
        [smtplib.SMTPServerDisconnected("gone"), smtplib.SMTPResponseException(451, b"try later")]
    )
    with django_capture_on_commit_callbacks(execute=True):
        (row,) = failed_document([ana])

    row.refresh_from_db()
    assert (row.email_status, row.email_attempts, row.email_error) == (EmailStatus.SENT, 3, "")
    assert len(flaky_mail.CALLS) == 3
    assert len(mail.outbox) == 1


def test_permanent_smtp_error_fails_at_once(ana, flaky_mail, django_capture_on_commit_callbacks):
    flaky_mail.FAILURES.append(smtplib.SMTPResponseException(550, b"no such mailbox"))
    with django_capture_on_commit_callbacks(execute=True):
        (row,) = failed_document([ana])

    row.refresh_from_db()
    assert (row.email_status, row.email_attempts) == (EmailStatus.FAILED, 1)
    assert row.email_error == "SMTPResponseException: (550, b'no such mailbox')"
    assert mail.outbox == []


def test_attempts_stop_at_the_cap(ana, flaky_mail, settings, django_capture_on_commit_callbacks):
    settings.NOTIFICATIONS_EMAIL_MAX_ATTEMPTS = 4
    flaky_mail.FAILURES.extend([ConnectionRefusedError("smtp down")] * 10)
    with django_capture_on_commit_callbacks(execute=True):
        (row,) = failed_document([ana])

    row.refresh_from_db()
    assert (row.email_status, row.email_attempts) == (EmailStatus.FAILED, 4)
    assert len(flaky_mail.CALLS) == 4


def test_sweeper_requeues_lost_and_abandoned_emails(ana, settings, django_capture_on_commit_callbacks):
    settings.NOTIFICATIONS_EMAIL_MAX_ATTEMPTS = 3
    long_ago = timezone.now() - dt.timedelta(hours=1)
    lost = Notification.objects.create(
        recipient=ana, kind="x", category="update", subject="Perdida", created_at=long_ago
    )
    abandoned = Notification.objects.create(
        recipient=ana,
        kind="x",
        category="update",
        subject="Abandonada",
        email_status=EmailStatus.SENDING,
        email_attempts=1,
        email_claimed_at=long_ago,
    )
    worn_out = Notification.objects.create(
        recipient=ana,
        kind="x",
        category="update",
        subject="Agotada",
        email_status=EmailStatus.SENDING,
        email_attempts=3,
        email_claimed_at=long_ago,
    )
    fresh = Notification.objects.create(recipient=ana, kind="x", category="update", subject="Reciente")

    with django_capture_on_commit_callbacks(execute=True):
        outcome = services.emails_requeue_stale()

    assert outcome == {"requeued": 2, "failed": 1}
    assert sorted(m.subject for m in mail.outbox) == [
        "[Ciberparadiplomacia] Abandonada",
        "[Ciberparadiplomacia] Perdida",
    ]
    statuses = dict(Notification.objects.values_list("subject", "email_status"))
    assert statuses == {
        "Perdida": EmailStatus.SENT,
        "Abandonada": EmailStatus.SENT,
        "Agotada": EmailStatus.FAILED,
        "Reciente": EmailStatus.PENDING,
    }
    assert [lost.pk, abandoned.pk, worn_out.pk, fresh.pk]  # all four rows still exist
    assert Notification.objects.get(pk=abandoned.pk).email_attempts == 2
