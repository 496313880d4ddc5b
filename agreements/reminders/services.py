"""Reminders: due-based, never date-equality.

Every run (the beat task `agreements.send_due_reminders`, or `manage.py send_reminders` from cron) looks for
what is *due* — its due date is today or earlier — and has no `ReminderLog` row for that due date yet; it
writes the row and notifies in one transaction. A missed day is caught up by the next run; a second run
sends nothing twice (the row's unique constraint, even for two runs at once). The law sets no deadlines
(DOMAIN.md §2): every number of days here is a setting.

| kind | due on | to |
|---|---|---|
| draft_idle | last change of a draft + AGREEMENTS_REMINDER_DRAFT_IDLE_DAYS | the municipality's team |
| observations_unanswered | observations received + AGREEMENTS_REMINDER_OBSERVATIONS_DAYS | the team |
| review_overdue | at the SRE since + AGREEMENTS_REVIEW_TARGET_DAYS | assigned reviewer, SRE admins |
| favorable_unsigned | favorable dictamen + AGREEMENTS_REMINDER_UNSIGNED_DAYS | the titulares |
| signed_not_inscribed | signature recorded + AGREEMENTS_INSCRIPTION_TARGET_DAYS | assigned reviewer, admins |
| agreement_ending_90, _30 | end of validity − 90 / − 30 days (AGREEMENTS_REMINDER_ENDING_DAYS) | the team |
| term_ending | end of the ayuntamiento's term − AGREEMENTS_REMINDER_TERM_ENDING_DAYS | the titulares |

The ending reminders are windows: between 90 and 30 days before the end the 90-day one is due, from 30 days
on the 30-day one, so a long outage sends the one that still makes sense, not both.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, User
from agreements.models import Agreement, Dictamen, ReminderLog, WorkingFile
from municipalities.models import Municipality
from notifications import kinds as notification_kinds
from notifications.services import notify

logger = logging.getLogger(__name__)
State = WorkingFile.State
AT_SRE = (State.SUBMITTED, State.IN_REVIEW, State.RESUBMITTED)

notification_kinds.register(
    "reminder.draft_idle",
    _("Borrador sin cambios: %(file)s"),
    _(
        "El expediente «%(file)s» de %(municipality)s no ha tenido cambios desde el %(since)s. Complete los "
        "pasos que faltan y envíelo a la SRE, o retírelo si ya no se celebrará."
    ),
)
notification_kinds.register(
    "reminder.observations_unanswered",
    _("Observaciones de la SRE sin responder: %(file)s"),
    _(
        "La SRE hizo observaciones al expediente «%(file)s» el %(since)s y siguen sin respuesta. Responda "
        "cada una y reenvíe el expediente."
    ),
)
notification_kinds.register(
    "reminder.review_overdue",
    _("Revisión fuera de plazo: %(file)s"),
    _(
        "El expediente «%(file)s» de %(municipality)s está en la SRE desde el %(since)s, más de %(days)s "
        "días, "
        "el plazo que la SRE se fijó para emitir observaciones o dictamen."
    ),
)
notification_kinds.register(
    "reminder.favorable_unsigned",
    _("Dictamen favorable sin firma registrada: %(file)s"),
    _(
        "La SRE emitió dictamen favorable para «%(file)s» el %(since)s. Cuando se firme, registre la firma y "
        "suba el acuerdo firmado para que la SRE lo inscriba."
    ),
)
notification_kinds.register(
    "reminder.signed_not_inscribed",
    _("Acuerdo firmado pendiente de inscripción: %(file)s"),
    _(
        "%(municipality)s registró la firma de «%(file)s» el %(since)s. Lleva más de %(days)s días sin "
        "inscribirse en el Registro de Acuerdos Interinstitucionales."
    ),
)
notification_kinds.register(
    "reminder.agreement_ending",
    _("Un acuerdo vence el %(until)s: %(title)s"),
    _(
        "El acuerdo «%(title)s» (%(number)s) deja de estar vigente el %(until)s, en %(days)s días. Si "
        "desean continuar la cooperación, preparen a tiempo su renovación."
    ),
)
notification_kinds.register(
    "reminder.term_ending",
    _("El periodo del ayuntamiento termina el %(until)s"),
    _(
        "El periodo del ayuntamiento de %(municipality)s termina el %(until)s. Prepare la entrega de sus "
        "%(count)s acuerdos y expedientes en curso a la administración entrante."
    ),
)


@dataclass
class Due:
    kind: str  # ReminderLog.kind
    target: str  # "expediente:12", "acuerdo:5", "municipio:20067"
    due_on: dt.date
    notification_kind: str
    recipients: list
    url: str
    context: dict = field(default_factory=dict)


def _date(value: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(value) if value else None


def _days(name: str) -> int:
    return int(getattr(settings, name))


class Team:
    """The active members of the municipalities concerned, loaded in one query."""

    def __init__(self, municipality_ids):
        self.all: dict[str, list[User]] = defaultdict(list)
        self.titulares: dict[str, list[User]] = defaultdict(list)
        for membership in Membership.objects.filter(
            municipality_id__in=set(municipality_ids), user__is_active=True
        ).select_related("user"):
            self.all[membership.municipality_id].append(membership.user)
            if membership.role == Membership.Role.TITULAR:
                self.titulares[membership.municipality_id].append(membership.user)


def _sre_admins() -> list[User]:
    return list(User.objects.filter(sre_role=User.SreRole.ADMIN, is_active=True))


def _file_context(wf: WorkingFile, since) -> dict:
    # Lazy: "Acuerdo con Kioto" / "Agreement with Kioto", in each recipient's language.
    title = lazy(lambda: wf.display_title, str)()
    return {"file": title, "municipality": wf.municipality.name, "since": since}


@dataclass(frozen=True)
class FileReminder:
    """A reminder about working files in some states: due `days_setting` days after the file's `since`."""

    kind: str
    states: tuple[str, ...]
    since_field: str  # the WorkingFile field the days count from (a favorable dictamen: its issue date)
    days_setting: str
    audience: str  # "team" (the municipality's members), "titulares", "sre" (assigned reviewer and admins)
    url_name: str
    with_days: bool = False  # the message names the number of days


FILE_REMINDERS = (
    FileReminder(
        "draft_idle",
        (State.DRAFT,),
        "updated_at",
        "AGREEMENTS_REMINDER_DRAFT_IDLE_DAYS",
        "team",
        "agreements:file_detail",
    ),
    FileReminder(
        "observations_unanswered",
        (State.OBSERVATIONS,),
        "state_changed_at",
        "AGREEMENTS_REMINDER_OBSERVATIONS_DAYS",
        "team",
        "agreements:file_detail",
    ),
    FileReminder(
        "review_overdue", AT_SRE, "at_sre_since", "AGREEMENTS_REVIEW_TARGET_DAYS", "sre", "review:file", True
    ),
    FileReminder(
        "favorable_unsigned",
        (State.FAVORABLE,),
        "state_changed_at",
        "AGREEMENTS_REMINDER_UNSIGNED_DAYS",
        "titulares",
        "agreements:status",
    ),
    FileReminder(
        "signed_not_inscribed",
        (State.SIGNED,),
        "state_changed_at",
        "AGREEMENTS_INSCRIPTION_TARGET_DAYS",
        "sre",
        "review:file",
        True,
    ),
)
REMINDER_BY_STATE = {state: reminder for reminder in FILE_REMINDERS for state in reminder.states}


def _working_file_reminders(today: dt.date) -> list[Due]:
    def before(days: int) -> dt.datetime:
        # A generous prefilter in SQL (a day's margin for time zones); the exact due date is computed below.
        last = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days), dt.time.max))
        return last + dt.timedelta(days=1)

    condition = Q()
    for reminder in FILE_REMINDERS:
        since_before = {f"{reminder.since_field}__lte": before(_days(reminder.days_setting))}
        condition |= Q(state__in=reminder.states, **since_before)
    files = list(WorkingFile.objects.filter(condition).select_related("municipality", "assigned_reviewer"))
    if not files:
        return []
    team = Team(wf.municipality_id for wf in files)
    admins = _sre_admins() if any(REMINDER_BY_STATE[wf.state].audience == "sre" for wf in files) else []
    # A favorable dictamen counts from the day it was issued.
    dictamen_dates = dict(
        Dictamen.objects.filter(
            working_file__in=[wf for wf in files if wf.state == State.FAVORABLE]
        ).values_list("working_file_id", "issued_at")
    )
    found = []
    for wf in files:
        reminder = REMINDER_BY_STATE[wf.state]
        since = _date(dictamen_dates.get(wf.pk) or getattr(wf, reminder.since_field))
        if since is None:
            continue
        days = _days(reminder.days_setting)
        recipients = {
            "team": team.all[wf.municipality_id],
            "titulares": team.titulares[wf.municipality_id],
            "sre": ([wf.assigned_reviewer] if wf.assigned_reviewer else []) + admins,
        }[reminder.audience]
        context = _file_context(wf, since)
        if reminder.with_days:
            context["days"] = days
        found.append(
            Due(
                reminder.kind,
                f"expediente:{wf.pk}",
                since + dt.timedelta(days=days),
                f"reminder.{reminder.kind}",
                recipients,
                reverse(reminder.url_name, args=[wf.pk]),
                context,
            )
        )
    return found


def _ending_reminders(today: dt.date) -> list[Due]:
    """Inscribed agreements (source rai) whose validity ends within the largest window."""
    windows = sorted(settings.AGREEMENTS_REMINDER_ENDING_DAYS, reverse=True)  # (90, 30)
    agreements = list(
        Agreement.objects.filter(
            source=Agreement.Source.RAI,
            municipality__isnull=False,
            valid_until__gte=today,
            valid_until__lte=today + dt.timedelta(days=windows[0]),
        )
        .exclude(status__in=[Agreement.Status.TERMINADO, Agreement.Status.CONCLUIDO])
        .select_related("municipality")
    )
    team = Team(a.municipality_id for a in agreements)
    found = []
    for agreement in agreements:
        if agreement.valid_until is None or agreement.municipality_id is None:
            continue  # the query asked for both; this only tells the type checker
        left = (agreement.valid_until - today).days
        window = min(w for w in windows if left <= w)  # the narrowest window today falls in
        found.append(
            Due(
                f"agreement_ending_{window}",
                f"acuerdo:{agreement.pk}",
                agreement.valid_until - dt.timedelta(days=window),
                "reminder.agreement_ending",
                team.all[agreement.municipality_id],
                reverse("registry:agreement", args=[agreement.pk]),
                {
                    "title": agreement.title,
                    "number": agreement.registration_number or "—",
                    "until": agreement.valid_until,
                    "days": left,
                },
            )
        )
    return found


def _term_reminders(today: dt.date) -> list[Due]:
    """Municipalities whose council's term ends within N days and that have agreements in force or files in
    progress: the outgoing team hands them over."""
    days = _days("AGREEMENTS_REMINDER_TERM_ENDING_DAYS")
    municipalities = list(
        Municipality.objects.filter(
            term_ends_on__gte=today,
            term_ends_on__lte=today + dt.timedelta(days=days),
            memberships__isnull=False,
        ).distinct()
    )
    if not municipalities:
        return []
    ids = [m.pk for m in municipalities]
    counts: dict[str, int] = defaultdict(int)
    for municipality_id in (
        Agreement.objects.filter(municipality_id__in=ids, source=Agreement.Source.RAI)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .values_list("municipality_id", flat=True)
    ):
        counts[municipality_id] += 1
    for municipality_id in (
        WorkingFile.objects.filter(municipality_id__in=ids)
        .exclude(state__in=[State.INSCRIBED, State.WITHDRAWN, State.UNFAVORABLE])
        .values_list("municipality_id", flat=True)
    ):
        counts[municipality_id] += 1
    team = Team(ids)
    return [
        Due(
            "term_ending",
            f"municipio:{m.pk}",
            m.term_ends_on - dt.timedelta(days=days),
            "reminder.term_ending",
            team.titulares[m.pk],
            reverse("agreements:file_list"),
            {"municipality": m.name, "until": m.term_ends_on, "count": counts[m.pk]},
        )
        for m in municipalities
        if counts[m.pk] and m.term_ends_on is not None  # the query asked for a date; narrows the type
    ]


def due_reminders(today: dt.date) -> list[Due]:
    """Everything due on or before `today` that has not been sent (a constant number of queries)."""
    candidates = [
        due
        for due in (*_working_file_reminders(today), *_ending_reminders(today), *_term_reminders(today))
        if due.due_on <= today and due.recipients
    ]
    if not candidates:
        return []
    sent = set(
        ReminderLog.objects.filter(target__in={d.target for d in candidates}).values_list(
            "kind", "target", "due_on"
        )
    )
    return [d for d in candidates if (d.kind, d.target, d.due_on) not in sent]


def reminders_send_due(*, today: dt.date | None = None) -> dict[str, int]:
    """Send what is due and not yet sent; returns how many reminders of each kind went out."""
    today = today or timezone.localdate()
    outcome: dict[str, int] = defaultdict(int)
    for due in due_reminders(today):
        try:
            with transaction.atomic():
                ReminderLog.objects.create(
                    kind=due.kind, target=due.target, due_on=due.due_on, recipients=len(due.recipients)
                )
                notify(
                    recipients=due.recipients,
                    kind=due.notification_kind,
                    url=due.url,
                    context=due.context,
                )
        except IntegrityError:  # another run sent it a moment ago
            continue
        outcome[due.kind] += 1
    if outcome:
        logger.info("Reminders sent: %s", dict(outcome))
    return dict(outcome)
