"""The municipality's public page (/municipios/<cvegeo>/): its known relationships and their map (the
registry), its international showcase (showcase), and partner suggestions and published requests
(matchmaking), assembled here and nowhere else. One section function serves the showcase and the
suggestions, because both read the same profile: loaded once, it gives the showcase and the matchmaker's
preferences.

Suggestions are public, like the rest of the page: they are computed from public data only (the registry's
relationships, the city catalogues and the interests the municipality itself publishes), and most of the
2,478 municipalities have no account on the portal yet: a mayor's office reading its own page should see what
the portal could do for it before anyone signs up. The text says plainly that they are automatic
suggestions, not the municipality's intentions.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views import View

from core.i18n import is_english
from core.versioning import request_version
from matchmaking import scoring as matchmaking
from matchmaking.board import selectors as board_selectors
from matchmaking.suggestions import suggestions_for
from municipalities.models import Municipality
from registry import maps, selectors
from registry.catalogs import request_catalogs
from registry.views import filtered_links, point_title
from showcase import selectors as showcase_selectors
from showcase.forms import language_choices
from showcase.models import MunicipalityProfile
from showcase.permissions import can_edit_showcase
from showcase.selectors import Showcase

SUGGESTIONS_SHOWN = 10
DESCRIPTION_CHARS = 200


def open_graph(request: HttpRequest, municipality: Municipality, showcase: Showcase) -> dict:
    """What a link preview needs: title, description, image (a photo of the showcase, else the drawn card)."""
    title = _("%(name)s, %(state)s: perfil internacional") % {
        "name": municipality.name,
        "state": municipality.state.name,
    }
    profile = showcase.profile
    presentation = " ".join((profile.presentation if profile else "").split())
    if showcase.photos:
        photo = showcase.photos[0]
        image = reverse("showcase:photo", args=[municipality.pk, photo.pk])
        width, height, alt = photo.width, photo.height, photo.caption
    else:
        image = reverse("showcase:card", args=[municipality.pk])
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


def showcase_and_suggestions(request: HttpRequest, municipality: Municipality) -> tuple[str, dict]:
    requests = board_selectors.published_by(municipality.pk)
    showcase = showcase_selectors.showcase_of(municipality, requests=requests)
    try:
        suggestions = suggestions_for(
            municipality.pk,
            limit=SUGGESTIONS_SHOWN,
            preferences=matchmaking.preferences_from(showcase.profile),
            version=request_version(request),
        )
    except KeyError:  # a municipality created after the matchmaker's catalogue was read
        suggestions = []
    can_edit = can_edit_showcase(request.user, municipality.pk)
    return "registry/_municipality_sections.html", {
        "showcase": showcase,
        "labels": labels(showcase.profile),
        "suggestions": suggestions,
        "can_edit": can_edit,
        "og": open_graph(request, municipality, showcase),
        "api_url": reverse("registry-api:municipality-partner-suggestions", args=[municipality.pk]),
    }


class MunicipalityView(View):
    """Not cached: the showcase and the suggestions show data the registry version does not track."""

    def get(self, request: HttpRequest, cvegeo: str) -> HttpResponse:
        catalogs = request_catalogs(request)
        if cvegeo not in catalogs.municipalities:
            raise Http404(_("No existe un municipio con esa clave geoestadística."))
        municipality = Municipality.objects.select_related("state").get(cvegeo=cvegeo)
        profile = selectors.municipality_profile(cvegeo)
        world = maps.world_map()
        points = []
        for partner in profile["partner_cities"]:
            if (
                partner["partner_city__latitude"] is not None
                and partner["partner_city__longitude"] is not None
            ):
                x, y = world.point(partner["partner_city__longitude"], partner["partner_city__latitude"])
                points.append(
                    maps.DrawnPoint(
                        x, y, point_title(partner["partner_city__name"], partner["n"]), "", "partner"
                    )
                )
        if municipality.latitude is not None and municipality.longitude is not None:
            x, y = world.point(municipality.longitude, municipality.latitude)
            points.append(maps.DrawnPoint(x, y, municipality.name, "", "home"))
        partner_countries = {p["country_id"] for p in profile["partner_cities"]}
        world_drawn = maps.plain(world, points, title=lambda shape: shape.name)
        world_drawn["shapes"] = [
            maps.DrawnShape(s.d, 1 if shape.id in partner_countries else 0, s.title, "")
            for s, shape in zip(world_drawn["shapes"], world.shapes, strict=True)
        ]
        context = {
            "municipality": municipality,
            "info": catalogs.municipalities[cvegeo],
            "profile": profile,
            "countries": catalogs.countries,
            "world": world_drawn,
            **filtered_links(municipality=cvegeo),
            "sections": [showcase_and_suggestions(request, municipality)],
            "shown_limit": selectors.PROFILE_AGREEMENTS_SHOWN,
        }
        title = _("%(name)s, %(state)s: perfil internacional") % {
            "name": municipality.name,
            "state": municipality.state.name,
        }
        return TemplateResponse(
            request, "registry/municipality_detail.html", {**context, "page_title": title}
        )
