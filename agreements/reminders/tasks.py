"""The beat task behind the reminders (`manage.py send_reminders` is the cron fallback)."""

from __future__ import annotations

from celery import shared_task

from agreements.reminders import services as reminders


@shared_task(name="agreements.send_due_reminders", acks_late=True)
def send_due_reminders() -> dict:
    return reminders.reminders_send_due()
