"""Who may do what: small predicates used by views, the wizard and the review workflow.

They read only the user's fields and `user.memberships.all()`. Call `load_memberships(user)` once per request
(one query; the view's queryset may prefetch `memberships` instead) and every predicate after it is free.
A municipality may be given as a `Municipality` or as its primary key (cvegeo).
"""

from __future__ import annotations

from django.db.models import Prefetch, prefetch_related_objects

from accounts.models import Invitation, Membership, User


def _pk(municipality) -> str:
    return getattr(municipality, "pk", municipality)


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def load_memberships(user) -> None:
    """Fill the prefetch cache of `user.memberships` (with municipalities and states, in one query) unless it
    is already there."""
    if _active(user) and "memberships" not in getattr(user, "_prefetched_objects_cache", {}):
        memberships = Membership.objects.select_related("municipality__state")
        prefetch_related_objects([user], Prefetch("memberships", queryset=memberships))


def _memberships(user) -> list[Membership]:
    if not _active(user):
        return []
    return list(user.memberships.all())


def role_in(user, municipality) -> str | None:
    """The user's `Membership.Role` in that municipality, or None."""
    pk = _pk(municipality)
    for membership in _memberships(user):
        if membership.municipality_id == pk:
            return membership.role
    return None


def municipalities_of(user) -> list:
    """The municipalities the user belongs to (any role), in the order of their cvegeo."""
    return sorted((m.municipality for m in _memberships(user)), key=lambda m: m.pk)


def titular_municipalities_of(user) -> list:
    return sorted(
        (m.municipality for m in _memberships(user) if m.role == Membership.Role.TITULAR), key=lambda m: m.pk
    )


def can_edit_files_of(user, municipality) -> bool:
    """Titulares and capturistas edit their own municipality's working files; nobody else does."""
    return role_in(user, municipality) in (Membership.Role.TITULAR, Membership.Role.CAPTURISTA)


def can_submit_for(user, municipality) -> bool:
    """Only the titular / enlace sends a working file to the SRE."""
    return role_in(user, municipality) == Membership.Role.TITULAR


def is_sre_reviewer(user) -> bool:
    return _active(user) and user.sre_role == User.SreRole.REVIEWER


def is_sre_admin(user) -> bool:
    return _active(user) and (user.sre_role == User.SreRole.ADMIN or user.is_superuser)


def is_sre_staff(user) -> bool:
    return is_sre_reviewer(user) or is_sre_admin(user)


def mfa_required(user) -> bool:
    """SRE staff, superusers and anyone with access to the Django admin must use TOTP two-factor."""
    return _active(user) and (is_sre_staff(user) or user.is_staff or user.is_superuser)


def invitable_roles(user, municipality) -> list[str]:
    """The roles the user may invite someone to in that municipality (empty: may not invite there)."""
    if is_sre_admin(user) or can_submit_for(user, municipality):
        return [Membership.Role.TITULAR, Membership.Role.CAPTURISTA]
    return []


def can_invite(user, municipality, role: str | None = None) -> bool:
    roles = invitable_roles(user, municipality)
    return bool(roles) if role is None else role in roles


def can_invite_anywhere(user) -> bool:
    """Whether to offer the "Invitar" page at all: SRE administrators and titulares."""
    return is_sre_admin(user) or bool(titular_municipalities_of(user))


def can_manage_invitation(user, invitation: Invitation) -> bool:
    """See and revoke: SRE administrators any invitation, titulares those of their municipality."""
    return is_sre_admin(user) or can_submit_for(user, invitation.municipality_id)
