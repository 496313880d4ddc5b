"""The main navigation: one list, so every page shows the same entries in the same order."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# (URL name, label). Each feature adds its own entry here when it lands.
MAIN_NAV: list[tuple[str, str]] = [
    ("registry:list", _("Registro")),
    ("registry:statistics", _("Estadísticas")),
    ("guide:index", _("Guía")),
    ("guide:law", _("La ley")),
    ("board:list", _("Buscan socio")),
]


def main_nav(request) -> list[dict]:
    current = request.resolver_match.view_name if request.resolver_match else ""
    return [{"url": reverse(name), "label": label, "current": current == name} for name, label in MAIN_NAV]


__all__ = ["MAIN_NAV", "main_nav", "_"]
