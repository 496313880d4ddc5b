"""«Nueva versión»: an ended working file (dictamen no favorable, retirado) copied into a new draft."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from agreements.domain import permissions
from agreements.models import WorkingFile, WorkingFileEvent, WorkingFileUpload
from agreements.steps import services
from agreements.workflow.transitions import ENDED, TransitionNotAllowed

Event = WorkingFileEvent.Kind


@transaction.atomic
def new_version(*, file_id: int, by) -> WorkingFile:
    """Copy an ended file (dictamen no favorable, retirado) into a new draft linked to it; a second call
    returns the same draft (a double click makes one copy)."""
    old = WorkingFile.objects.select_for_update().get(pk=file_id)
    if old.state not in ENDED:
        raise TransitionNotAllowed(old.state, "new_version")
    if not permissions.can_create_file(by, old.municipality_id):
        raise PermissionDenied("only the municipality's team copies its files")
    existing = old.newer_versions.order_by("pk").first()
    if existing is not None:
        return existing
    now = timezone.now()
    copy = WorkingFile.objects.create(
        municipality_id=old.municipality_id,
        answers=old.answers,
        step_versions=old.step_versions,
        created_by=by,
        previous_version=old,
        state_changed_at=now,
    )
    for kind, upload in services.load_context(old).uploads.items():
        if kind != WorkingFileUpload.Kind.SIGNED_AGREEMENT:
            upload.pk, upload.working_file = None, copy  # the same stored PDF, a new row
            upload._state.adding = True
            upload.save()
    services.refresh(copy, services.load_context(copy))
    copy.save()
    WorkingFileEvent.objects.bulk_create(
        [
            WorkingFileEvent(working_file=copy, kind=Event.CREATED, detail=str(old.pk), by=by),
            WorkingFileEvent(working_file=old, kind=Event.NEW_VERSION, detail=str(copy.pk), by=by),
        ]
    )
    return copy
