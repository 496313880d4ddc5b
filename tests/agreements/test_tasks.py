"""The tasks themselves: keyword-only ids, late acknowledgement, fetch-and-claim, nothing done twice."""

import pytest

from agreements.documents import services as document_services
from agreements.models import GeneratedDocument
from agreements.tasks import generate_document, send_due_reminders, sweep_documents
from ciberparadiplomacia.celery import app
from notifications.tasks import send_digest_email, send_digests, send_notification_email, sweep_emails
from tests.factories import MunicipalityFactory, complete_file, official

pytestmark = pytest.mark.django_db
Status = GeneratedDocument.Status


@pytest.fixture
def wf():
    town = MunicipalityFactory(cvegeo="20067")
    return complete_file(town, titular=official(town))


@pytest.mark.parametrize(
    "task, name",
    [
        (generate_document, "agreements.generate_document"),
        (sweep_documents, "agreements.sweep_documents"),
        (send_due_reminders, "agreements.send_due_reminders"),
        (send_notification_email, "notifications.send_email"),
        (send_digest_email, "notifications.send_digest_email"),
        (send_digests, "notifications.send_digests"),
        (sweep_emails, "notifications.sweep_emails"),
    ],
)
def test_tasks_are_registered_and_acknowledged_late(task, name):
    assert task.name == name
    assert app.tasks[name].run == task.run  # registered with the project's Celery app under that name
    assert task.acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1


def test_ids_are_keyword_only():
    with pytest.raises(TypeError):
        generate_document.run(1)
    with pytest.raises(TypeError):
        send_notification_email.run(1)


def test_a_document_task_runs_once_however_often_it_is_delivered(wf, django_capture_on_commit_callbacks):
    (word, _pdf) = document_services.document_request(working_file=wf, kind="acuerdo")
    assert generate_document.delay(document_id=word.pk).get() == Status.DONE
    assert generate_document.delay(document_id=word.pk).get() == "not-claimed"  # redelivered: a no-op
    word.refresh_from_db()
    assert (word.status, word.attempts) == (Status.DONE, 1)


def test_a_task_for_a_deleted_row_does_nothing(wf):
    (word, pdf) = document_services.document_request(working_file=wf, kind="acuerdo")
    GeneratedDocument.objects.filter(pk=word.pk).delete()
    assert generate_document.delay(document_id=word.pk).get() == "not-claimed"
    assert send_notification_email.delay(notification_id=987654).get() == "not-claimed"
    assert GeneratedDocument.objects.get(pk=pdf.pk).status == Status.PENDING


def test_a_task_finding_a_live_claim_leaves_it_alone(wf):
    (word, _pdf) = document_services.document_request(working_file=wf, kind="acuerdo")
    assert document_services.document_claim(document_id=word.pk)
    assert generate_document.delay(document_id=word.pk).get() == "not-claimed"
    word.refresh_from_db()
    assert (word.status, word.attempts) == (Status.RUNNING, 1)


def test_a_superseded_attempt_keeps_the_winners_file(wf, settings):
    """Two workers on one document (a claim taken over while the first was still alive): the first to
    finish without holding the claim throws its own file away."""
    (word, _pdf) = document_services.document_request(working_file=wf, kind="acuerdo")
    assert document_services.document_claim(document_id=word.pk)
    settings.AGREEMENTS_DOCUMENT_STALE_AFTER = -1  # the second claim takes the first one over at once
    assert document_services.document_claim(document_id=word.pk)
    GeneratedDocument.objects.filter(pk=word.pk).update(attempts=1)  # as seen by the first worker
    first = document_services.document_build(document_id=word.pk)
    GeneratedDocument.objects.filter(pk=word.pk).update(attempts=2, status=Status.RUNNING, file="")
    second = document_services.document_build(document_id=word.pk)
    word.refresh_from_db()
    assert (first, second) == (Status.DONE, Status.DONE)
    assert word.file.name.endswith("/2.docx")
    _dirs, files = word.file.storage.listdir(f"documentos/{wf.pk}/{word.pk}")
    assert files == ["2.docx"]


def test_the_sweep_tasks_report_what_they_did(wf):
    assert sweep_documents.delay().get() == {"requeued": 0, "failed": 0}
    assert sweep_emails.delay().get() == {"requeued": 0, "failed": 0}
    assert send_digests.delay().get() == 0
