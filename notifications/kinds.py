"""Default texts of the notification kinds, so a caller of `notify()` may give just the kind.

Texts are lazy Spanish source strings with %(name)s placeholders, filled from the `context` of `notify()`
and translated into each recipient's language. A kind not registered here needs an explicit `subject`.
Apps register their kinds at import time (agreements/reminders/services.py registers the reminders).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    subject: object
    message: object = ""
    category: str | None = None  # None: "action" or "update", from notify(action_required=…)


KINDS: dict[str, Kind] = {}


def register(code: str, subject, message="", category: str | None = None) -> None:
    KINDS[code] = Kind(subject=subject, message=message, category=category)


def get(code: str) -> Kind | None:
    return KINDS.get(code)


# Documents (agreements/documents/services.py)
register(
    "document.failed",
    _("No se pudo generar: %(document)s"),
    _(
        "El documento «%(document)s» del expediente «%(file)s» no se pudo generar después de varios "
        "intentos. Vuelva a pedirlo; si el problema sigue, avise a la persona administradora del portal."
    ),
)
