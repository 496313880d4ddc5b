"""Writes of the knowledge centre: a working file started from the readiness self-check."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts import permissions as roles
from agreements.models import WorkingFile
from agreements.steps import services as file_services


@transaction.atomic
def selfcheck_start_file(*, municipality, office: str, objective: str, city: str, by) -> WorkingFile:
    """A new working file for a titular, with the self-check's texts carried into the wizard's first two
    steps (saved as typed, like any draft: the wizard shows what is still missing)."""
    roles.load_memberships(by)
    if not roles.can_submit_for(by, municipality.pk):
        raise PermissionDenied
    working_file = file_services.working_file_create(municipality=municipality, by=by)
    carried = {
        "diagnostico": {"objetivo": objective.strip(), "oficina": office.strip()},
        "contraparte": {"ciudad": city.strip()},
    }
    for step, data in carried.items():
        if any(data.values()):
            file_services.step_save(
                working_file_id=working_file.pk, step_name=step, data=data, base_version=None, by=by
            )
    working_file.refresh_from_db()
    return working_file
