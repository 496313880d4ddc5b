"""Who may publish, edit and close a partner request."""

from __future__ import annotations

from accounts import permissions as roles
from matchmaking.models import PartnerRequest


def can_publish_for(user, cvegeo: str) -> bool:
    """Titulares and capturistas publish requests for their own municipality."""
    roles.load_memberships(user)
    return roles.can_edit_files_of(user, cvegeo)


def can_manage(user, partner_request: PartnerRequest) -> bool:
    """Whoever may publish for the request's municipality edits and closes it, and reads its replies."""
    return can_publish_for(user, partner_request.municipality_id)


def publishable_municipalities(user) -> list:
    """The municipalities where the user may publish (titular or capturista)."""
    roles.load_memberships(user)
    return [m for m in roles.municipalities_of(user) if roles.can_edit_files_of(user, m.pk)]


# --- Reads ---------------------------------------------------------------------------------------------
