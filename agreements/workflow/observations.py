"""The assigned reviewer's draft observations: written and deleted one at a time while the file is in review,
with no state change; «Pedir cambios» (a transition) sends them to the municipality."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.db import transaction

from agreements.models import Observation, WorkingFile
from agreements.workflow.actions import Role
from agreements.workflow.handlers import observation_create
from agreements.workflow.transitions import TransitionNotAllowed, roles_of

State = WorkingFile.State


def _locked_for_reviewer(file_id: int, by) -> WorkingFile:
    working_file = WorkingFile.objects.select_for_update().get(pk=file_id)
    if working_file.state != State.IN_REVIEW:
        raise TransitionNotAllowed(working_file.state, "observe")
    if Role.ASSIGNED_REVIEWER not in roles_of(by, working_file):
        raise PermissionDenied("only the assigned reviewer writes observations")
    return working_file


@transaction.atomic
def observation_add(*, file_id: int, by, data: Mapping) -> Observation:
    """A draft observation of the current round, seen by SRE staff only until «Pedir cambios» sends it."""
    return observation_create(_locked_for_reviewer(file_id, by), by, data)


@transaction.atomic
def observation_delete(*, file_id: int, observation_id: int, by) -> bool:
    """Delete a draft (a sent observation stays: the municipality has read it). False: nothing to delete."""
    working_file = _locked_for_reviewer(file_id, by)
    deleted, _rows = working_file.observations.drafts().filter(pk=observation_id).delete()
    return bool(deleted)
