"""The showcase and the partner suggestions on the registry's municipality page (/municipios/<cvegeo>/).

Registered with registry.profile.municipality_section when the app is ready. One section function for both,
because both read the same profile: loaded once, it gives the showcase and the matchmaker's preferences.

Suggestions are public, like the rest of the page: they are computed from public data only (the registry's
relationships, the city catalogues and the interests the municipality itself publishes), and most of the
2,478 municipalities have no account on the portal yet: a mayor's office reading its own page should see what
the portal could do for it before anyone signs up. The text says plainly that they are automatic
suggestions, not the municipality's intentions.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ciberparadiplomacia.i18n import is_english
from partners import matchmaking
from partners.suggestions import suggestions_for
from registry.profile import municipality_section
from registry.versioning import request_version

from . import selectors
from .forms import language_choices
from .models import Municipality, MunicipalityProfile
from .permissions import can_edit_vitrina

SUGGESTIONS_SHOWN = 10
DESCRIPTION_CHARS = 200


def open_graph(request: HttpRequest, municipality: Municipality, vitrina: selectors.Vitrina) -> dict:
    """What a link preview needs: title, description, image (a photo of the showcase, else the drawn card)."""
    title = _("%(name)s, %(state)s: perfil internacional") % {
        "name": municipality.name,
        "state": municipality.state.name,
    }
    profile = vitrina.profile
    presentation = " ".join((profile.presentation if profile else "").split())
    if vitrina.photos:
        photo = vitrina.photos[0]
        image = reverse("municipalities:photo", args=[municipality.pk, photo.pk])
        width, height, alt = photo.width, photo.height, photo.caption
    else:
        image = reverse("municipalities:card", args=[municipality.pk])
        width, height = 1200, 630
        alt = _("Tarjeta con el nombre de %(name)s y su perfil internacional") % {"name": municipality.name}
    english = is_english()
    return {
        "title": title,
        "description": Truncator(presentation).chars(DESCRIPTION_CHARS),
        "url": request.build_absolute_uri(request.path),
        "image": request.build_absolute_uri(image),
        "image_width": width,
        "image_height": height,
        "image_alt": alt,
        "locale": "en_US" if english else "es_MX",
        "locale_alternate": "es_MX" if english else "en_US",
    }


def labels(profile: MunicipalityProfile | None) -> dict:
    if profile is None:
        return {}
    offers = dict(MunicipalityProfile.Offer.choices)
    languages = dict(language_choices())
    return {
        "offers": [offers[code] for code in profile.offers or [] if code in offers],
        "languages": [languages.get(code, code) for code in profile.languages or []],
    }


@municipality_section
def vitrina_and_suggestions(request: HttpRequest, municipality: Municipality) -> tuple[str, dict]:
    vitrina = selectors.vitrina(municipality)
    try:
        suggestions = suggestions_for(
            municipality.pk,
            limit=SUGGESTIONS_SHOWN,
            preferences=matchmaking.preferences_from(vitrina.profile),
            version=request_version(request),
        )
    except KeyError:  # a municipality created after the matchmaker's catalogue was read
        suggestions = []
    can_edit = can_edit_vitrina(request.user, municipality.pk)
    return "municipalities/_sections.html", {
        "vitrina": vitrina,
        "labels": labels(vitrina.profile),
        "suggestions": suggestions,
        "can_edit": can_edit,
        "og": open_graph(request, municipality, vitrina),
        "api_url": reverse("registry-api:municipality-partner-suggestions", args=[municipality.pk]),
    }
