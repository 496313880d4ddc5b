"""Thin tasks: keyword-only ids, fetch-and-claim in the service, retry transient failures with backoff.

Late acknowledgement and redelivery on worker loss are safe here: the conditional claim on the row lets only
one task send an e-mail, and a row whose task vanished is found again by `notifications.sweep_emails`.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

from core.retrying import Transient, retry_later
from notifications import services

logger = logging.getLogger(__name__)
OPTIONS = {"bind": True, "acks_late": True, "reject_on_worker_lost": True, "max_retries": None}


@shared_task(name="notifications.send_email", **OPTIONS)
def send_notification_email(self, *, notification_id: int) -> str:
    try:
        return services.notification_email_send(notification_id=notification_id)
    except Transient as exc:  # the row counts the attempts and stops at the cap
        return retry_later(self, exc.cause)


@shared_task(name="notifications.send_digest_email", **OPTIONS)
def send_digest_email(self, *, digest_id: int) -> str:
    try:
        return services.digest_email_send(digest_id=digest_id)
    except Transient as exc:
        return retry_later(self, exc.cause)


@shared_task(name="notifications.send_digests", acks_late=True)
def send_digests() -> int:
    return services.digests_send_due()


@shared_task(name="notifications.sweep_emails", acks_late=True)
def sweep_emails() -> dict:
    outcome = services.emails_requeue_stale()
    if any(outcome.values()):
        logger.info("E-mail sweeper: %s (stale after %ss)", outcome, settings.NOTIFICATIONS_EMAIL_STALE_AFTER)
    return outcome
