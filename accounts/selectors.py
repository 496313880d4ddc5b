"""Reads for accounts: each one a fixed number of queries whatever the number of rows."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.db.models import QuerySet
from django.utils import timezone

from accounts import permissions
from accounts.models import Invitation, Membership, User
from accounts.services import token_hash


def invitation_for_token(token: str) -> Invitation | None:
    if not token:
        return None
    return (
        Invitation.objects.select_related("municipality__state", "invited_by")
        .filter(token_hash=token_hash(token))
        .first()
    )


def invitations_pending_for(user: User, *, now=None) -> QuerySet[Invitation]:
    """Pending invitations the user may see and revoke: all for SRE administrators, their municipality's for
    titulares, none for anybody else. Call `permissions.load_memberships(user)` first."""
    pending = Invitation.objects.pending(now=now or timezone.now()).select_related(
        "municipality__state", "invited_by"
    )
    if permissions.is_sre_admin(user):
        return pending
    own = [m.pk for m in permissions.titular_municipalities_of(user)]
    return pending.filter(municipality__in=own)


def memberships_of(user: User) -> list[Membership]:
    """The user's memberships by municipality name (one query, shared with the permission predicates)."""
    permissions.load_memberships(user)
    return sorted(user.memberships.all(), key=lambda m: (m.municipality.name, m.municipality_id))


def has_totp(user: User) -> bool:
    """Whether the user has set up an authenticator app (the second factor SRE staff must have)."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def authenticator_types(user: User) -> set[str]:
    """The kinds of two-factor authenticators the user has set up (totp, recovery_codes)."""
    return set(Authenticator.objects.filter(user=user).values_list("type", flat=True))


def officials_of(cvegeo: str) -> list[User]:
    """The titulares and capturistas of the municipality (active accounts), for notifications."""
    return list(
        User.objects.filter(
            is_active=True,
            memberships__municipality_id=cvegeo,
            memberships__role__in=[Membership.Role.TITULAR, Membership.Role.CAPTURISTA],
        )
        .distinct()
        .order_by("pk")
    )
