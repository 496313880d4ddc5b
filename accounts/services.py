"""Writes for accounts: invitations, language preference, demo two-factor secrets."""

from __future__ import annotations

import hashlib
import secrets
from urllib.parse import urljoin

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from accounts.models import Invitation, Membership, User
from municipalities.models import Municipality


class InvitationUnavailable(Exception):
    """The token names no invitation, or one that can no longer be used; `status` says which."""

    UNKNOWN = "unknown"

    def __init__(self, status: str, invitation: Invitation | None = None):
        super().__init__(status)
        self.status = status
        self.invitation = invitation


class InvitationEmailTaken(Exception):
    """An account with the invitation's e-mail address exists: its owner must log in to accept."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalize_email(email: str) -> str:
    return email.strip().lower()


def invitation_accept_path(token: str, language: str) -> str:
    with translation.override(language):
        return reverse("accounts:invitation_accept", kwargs={"token": token})


@transaction.atomic
def invitation_create(
    *, by: User, email: str, municipality: Municipality, role: str, language: str, base_url: str
) -> tuple[Invitation, str]:
    """Invite `email` to `municipality` with `role` and e-mail the link (after commit). Returns the token too.

    An open invitation to the same address and municipality is revoked first, so "invite again" re-sends.
    """
    permissions.load_memberships(by)
    if not permissions.can_invite(by, municipality, role):
        raise PermissionDenied("may not invite for this municipality or role")
    email = normalize_email(email)
    if Membership.objects.filter(user__email__iexact=email, municipality=municipality, role=role).exists():
        raise ValidationError(
            _("Esa persona ya forma parte del equipo de este municipio con esa función."), code="member"
        )
    now = timezone.now()
    Invitation.objects.open().filter(email=email, municipality=municipality).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        municipality=municipality,
        role=role,
        language=language,
        invited_by=by,
        token_hash=token_hash(token),
        created_at=now,
        expires_at=now + Invitation.VALID_FOR,
    )
    accept_url = urljoin(base_url, invitation_accept_path(token, language))
    transaction.on_commit(lambda: invitation_send_email(invitation=invitation, accept_url=accept_url))
    return invitation, token


def invitation_send_email(*, invitation: Invitation, accept_url: str) -> None:
    """The invitation in the invitee's language, as plain text and HTML."""
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "municipality": invitation.municipality,
            "inviter": invitation.invited_by,
            "role": invitation.get_role_display(),
            "accept_url": accept_url,
        }
        subject = render_to_string("emails/invitation_subject.txt", context).strip()
        text = render_to_string("emails/invitation_body.txt", context)
        html = render_to_string("emails/invitation_body.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    message.attach_alternative(html, "text/html")
    message.send()


def _usable_invitation(token: str) -> Invitation:
    """The invitation for `token`, locked for update, if it still works; InvitationUnavailable otherwise."""
    invitation = (
        Invitation.objects.select_for_update().filter(token_hash=token_hash(token)).first() if token else None
    )
    if invitation is None:
        raise InvitationUnavailable(InvitationUnavailable.UNKNOWN)
    status = invitation.status_at(timezone.now())
    if status != Invitation.Status.PENDING:
        raise InvitationUnavailable(status, invitation)
    return invitation


def _join(invitation: Invitation, user: User) -> Membership:
    # Clicking the link proves the invitee reads this mailbox: the address counts as verified.
    address, _created = EmailAddress.objects.get_or_create(
        user=user, email__iexact=invitation.email, defaults={"email": invitation.email}
    )
    if not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])
    address.set_as_primary(conditional=True)
    membership, _created = Membership.objects.update_or_create(
        user=user, municipality=invitation.municipality, defaults={"role": invitation.role}
    )
    invitation.used_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["used_at", "accepted_by"])
    return membership


@transaction.atomic
def invitation_accept_new_user(*, token: str, first_name: str, last_name: str, password: str) -> User:
    """Create the invitee's account and membership; works once (the row is locked while it is used)."""
    invitation = _usable_invitation(token)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise InvitationEmailTaken(invitation.email)
    user = User(
        email=invitation.email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        language=invitation.language,
    )
    validate_password(password, user)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:  # the same address registered a moment ago
        raise InvitationEmailTaken(invitation.email) from exc
    _join(invitation, user)
    return user


@transaction.atomic
def invitation_accept_existing_user(*, token: str, user: User) -> Membership:
    """An invitee who already has an account (logged in as the invited address) joins the municipality."""
    invitation = _usable_invitation(token)
    if normalize_email(user.email) != invitation.email:
        raise PermissionDenied("the invitation is for another address")
    return _join(invitation, user)


def invitation_revoke(*, invitation: Invitation, by: User) -> bool:
    """Cancel an open invitation; returns False when it was already accepted or cancelled."""
    permissions.load_memberships(by)
    if not permissions.can_manage_invitation(by, invitation):
        raise PermissionDenied("may not manage this invitation")
    updated = Invitation.objects.open().filter(pk=invitation.pk).update(revoked_at=timezone.now())
    return bool(updated)


def user_set_language(*, user: User, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Ese idioma no está disponible."), code="language")
    user.language = language
    user.save(update_fields=["language"])


def totp_enable_for_demo(user: User) -> str:
    """Give a demo account a TOTP authenticator and return its base32 secret (replacing any earlier one).

    The secret is printed with the demo credentials so a person can add it to an authenticator app, and the
    browser tests compute codes from it with PyOTP.
    """
    secret = generate_totp_secret()
    with transaction.atomic():
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
        TOTP.activate(user, secret)
    return secret
