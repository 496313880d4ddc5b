"""An e-mail backend for failure tests: raises the queued exceptions first, then delivers to mail.outbox.

Not a mock of Celery or of the services: the real task, claim and retry code runs; only the mail server's
answers are scripted, the way a flaky SMTP server would answer.
"""

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

FAILURES: list[BaseException] = []
CALLS: list[str] = []


class FlakyBackend(BaseEmailBackend):
    def send_messages(self, messages):
        for message in messages:
            CALLS.append(message.subject)
            if FAILURES:
                raise FAILURES.pop(0)
            mail.outbox.append(message)
        return len(messages)
