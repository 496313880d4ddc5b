"""The partner-seeking board (/buscan-socio/): reads, writes, and the reply form's protection against spam.

A municipality's officials publish a request ("buscamos una ciudad en Canadá para cooperar en turismo");
anyone browses it; a foreign government answers through a form, without an account. The form keeps robots
out without third-party scripts or image puzzles, with three independent checks:

- a honeypot: a field people do not see (hidden by the stylesheet, out of the tab order, hidden from screen
  readers); a robot that fills every field fills it too;
- a signed time token (django.core.signing) made when the page is shown, bound to that request: a form sent
  faster than PARTNERS_BOARD_REPLY_MIN_SECONDS after, or older than PARTNERS_BOARD_REPLY_MAX_AGE, or for
  another request, or tampered with, is refused with a message that says what to do;
- rate limits per IP address in the cache: PARTNERS_BOARD_REPLIES_PER_IP replies sent and
  PARTNERS_BOARD_POSTS_PER_IP attempts per window. With a per-process cache (no Redis) the limits are per
  process; production uses Redis, shared by every worker.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from accounts import permissions as roles
from notifications import kinds
from notifications.services import notify

from .models import Country, PartnerRequest, PartnerRequestReply, Region

TOKEN_SALT = "partners.board.reply"
REPLY_KIND = "board.reply"

kinds.register(
    REPLY_KIND,
    _("Respuesta a su solicitud «%(title)s»"),
    _(
        "%(organization)s (%(country)s) respondió a la solicitud de socio de %(municipality)s. Lea el "
        "mensaje y los datos de contacto en el portal, y responda directamente a esa persona."
    ),
)


# --- Permissions ---------------------------------------------------------------------------------------
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
def with_related(queryset: QuerySet[PartnerRequest]) -> QuerySet[PartnerRequest]:
    return queryset.select_related("municipality__state", "country", "region").prefetch_related("themes")


def published(*, today=None) -> QuerySet[PartnerRequest]:
    return PartnerRequest.objects.published(today=today or timezone.localdate())


def filtered(
    queryset: QuerySet[PartnerRequest],
    *,
    country: Country | None = None,
    region: Region | None = None,
    theme: str = "",
    state: str = "",
) -> QuerySet[PartnerRequest]:
    """The board's filters. A country matches the requests for that country, for a region it lies in, and
    those open to any country: what a government of that country could answer. A region matches requests for
    it, for its sub-regions, for a country in it, and those open to any country."""
    if country is not None:
        regions = [code for code in (country.region_id, country.subregion_id) if code]
        queryset = queryset.filter(
            Q(country=country)
            | Q(country__isnull=True, region__in=regions)
            | Q(country__isnull=True, region__isnull=True)
        )
    if region is not None:
        queryset = queryset.filter(
            Q(region=region)
            | Q(region__parent=region)
            | Q(country__region=region)
            | Q(country__subregion=region)
            | Q(country__isnull=True, region__isnull=True)
        )
    if theme:
        queryset = queryset.filter(themes=theme)
    if state:
        queryset = queryset.filter(municipality__state_id=state)
    return queryset


def requests_managed_by(user) -> list[PartnerRequest]:
    """Every request of the user's municipalities (published, closed or expired), with its reply count."""
    cvegeos = [m.pk for m in publishable_municipalities(user)]
    if not cvegeos:
        return []
    return list(
        PartnerRequest.objects.filter(municipality_id__in=cvegeos)
        .select_related("municipality")
        .annotate(reply_count=Count("replies"))
        .order_by("-created_at", "-pk")
    )


def request_for_viewer(user, pk: int, *, today=None) -> PartnerRequest | None:
    """The request if this person may see it: anyone while it is published, its officials always."""
    found = with_related(PartnerRequest.objects.filter(pk=pk)).first()
    if found is None:
        return None
    if found.is_published(today or timezone.localdate()) or can_manage(user, found):
        return found
    return None


def replies_to(partner_request: PartnerRequest) -> list[PartnerRequestReply]:
    return list(partner_request.replies.select_related("country").order_by("-created_at", "-pk"))


# --- Writes --------------------------------------------------------------------------------------------
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
    from municipalities.selectors import officials_of

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


# --- Protection against spam ---------------------------------------------------------------------------
REFUSALS = {
    "token": _(
        "El formulario llegó incompleto o alterado. Lo volvimos a preparar: revise sus datos y envíelo."
    ),
    "other_request": _("El formulario era de otra solicitud. Lo volvimos a preparar: revise sus datos."),
    "too_fast": _(
        "El formulario se envió demasiado rápido, como lo haría un programa automático. Espere unos "
        "segundos y vuelva a enviarlo."
    ),
    "expired": _(
        "La página estuvo abierta demasiado tiempo y el formulario venció. Lo volvimos a preparar con sus "
        "datos: revíselos y envíelo de nuevo."
    ),
    "honeypot": _(
        "No enviamos el mensaje: llegó lleno un campo que las personas no ven, como lo hacen los programas "
        "automáticos. Si usted es una persona, recargue la página y envíelo otra vez."
    ),
    "rate": _(
        "Recibimos demasiados mensajes desde su conexión en poco tiempo. Vuelva a intentarlo en una hora; si "
        "el asunto es urgente, escriba al contacto de la vitrina del municipio."
    ),
}


class Refused(Exception):
    """A reply the board will not take: `message` tells the sender why and what to do; `status` is the
    HTTP status of the answer."""

    def __init__(self, code: str, status: int = 400):
        super().__init__(code)
        self.code, self.status = code, status

    @property
    def message(self) -> str:
        return str(REFUSALS[self.code])


def clock() -> float:
    return time.time()


def reply_token(request_pk: int) -> str:
    """Signed: the request's id and the moment the form was shown."""
    return signing.dumps({"r": request_pk, "t": round(clock(), 3)}, salt=TOKEN_SALT, compress=True)


def check_token(token: str, request_pk: int) -> None:
    try:
        payload = signing.loads(token or "", salt=TOKEN_SALT)
        issued, for_request = float(payload["t"]), int(payload["r"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise Refused("token") from None
    if for_request != request_pk:
        raise Refused("other_request")
    age = clock() - issued
    if age < settings.PARTNERS_BOARD_REPLY_MIN_SECONDS:
        raise Refused("too_fast")
    if age > settings.PARTNERS_BOARD_REPLY_MAX_AGE:
        raise Refused("expired")


def check_honeypot(value: str) -> None:
    if value:
        raise Refused("honeypot")


def client_address(request) -> str:
    """REMOTE_ADDR: behind a proxy, the proxy must set it to the client's address (gunicorn's
    --forwarded-allow-ips with the proxy's X-Forwarded-For), never a header the client controls."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _rate_key(kind: str, address: str, window: int) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"board:rate:{kind}:{digest}:{int(clock() // window)}"


def _count(kind: str, address: str, limit: tuple[int, int], *, add: bool) -> int:
    maximum, window = limit
    key = _rate_key(kind, address, window)
    if not add:
        return cache.get(key, 0)
    cache.add(key, 0, window + 60)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, window + 60)
        return 1


def check_rate(address: str) -> None:
    """Count this attempt; refuse it when the address has sent or tried too many replies in the window."""
    posts = _count("post", address, settings.PARTNERS_BOARD_POSTS_PER_IP, add=True)
    sent = _count("sent", address, settings.PARTNERS_BOARD_REPLIES_PER_IP, add=False)
    if posts > settings.PARTNERS_BOARD_POSTS_PER_IP[0] or sent >= settings.PARTNERS_BOARD_REPLIES_PER_IP[0]:
        raise Refused("rate", status=429)


def count_sent(address: str) -> None:
    _count("sent", address, settings.PARTNERS_BOARD_REPLIES_PER_IP, add=True)
