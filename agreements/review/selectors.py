"""Reads of the review workflow, each in a constant number of queries: the SRE's queue and filters, a file
with everything its review page shows, its timeline."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from accounts import permissions as roles
from accounts.models import User
from agreements.domain import selectors
from agreements.domain.selectors import SENT_TO_SRE
from agreements.models import Observation, ReviewRound, WorkingFile
from agreements.workflow import transitions as workflow
from municipalities.models import Municipality
from partners.models import Country

State = WorkingFile.State
# What waits for the SRE: to take, under review, signed and waiting for inscription.
SRE_PENDING = (State.SUBMITTED, State.RESUBMITTED, State.IN_REVIEW, State.SIGNED)
# The queue's filter values besides a state and a reviewer's id (the filter form offers them).
PENDING = ""  # default: what waits for the SRE
ALL = "todos"
UNASSIGNED = "sin_asignar"
MINE = "mios"


def sent_files() -> QuerySet[WorkingFile]:
    return WorkingFile.objects.filter(SENT_TO_SRE)


def review_queue(
    *,
    situation: str = PENDING,
    state=None,
    municipality=None,
    country=None,
    reviewer: str = "",
    min_days: int | None = None,
    user=None,
    now: dt.datetime | None = None,
) -> QuerySet[WorkingFile]:
    """Files sent to the SRE, filtered; the longest-waiting first."""
    files = sent_files().select_related("municipality__state", "country", "assigned_reviewer")
    if situation == PENDING:
        files = files.filter(state__in=SRE_PENDING)
    elif situation != ALL:
        files = files.filter(state=situation)
    if state is not None:
        files = files.filter(municipality__state=state)
    if municipality is not None:
        files = files.filter(municipality=municipality)
    if country is not None:
        files = files.filter(country=country)
    if reviewer == UNASSIGNED:
        files = files.filter(assigned_reviewer__isnull=True)
    elif reviewer == MINE:
        files = files.filter(assigned_reviewer=user)
    elif reviewer:
        files = files.filter(assigned_reviewer_id=int(reviewer))
    if min_days:
        # Whole days, counted like waiting_days(): the state changed on or before this day.
        today = timezone.localdate(now)
        cutoff = dt.datetime.combine(today - dt.timedelta(days=min_days - 1), dt.time.min)
        files = files.filter(state_changed_at__lt=timezone.make_aware(cutoff))
    return files.order_by("state_changed_at", "pk")


def queue_filter_choices() -> dict:
    """The municipalities and countries that have sent files, and the SRE reviewers: three queries."""
    return {
        "municipalities": Municipality.objects.filter(pk__in=sent_files().values("municipality_id"))
        .select_related("state")
        .order_by("name", "cvegeo"),
        "countries": Country.objects.filter(pk__in=sent_files().values("country_id")).order_by("name_es"),
        "reviewers": reviewers(),
    }


def reviewers() -> QuerySet[User]:
    return User.objects.filter(sre_role=User.SreRole.REVIEWER, is_active=True).order_by(
        "first_name", "last_name", "email"
    )


def file_for_review(user, pk: int) -> WorkingFile:
    """A sent file with what its review page shows (one query), for SRE staff; 404 for anyone else."""
    if not roles.is_sre_staff(user):
        raise Http404("Not SRE staff.")
    working_file = sent_files().select_related(*REVIEW_DETAILS).filter(pk=pk).first()
    if working_file is None:
        raise Http404("No working file here.")
    return working_file


REVIEW_DETAILS = (
    "municipality__state",
    "country",
    "assigned_reviewer",
    "agreement",
    "dictamen__issued_by",
    "signature__document",
    "previous_version",
)


def file_for_status(user, pk: int) -> WorkingFile:
    """A file the user may see (its municipality's team; SRE staff once sent) with its review details, in
    one query; 404 otherwise."""
    working_file = (
        selectors.working_files_visible_to(user).select_related(*REVIEW_DETAILS).filter(pk=pk).first()
    )
    if working_file is None:
        raise Http404("No working file here.")
    return working_file


def related(working_file: WorkingFile, name: str):
    """A reverse one-to-one (dictamen, signature) or None, without a query when select_related loaded it
    (REVIEW_DETAILS does)."""
    try:
        return getattr(working_file, name)
    except ObjectDoesNotExist:
        return None


def observations(working_file: WorkingFile, *, drafts: bool) -> list[Observation]:
    """Every observation of the file, oldest round first; the reviewers' drafts only when asked."""
    found = Observation.objects.filter(working_file=working_file)
    if not drafts:
        found = found.sent()
    return list(found.select_related("created_by", "answered_by").order_by("round", "pk"))


def last_two_rounds(working_file: WorkingFile) -> tuple[ReviewRound | None, ReviewRound | None]:
    """(previous, latest) round; the diff shows what changed between them."""
    rounds = list(ReviewRound.objects.filter(working_file=working_file).order_by("-number")[:2])
    latest = rounds[0] if rounds else None
    previous = rounds[1] if len(rounds) > 1 else None
    return previous, latest


def waiting_days(working_file: WorkingFile, today: dt.date) -> int:
    """Whole days in the current state."""
    since = working_file.state_changed_at or working_file.updated_at
    return max(0, (today - timezone.localdate(since)).days)


def clock(working_file: WorkingFile, today: dt.date) -> dict | None:
    """Days the SRE has held the file against its target (a setting; the law sets no deadline)."""
    if working_file.state in workflow.AT_SRE and working_file.at_sre_since:
        days = max(0, (today - timezone.localdate(working_file.at_sre_since)).days)
        target = settings.AGREEMENTS_REVIEW_TARGET_DAYS
    elif working_file.state == State.SIGNED:
        days = waiting_days(working_file, today)
        target = settings.AGREEMENTS_INSCRIPTION_TARGET_DAYS
    else:
        return None
    return {"days": days, "target": target, "over": days > target}
