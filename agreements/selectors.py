"""Reads for the wizard: what a user may see, in a constant number of queries."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Membership
from partners.models import PartnerCity

from .models import WorkingFile, WorkingFileEvent, WorkingFileUpload

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


def partner_city_search(query: str, *, limit: int = 10) -> list[PartnerCity]:
    """Cities whose name starts with the query (then contains it), biggest first: one query."""
    query = query.strip()
    if len(query) < 2:
        return []
    rows = list(
        PartnerCity.objects.select_related("country")
        .filter(name__icontains=query)
        .order_by("-population", "name", "pk")[:200]
    )
    lowered = query.lower()
    rows.sort(key=lambda c: (not c.name.lower().startswith(lowered), -(c.population or 0), c.name))
    return rows[:limit]
