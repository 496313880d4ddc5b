"""Which failures are worth another try, and when: shared by the e-mail and document tasks.

Only transient errors are retried (a mail server that said "try later", a dropped connection, a database
that went away); anything else is a bug or bad data, and trying again would fail the same way.
"""

from __future__ import annotations

import random
import smtplib
import socket

from django.conf import settings
from django.db import InterfaceError, OperationalError

_TRANSIENT_TYPES: tuple[type[BaseException], ...] = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    TimeoutError,
    socket.timeout,
    ConnectionError,
    OperationalError,
    InterfaceError,
)


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):  # 4xx: "try again later"; 5xx: permanent
        return 400 <= exc.smtp_code < 500
    return isinstance(exc, _TRANSIENT_TYPES)


def backoff(retries: int) -> float:
    """Seconds before retry number `retries + 1`: exponential, capped, with full jitter (so a burst of
    failures does not come back as a burst)."""
    base = settings.TASK_RETRY_BACKOFF_SECONDS
    ceiling = min(settings.TASK_RETRY_BACKOFF_MAX_SECONDS, base * (2**retries))
    return random.uniform(base / 2, ceiling)  # noqa: S311 (jitter, not security)


def retry_later(task, cause: BaseException):
    """Schedule another attempt after `backoff()`; `return` what this gives from the task.

    In eager mode (no worker, tests) the Retry is returned instead of raised: Celery then runs the task again
    at once, where a raised Retry would propagate into the web request that queued the task."""
    signal = task.retry(exc=cause, countdown=backoff(task.request.retries), throw=False)
    if task.request.is_eager:
        return signal
    raise signal


class Transient(Exception):
    """Raised by a service after it has recorded a transient failure on its row: the task retries."""

    def __init__(self, cause: BaseException):
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.cause = cause


def error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]
