"""Thin, idempotent tasks: keyword-only `*_id` arguments; each fetches/claims its row and calls a service.

Late acknowledgement with redelivery when a worker is lost (settings: CELERY_TASK_ACKS_LATE,
CELERY_TASK_REJECT_ON_WORKER_LOST, prefetch 1, a visibility timeout longer than any task) is safe because
the conditional claim on the row lets one task at a time do the work, and the row counts the attempts.
"""

from __future__ import annotations

import logging

from celery import shared_task

from agreements.documents import services as document_services
from core.retrying import Transient, retry_later

logger = logging.getLogger(__name__)


@shared_task(
    name="agreements.generate_document",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,
)
def generate_document(self, *, document_id: int) -> str:
    if not document_services.document_claim(document_id=document_id):
        # Done already, being built by a live worker, at the attempt cap, or deleted: nothing to do here.
        logger.info("Document %s not claimed (done, running elsewhere, capped or gone)", document_id)
        return "not-claimed"
    try:
        return document_services.document_build(document_id=document_id)
    except Transient as exc:  # the row went back to "pending"; its attempts are capped there
        return retry_later(self, exc.cause)


@shared_task(name="agreements.sweep_documents", acks_late=True)
def sweep_documents() -> dict:
    outcome = document_services.documents_requeue_stale()
    if any(outcome.values()):
        logger.info("Document sweeper: %s", outcome)
    return outcome
