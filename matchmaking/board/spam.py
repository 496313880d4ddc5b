"""The reply form's protection against spam on the partner-seeking board (/buscan-socio/).

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
from django.utils.translation import gettext_lazy as _

# Unchanged since the board moved here from partners/board.py: tokens already handed out stay valid.
TOKEN_SALT = "partners.board.reply"

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
