"""Writes of the partner-seeking board: requests published by municipalities, replies from abroad."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from accounts.selectors import officials_of
from matchmaking.board.permissions import can_manage, can_publish_for
from matchmaking.models import PartnerRequest, PartnerRequestReply
from notifications import kinds
from notifications.services import notify

REPLY_KIND = "board.reply"

kinds.register(
    REPLY_KIND,
    _("Respuesta a su solicitud «%(title)s»"),
    _(
        "%(organization)s (%(country)s) respondió a la solicitud de socio de %(municipality)s. Lea el "
        "mensaje y los datos de contacto en el portal, y responda directamente a esa persona."
    ),
)

REQUEST_FIELDS = ["title", "description", "country", "region", "expires_on"]


@transaction.atomic
def request_create(*, municipality, data: dict, by) -> PartnerRequest:
    if not can_publish_for(by, municipality.pk):
        raise PermissionDenied
    partner_request = PartnerRequest.objects.create(
        municipality=municipality, created_by=by, **{name: data[name] for name in REQUEST_FIELDS}
    )
    partner_request.themes.set(data["themes"])
    return partner_request


@transaction.atomic
def request_update(*, partner_request: PartnerRequest, data: dict, by) -> PartnerRequest:
    if not can_manage(by, partner_request):
        raise PermissionDenied
    for name in REQUEST_FIELDS:
        setattr(partner_request, name, data[name])
    partner_request.save()
    partner_request.themes.set(data["themes"])
    return partner_request


def request_close(*, partner_request: PartnerRequest, by) -> PartnerRequest:
    """Withdraw a request from the board (found a partner, or changed plans); its replies stay."""
    if not can_manage(by, partner_request):
        raise PermissionDenied
    if partner_request.closed_at is None:
        partner_request.closed_at = timezone.now()
        PartnerRequest.objects.filter(pk=partner_request.pk, closed_at__isnull=True).update(
            closed_at=partner_request.closed_at
        )
    return partner_request


@transaction.atomic
def reply_submit(*, partner_request: PartnerRequest, data: dict, language: str) -> PartnerRequestReply:
    """Store an answer from a foreign government and tell the municipality's officials (portal + e-mail)."""
    reply = PartnerRequestReply.objects.create(
        request=partner_request,
        name=data["name"],
        organization=data["organization"],
        position=data["position"],
        country=data["country"],
        city=data["city"],
        email=data["email"],
        website=data["official_site"],
        message=data["message"],
        language=language,
    )
    with translation.override(settings.LANGUAGE_CODE):  # notify() localises the default language's path
        url = reverse("board:detail", args=[partner_request.pk]) + "#respuestas"
    country = reply.country
    notify(
        recipients=officials_of(partner_request.municipality_id),
        kind=REPLY_KIND,
        url=url,
        action_required=True,
        context={
            "title": partner_request.title,
            "organization": reply.organization,
            # Each recipient reads the country's name in their own language.
            "country": lazy(lambda: country.name, str)(),
            "municipality": partner_request.municipality.name,
        },
    )
    return reply
