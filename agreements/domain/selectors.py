"""Reads of the agreements domain: which working files a user may see, and which agreements anyone may see,
each in a constant number of queries."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Membership
from agreements.models import Agreement, WorkingFile, WorkingFileEvent, WorkingFileUpload

# Mirrors WorkingFile.was_sent: SRE staff never see a draft, nor a draft withdrawn before it was sent.
SENT_TO_SRE = ~Q(state=WorkingFile.State.DRAFT) & ~Q(
    state=WorkingFile.State.WITHDRAWN, submitted_at__isnull=True
)


def working_files_visible_to(user) -> QuerySet[WorkingFile]:
    if not getattr(user, "is_authenticated", False):
        return WorkingFile.objects.none()
    visible = Q(municipality__in=Membership.objects.filter(user=user).values("municipality"))
    if user.is_sre_staff:
        visible |= SENT_TO_SRE
    return WorkingFile.objects.filter(visible)


def working_file_list_for_user(user) -> QuerySet[WorkingFile]:
    return working_files_visible_to(user).select_related("municipality__state", "created_by")


def working_file_get_for_user(user, pk: int) -> WorkingFile:
    """The file, or 404 when it does not exist or the user may not see it (no hint that it exists)."""
    working_file = working_files_visible_to(user).select_related("municipality__state").filter(pk=pk).first()
    if working_file is None:
        raise Http404("No working file here.")
    return working_file


def uploads_latest_by_kind(working_file: WorkingFile) -> dict[str, WorkingFileUpload]:
    latest: dict[str, WorkingFileUpload] = {}
    for upload in WorkingFileUpload.objects.filter(working_file=working_file).order_by("uploaded_at", "pk"):
        latest[upload.kind] = upload  # a newer upload of the same kind replaces the older one
    return latest


def working_file_history(working_file: WorkingFile) -> QuerySet[WorkingFileEvent]:
    return (
        WorkingFileEvent.objects.filter(working_file=working_file).select_related("by").order_by("at", "pk")
    )


# Every source is public; synthetic rows are labelled wherever they appear. Drafts never become Agreements
# (the wizard's working files are another model), so no source is hidden today. A source added later that
# must stay private goes here, and every page, statistic and API endpoint leaves it out.
HIDDEN_SOURCES: list[str] = []


def public_agreements() -> QuerySet[Agreement]:
    """Every agreement anyone may see: the base of every registry page, statistic and API endpoint."""
    if HIDDEN_SOURCES:
        return Agreement.objects.exclude(source__in=HIDDEN_SOURCES)
    return Agreement.objects.all()  # no WHERE clause: aggregates over the whole table stay plain scans
