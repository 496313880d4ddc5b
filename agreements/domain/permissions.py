"""Who may do what with a working file: predicates only, which views and services call.

Built on the accounts feature's role predicates (accounts/permissions.py): a user's memberships are loaded
once per request there, so these checks cost no query after the first.
"""

from __future__ import annotations

from accounts import permissions as roles
from agreements.models import WorkingFile


def is_official(user) -> bool:
    roles.load_memberships(user)
    return bool(roles.municipalities_of(user))


def can_create_file(user, municipality) -> bool:
    roles.load_memberships(user)
    return roles.can_edit_files_of(user, municipality)


def can_view_file(user, working_file: WorkingFile) -> bool:
    """Members of its municipality; SRE staff once it has been sent (a draft is the municipality's own)."""
    roles.load_memberships(user)
    if roles.role_in(user, working_file.municipality_id):
        return True
    return roles.is_sre_staff(user) and working_file.was_sent


def can_edit_file(user, working_file: WorkingFile) -> bool:
    """Titular and capturista edit their municipality's drafts, and a file the SRE sent back with
    observations."""
    roles.load_memberships(user)
    return working_file.is_editable and roles.can_edit_files_of(user, working_file.municipality_id)


def can_submit_file(user, working_file: WorkingFile) -> bool:
    """Only the titular (enlace) sends to the SRE."""
    roles.load_memberships(user)
    return working_file.is_draft and roles.can_submit_for(user, working_file.municipality_id)
