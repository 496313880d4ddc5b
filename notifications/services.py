"""Writes for notifications: `notify()`, reading, preferences, and the e-mail of each row.

`notify()` is what the rest of the portal calls (the review workflow on every transition, the reminders,
the documents). It writes one `Notification` per recipient, in the recipient's language, inside the caller's
transaction, and queues the e-mails after that transaction commits: a rolled-back transition sends nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse, translate_url
from django.utils import formats, timezone, translation
from django.utils.functional import Promise

from core.retrying import Transient, error_text, is_transient
from notifications import kinds, selectors
from notifications.models import DigestLog, EmailStatus, Notification, NotificationPreference

logger = logging.getLogger(__name__)
Category = Notification.Category


def _category(kind: str, action_required: bool, spec: kinds.Kind | None) -> str:
    if spec and spec.category:
        return spec.category
    if kind.startswith("reminder."):
        return Category.REMINDER
    if kind.startswith("account."):
        return Category.ACCOUNT
    return Category.ACTION if action_required else Category.UPDATE


def _text(template, context: dict) -> str:
    """A (lazy) template in the active language, with its %(name)s placeholders filled."""
    if not template:
        return ""
    text = str(template)
    if not context:
        return text
    values = {}
    for key, value in context.items():
        if isinstance(value, dt.datetime):
            values[key] = formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        elif isinstance(value, dt.date):
            values[key] = formats.date_format(value, "DATE_FORMAT")
        elif isinstance(value, Promise):
            values[key] = str(value)
        else:
            values[key] = value
    return text % values


def _recipients(recipients: Iterable) -> list:
    seen, users = set(), []
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        users.append(user)
    return users


def user_language(user) -> str:
    return user.language or settings.LANGUAGE_CODE


def localized_path(url: str, language: str) -> str:
    """The same page in `language` (/expedientes/7/ → /en/expedientes/7/); unknown paths stay as they are."""
    if not url:
        return ""
    with translation.override(translation.get_language_from_path(url) or settings.LANGUAGE_CODE):
        return translate_url(url, language)


def notify(
    *,
    recipients: Iterable,
    kind: str,
    url: str = "",
    action_required: bool = False,
    subject=None,
    message=None,
    context: dict | None = None,
) -> list[Notification]:
    """Tell `recipients` about something: an entry in their notification centre, and an e-mail.

    - `kind`: a dotted code ("workflow.submit", "reminder.draft_idle"…). Registered kinds (kinds.py) bring
      their own subject and message; for others pass `subject` (and `message`).
    - `subject`, `message`: lazy translatable strings (`gettext_lazy`) with %(name)s placeholders, filled
      from `context` (values may be lazy strings, dates or anything with a `str()`); each recipient gets
      them in their own language. A plain `str` is used as it is.
    - `url`: a path on the site (in the default language); each recipient gets it in their language.
    - `action_required`: the e-mail asks the person to act on a file. Action, update and account e-mails
      are always sent; reminders (kind "reminder.…") respect the person's preferences.

    Call it inside the transaction that made the change: e-mails are queued only once it commits.
    """
    spec = kinds.get(kind)
    subject = subject if subject is not None else (spec.subject if spec else None)
    if not subject:
        raise ValueError(f"notify(): kind {kind!r} is not registered; give a subject")
    message = message if message is not None else (spec.message if spec else "")
    category = _category(kind, action_required, spec)
    context = context or {}
    users = _recipients(recipients)
    if not users:
        return []
    reminders_off = set()
    if category == Category.REMINDER:
        reminders_off = set(
            NotificationPreference.objects.filter(user__in=users, email_reminders=False).values_list(
                "user_id", flat=True
            )
        )
    now = timezone.now()
    rows = []
    for user in users:
        language = user_language(user)
        with translation.override(language):
            row_subject = _text(subject, context)[:200]
            row_message = _text(message, context)
            row_url = localized_path(url, language)
        rows.append(
            Notification(
                recipient=user,
                kind=kind[:60],
                category=category,
                subject=row_subject,
                message=row_message,
                url=row_url[:500],
                created_at=now,
                email_status=EmailStatus.SKIPPED if user.pk in reminders_off else EmailStatus.PENDING,
            )
        )
    Notification.objects.bulk_create(rows)
    _queue_emails(rows)
    user_ids = [user.pk for user in users]
    transaction.on_commit(lambda: unread_counts_refresh(user_ids))
    return rows


def _queue_emails(rows: list[Notification]) -> None:
    from notifications.tasks import send_notification_email

    for row in rows:
        if row.email_status == EmailStatus.PENDING:
            send_notification_email.delay_on_commit(notification_id=row.pk)


# --- Reading ------------------------------------------------------------------------------------------
def unread_counts_refresh(user_ids: Iterable[int]) -> None:
    """Recount and cache the header's unread count (the header then costs no query)."""
    user_ids = list(user_ids)
    counts = dict.fromkeys(user_ids, 0)
    counts.update(
        Notification.objects.filter(recipient_id__in=user_ids, read_at__isnull=True)
        .values("recipient_id")
        .annotate(n=Count("pk"))
        .values_list("recipient_id", "n")
    )
    for user_id, count in counts.items():
        selectors.unread_count_store(user_id, count)


def notification_mark_read(*, user, notification_id: int) -> Notification | None:
    """Mark one of the user's own notifications read; None if it is not theirs (or does not exist)."""
    notification = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if notification is None:
        return None
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
        unread_counts_refresh([user.pk])
    return notification


def notifications_mark_all_read(*, user) -> int:
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    selectors.unread_count_store(user.pk, 0)
    return count


def preferences_update(*, user, email_reminders: bool, email_digest: bool) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_reminders": email_reminders, "email_digest": email_digest}
    )
    return preference


# --- E-mail delivery ---------------------------------------------------------------------------------
def _claim(model, pk: int, now: dt.datetime) -> bool:
    """Conditional UPDATE: only one task sends a row. A row left in "sending" by a killed worker may be
    taken again once its claim is older than NOTIFICATIONS_EMAIL_STALE_AFTER."""
    stale = now - dt.timedelta(seconds=settings.NOTIFICATIONS_EMAIL_STALE_AFTER)
    claimable = Q(email_status=EmailStatus.PENDING) | Q(
        email_status=EmailStatus.SENDING, email_claimed_at__lt=stale
    )
    return bool(
        model.objects.filter(
            claimable, pk=pk, email_attempts__lt=settings.NOTIFICATIONS_EMAIL_MAX_ATTEMPTS
        ).update(
            email_status=EmailStatus.SENDING, email_claimed_at=now, email_attempts=F("email_attempts") + 1
        )
    )


def _deliver(model, pk: int, build) -> str:
    """Claim the row, build and send its message, record the outcome. Returns the final status.

    A transient failure puts the row back to "pending" (or "failed" at the cap) and raises `Transient`, so
    the task retries with backoff; any other failure marks it "failed" at once.
    """
    if not _claim(model, pk, timezone.now()):
        return "not-claimed"
    row = model.objects.get(pk=pk)
    try:
        message = build(row)
        message.send()
    except Exception as exc:
        capped = row.email_attempts >= settings.NOTIFICATIONS_EMAIL_MAX_ATTEMPTS
        transient = is_transient(exc)
        status = EmailStatus.PENDING if transient and not capped else EmailStatus.FAILED
        model.objects.filter(pk=pk).update(email_status=status, email_error=error_text(exc))
        logger.warning("E-mail of %s %s failed (attempt %s): %s", model.__name__, pk, row.email_attempts, exc)
        if status == EmailStatus.PENDING:
            raise Transient(exc) from exc
        return status
    model.objects.filter(pk=pk).update(
        email_status=EmailStatus.SENT, emailed_at=timezone.now(), email_error=""
    )
    return EmailStatus.SENT


def absolute(url: str) -> str:
    return urljoin(settings.SITE_URL, url) if url else ""


def _email(template: str, context: dict, to: str, language: str) -> EmailMultiAlternatives:
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL}
        subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
        text = render_to_string(f"emails/{template}_body.txt", context)
        html = render_to_string(f"emails/{template}_body.html", context)
    message = EmailMultiAlternatives(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        text,
        settings.DEFAULT_FROM_EMAIL,
        [to],
    )
    message.attach_alternative(html, "text/html")
    return message


def _notification_email(notification: Notification) -> EmailMultiAlternatives:
    user = notification.recipient
    language = user_language(user)
    with translation.override(language):
        preferences_url = absolute(reverse("notifications:preferences"))
    context = {
        "notification": notification,
        "url": absolute(notification.url),
        "preferences_url": preferences_url,
        "is_reminder": notification.category == Category.REMINDER,
    }
    return _email("notification", context, user.email, language)


def notification_email_send(*, notification_id: int) -> str:
    return _deliver(
        Notification,
        notification_id,
        lambda row: _notification_email(Notification.objects.select_related("recipient").get(pk=row.pk)),
    )


# --- Weekly digest ------------------------------------------------------------------------------------
def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def digests_send_due(*, now: dt.datetime | None = None) -> int:
    """One summary a week of what each person has left unread for more than a day: due from Monday on, sent
    once per week (DigestLog's unique constraint), so a missed Monday is caught up and a rerun sends nothing.
    People who turned the digest off get none."""
    now = now or timezone.now()
    week = week_start(timezone.localdate(now))
    older_than = now - dt.timedelta(days=1)
    candidates = (
        Notification.objects.filter(read_at__isnull=True, digest__isnull=True, created_at__lt=older_than)
        .exclude(recipient__notification_preference__email_digest=False)
        .exclude(recipient__is_active=False)
        .order_by()  # without the model's ordering, which would make DISTINCT one row per notification
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    already = set(DigestLog.objects.filter(week_start=week).values_list("user_id", flat=True))
    sent = 0
    for user_id in sorted(set(candidates) - already):
        if _digest_create(user_id=user_id, week=week, older_than=older_than, now=now):
            sent += 1
    return sent


def _digest_create(*, user_id: int, week: dt.date, older_than: dt.datetime, now: dt.datetime) -> bool:
    from notifications.tasks import send_digest_email

    try:
        with transaction.atomic():
            digest = DigestLog.objects.create(
                user_id=user_id, week_start=week, notification_count=0, created_at=now
            )
            count = Notification.objects.filter(
                recipient_id=user_id, read_at__isnull=True, digest__isnull=True, created_at__lt=older_than
            ).update(digest=digest)
            DigestLog.objects.filter(pk=digest.pk).update(notification_count=count)
            send_digest_email.delay_on_commit(digest_id=digest.pk)
    except IntegrityError:  # another run got there first this week
        return False
    return True


@dataclass(frozen=True, slots=True)
class DigestItem:
    """One line of the weekly digest (templates/emails/digest_body.*): a notification with its full link."""

    subject: str
    created_at: dt.datetime
    absolute_url: str


def _digest_email(digest: DigestLog) -> EmailMultiAlternatives:
    user = digest.user
    language = user_language(user)
    with translation.override(language):
        links = {
            "centre_url": absolute(reverse("notifications:list")),
            "preferences_url": absolute(reverse("notifications:preferences")),
        }
    items = [
        DigestItem(subject=item.subject, created_at=item.created_at, absolute_url=absolute(item.url))
        for item in digest.notifications.order_by("-created_at", "-pk")
    ]
    return _email("digest", {"digest": digest, "items": items, **links}, user.email, language)


def digest_email_send(*, digest_id: int) -> str:
    return _deliver(
        DigestLog,
        digest_id,
        lambda row: _digest_email(DigestLog.objects.select_related("user").get(pk=row.pk)),
    )


# --- Sweeper ------------------------------------------------------------------------------------------
def emails_requeue_stale(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Queue again the e-mails whose task was lost: pending (never claimed, or released after a transient
    error) or left "sending" by a dead worker, for longer than NOTIFICATIONS_EMAIL_STALE_AFTER. Rows at the
    attempt cap are marked failed. Re-queuing is safe: the claim lets only one task send a row."""
    from notifications.tasks import send_digest_email, send_notification_email

    now = now or timezone.now()
    stale = now - dt.timedelta(seconds=settings.NOTIFICATIONS_EMAIL_STALE_AFTER)
    cap = settings.NOTIFICATIONS_EMAIL_MAX_ATTEMPTS
    outcome = {"requeued": 0, "failed": 0}
    for model, task, key in (
        (Notification, send_notification_email, "notification_id"),
        (DigestLog, send_digest_email, "digest_id"),
    ):
        stuck = model.objects.annotate(since=Coalesce("email_claimed_at", "created_at")).filter(
            email_status__in=[EmailStatus.PENDING, EmailStatus.SENDING], since__lt=stale
        )
        outcome["failed"] += stuck.filter(email_attempts__gte=cap).update(
            email_status=EmailStatus.FAILED, email_error="attempt cap reached"
        )
        for pk in stuck.filter(email_attempts__lt=cap).values_list("pk", flat=True):
            task.delay_on_commit(**{key: pk})
            outcome["requeued"] += 1
    return outcome


__all__ = ["notify", "Transient"]
