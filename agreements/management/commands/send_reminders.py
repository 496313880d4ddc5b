"""Send the reminders (and weekly digests) that are due and not yet sent: the cron fallback of celery beat.

Safe to run as often as you like: what was sent is recorded (ReminderLog, DigestLog) and never sent twice;
what a missed run should have sent goes out on the next one. Example crontab line, twice a day:

    0 8,14 * * *  cd /srv/ciberparadiplomacia && .venv/bin/python manage.py send_reminders
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from agreements.reminders.services import reminders_send_due
from notifications.services import digests_send_due


class Command(BaseCommand):
    help = "Send the due reminders and weekly digests that have not been sent yet."

    def add_arguments(self, parser):
        parser.add_argument("--no-digests", action="store_true", help="Reminders only.")

    def handle(self, *args, no_digests: bool = False, **options):
        today = timezone.localdate()
        sent = reminders_send_due(today=today)
        total = sum(sent.values())
        detail = ", ".join(f"{kind}: {n}" for kind, n in sorted(sent.items())) or "none due"
        self.stdout.write(f"{today:%Y-%m-%d}: {total} reminder(s) sent ({detail}).")
        if not no_digests:
            digests = digests_send_due(now=timezone.now())
            self.stdout.write(f"{digests} weekly digest(s) sent.")
