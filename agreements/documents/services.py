"""Writes for generated documents: ask for one (a `pending` row, queued after commit), build it (in a task),
and sweep what a lost message or a dead worker left behind. Nothing renders inside a web request when a
worker is configured; without one (eager mode) the task runs right after the request's transaction."""

from __future__ import annotations

import datetime as dt
import logging
import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy

from agreements.documents import kinds
from agreements.documents.data import data_hash
from agreements.models import GeneratedDocument, WorkingFile
from agreements.models.working_file import private_storage
from core.retrying import Transient, error_text, is_transient

logger = logging.getLogger(__name__)
Status = GeneratedDocument.Status


class DocumentUnavailable(Exception):
    """This kind of document cannot be made for the file yet (no dictamen, not inscribed…)."""


def _queue(document: GeneratedDocument) -> None:
    from agreements.documents.tasks import generate_document

    generate_document.delay_on_commit(document_id=document.pk)


@transaction.atomic
def document_request(*, working_file: WorkingFile, kind: str, by=None) -> list[GeneratedDocument]:
    """The documents (one per format) for the file's current data: the existing ones when the data has not
    changed since they were made (a failed one is queued again), else new versions, `pending` and queued.

    The caller checks that `by` may see the file; this checks that the kind can be made now.
    """
    spec = kinds.KINDS.get(kind)
    if spec is None or not spec.available(working_file):
        raise DocumentUnavailable(kind)
    # One request at a time per file: version numbers are taken in order (no-op lock on SQLite, whose
    # IMMEDIATE transactions already serialise writers).
    WorkingFile.objects.select_for_update().filter(pk=working_file.pk).first()
    payload = spec.gather(working_file)
    digest = data_hash(kind, payload)
    existing = {
        d.format: d
        for d in GeneratedDocument.objects.filter(working_file=working_file, kind=kind, data_hash=digest)
    }
    latest = dict(
        GeneratedDocument.objects.filter(working_file=working_file, kind=kind)
        .values_list("format")
        .annotate(v=Max("version"))
    )
    documents = []
    for fmt in spec.formats:
        document = existing.get(fmt)
        if document is not None:
            if document.status == Status.FAILED:  # asked again: another round of attempts
                GeneratedDocument.objects.filter(pk=document.pk).update(
                    status=Status.PENDING, attempts=0, error="", started_at=None
                )
                document.refresh_from_db()
                _queue(document)
            documents.append(document)
            continue
        try:
            with transaction.atomic():
                document = GeneratedDocument.objects.create(
                    working_file=working_file,
                    kind=kind,
                    format=fmt,
                    version=(latest.get(fmt) or 0) + 1,
                    data=payload,
                    data_hash=digest,
                    requested_by=by if getattr(by, "is_authenticated", False) else None,
                )
        except IntegrityError:  # a concurrent request made the same one
            document = GeneratedDocument.objects.get(
                working_file=working_file, kind=kind, format=fmt, data_hash=digest
            )
        else:
            _queue(document)
        documents.append(document)
    return documents


def document_claim(*, document_id: int, now: dt.datetime | None = None) -> bool:
    """Conditional UPDATE: `pending` → `running` (attempts + 1), or take over a `running` row whose claim
    is older than AGREEMENTS_DOCUMENT_STALE_AFTER (its worker died). One task builds a document at a time."""
    now = now or timezone.now()
    stale = now - dt.timedelta(seconds=settings.AGREEMENTS_DOCUMENT_STALE_AFTER)
    claimable = Q(status=Status.PENDING) | Q(status=Status.RUNNING, started_at__lt=stale)
    return bool(
        GeneratedDocument.objects.filter(
            claimable, pk=document_id, attempts__lt=settings.AGREEMENTS_DOCUMENT_MAX_ATTEMPTS
        ).update(status=Status.RUNNING, started_at=now, attempts=F("attempts") + 1)
    )


def _folder(document: GeneratedDocument) -> str:
    return f"documentos/{document.working_file_id}/{document.pk}"


def document_build(*, document_id: int) -> str:
    """Render the claimed document from its stored data and store the file. Returns the final status.

    Each attempt writes its own file; the attempt that finishes while still holding the claim keeps its file
    and deletes the others (a worker killed after writing leaves one behind), so exactly one file remains.
    A transient error (database) puts the row back to `pending` and raises `Transient` for a retry with
    backoff; any other error fails the document at once and tells whoever asked for it.
    """
    document = GeneratedDocument.objects.select_related("working_file__municipality").get(pk=document_id)
    attempt = document.attempts
    try:
        if (
            settings.AGREEMENTS_DOCUMENT_DELAY_SECONDS
        ):  # fault-injection tests only: a window to kill the worker
            time.sleep(settings.AGREEMENTS_DOCUMENT_DELAY_SECONDS)
        content = kinds.render(document.kind, document.format, document.data)
        name = private_storage.save(f"{_folder(document)}/{attempt}.{document.format}", ContentFile(content))
    except Exception as exc:
        return _attempt_failed(document, attempt, exc)
    finished = GeneratedDocument.objects.filter(
        pk=document.pk, status=Status.RUNNING, attempts=attempt
    ).update(status=Status.DONE, file=name, size=len(content), finished_at=timezone.now(), error="")
    if not finished:  # another worker took the document over meanwhile: its file is the one kept
        private_storage.delete(name)
        return "superseded"
    _remove_other_files(document, keep=name)
    return Status.DONE


def _remove_other_files(document: GeneratedDocument, *, keep: str) -> None:
    folder = _folder(document)
    try:
        _dirs, files = private_storage.listdir(folder)
    except FileNotFoundError:
        return
    for filename in files:
        if f"{folder}/{filename}" != keep:
            private_storage.delete(f"{folder}/{filename}")


def _attempt_failed(document: GeneratedDocument, attempt: int, exc: Exception) -> str:
    capped = attempt >= settings.AGREEMENTS_DOCUMENT_MAX_ATTEMPTS
    status = Status.PENDING if is_transient(exc) and not capped else Status.FAILED
    GeneratedDocument.objects.filter(pk=document.pk, attempts=attempt).update(
        status=status, error=error_text(exc), finished_at=timezone.now() if status == Status.FAILED else None
    )
    if status == Status.PENDING:
        logger.warning("Document %s: transient error on attempt %s: %s", document.pk, attempt, exc)
        raise Transient(exc) from exc
    logger.exception("Document %s failed on attempt %s", document.pk, attempt, exc_info=exc)
    _tell_failed([document.pk])
    return status


def _tell_failed(document_ids: list[int]) -> None:
    from notifications.services import notify

    for document in GeneratedDocument.objects.filter(
        pk__in=document_ids, requested_by__isnull=False
    ).select_related("requested_by", "working_file"):
        notify(
            recipients=[document.requested_by],
            kind="document.failed",
            url=reverse("documents:file", args=[document.working_file_id]),
            context={
                "document": GeneratedDocument.Kind(document.kind).label,
                # Lazy: "Acuerdo con Kioto" / "Agreement with Kioto", in each recipient's language.
                "file": lazy(lambda wf=document.working_file: wf.display_title, str)(),
            },
        )


def documents_requeue_stale(*, now: dt.datetime | None = None) -> dict[str, int]:
    """The sweeper: queue again documents pending or running for longer than AGREEMENTS_DOCUMENT_STALE_AFTER
    (a lost message, a dead worker); fail those at the attempt cap. Safe to run any time: the claim lets only
    one task build a document."""
    now = now or timezone.now()
    stale = now - dt.timedelta(seconds=settings.AGREEMENTS_DOCUMENT_STALE_AFTER)
    cap = settings.AGREEMENTS_DOCUMENT_MAX_ATTEMPTS
    stuck = GeneratedDocument.objects.filter(
        Q(status=Status.PENDING, created_at__lt=stale, started_at__isnull=True)
        | Q(status__in=[Status.PENDING, Status.RUNNING], started_at__lt=stale)
    )
    worn_out = list(stuck.filter(attempts__gte=cap).values_list("pk", flat=True))
    failed = GeneratedDocument.objects.filter(pk__in=worn_out).update(
        status=Status.FAILED, error="attempt cap reached", finished_at=now
    )
    if worn_out:
        _tell_failed(worn_out)
    requeued = 0
    for document in stuck.filter(attempts__lt=cap).only("pk"):
        _queue(document)
        requeued += 1
    return {"requeued": requeued, "failed": failed}
