"""Who may edit a municipality's showcase: a predicate on top of accounts/permissions.py (no query after the
first: the user's memberships are loaded once per request)."""

from __future__ import annotations

from accounts import permissions as roles


def can_edit_showcase(user, cvegeo: str) -> bool:
    """Titulares and capturistas edit their own municipality's showcase; nobody else does."""
    roles.load_memberships(user)
    return roles.can_edit_files_of(user, cvegeo)
