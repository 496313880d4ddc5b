"""The municipality's showcase: its officials edit it here; the public sees it on /municipios/<cvegeo>/
(registry), with its photos and its preview card served from here."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from agreements.domain.selectors import public_agreements
from core.versioning import cache_key, request_version
from municipalities.models import Municipality
from partners.catalog import WorldCatalog, world_catalog
from showcase import selectors, services
from showcase.cards import render_card
from showcase.forms import PhotoForm, ProfileForm
from showcase.models import MunicipalityPhoto, MunicipalityProfile
from showcase.permissions import can_edit_showcase


def editable_municipality(request: HttpRequest, cvegeo: str) -> Municipality:
    """The municipality, if it exists (404) and the user is one of its officials (403)."""
    municipality = get_object_or_404(Municipality.objects.select_related("state"), pk=cvegeo)
    if not can_edit_showcase(request.user, cvegeo):
        raise PermissionDenied
    return municipality


def country_groups(catalogs: WorldCatalog, selected: set[str]) -> list[dict]:
    """Countries by M49 region for the checkboxes, each group open when one of its countries is chosen."""
    groups: dict[str | None, list] = {}
    for iso2, name in catalogs.country_choices():
        region = catalogs.countries[iso2].region_code
        groups.setdefault(region, []).append({"value": iso2, "label": name, "checked": iso2 in selected})
    ordered = sorted(
        (code for code in groups if code), key=lambda code: catalogs.regions[code].name if code else ""
    )
    result = [
        {"code": code, "label": catalogs.regions[code].name, "countries": groups[code]} for code in ordered
    ]
    if None in groups:
        result.append({"code": "otros", "label": _("Otros territorios"), "countries": groups[None]})
    for group in result:
        group["selected"] = sum(1 for c in group["countries"] if c["checked"])
    return result


@method_decorator(login_required, name="dispatch")
class ProfileEditView(View):
    """/municipios/<cvegeo>/vitrina/: the showcase's form, its photos, and where the public sees it."""

    @staticmethod
    def _selected(form: ProfileForm, name: str) -> set[str]:
        value = form.data.getlist(name) if form.is_bound else form.initial.get(name, [])
        return {str(v) for v in value}

    def render_page(self, request, municipality, form, photo_form=None, status: int = 200):
        photos = list(selectors.photos_of(municipality.pk))
        context = {
            "municipality": municipality,
            "form": form,
            "photo_form": photo_form or PhotoForm(existing=len(photos)),
            "photos": photos,
            "max_photos": MunicipalityPhoto.MAX_PER_MUNICIPALITY,
            "country_groups": country_groups(form.catalogs, self._selected(form, "desired_countries")),
            "public_url": reverse("registry:municipality", args=[municipality.pk]) + "#vitrina",
        }
        return render(request, "showcase/profile_edit.html", context, status=status)

    @staticmethod
    def form_for(request, municipality, data=None) -> ProfileForm:
        profile = selectors.profile_with_interests(municipality.pk)
        return ProfileForm(
            data,
            catalogs=world_catalog.for_request(request),
            initial=ProfileForm.initial_from(municipality, profile),
        )

    def get(self, request, cvegeo: str):
        municipality = editable_municipality(request, cvegeo)
        return self.render_page(request, municipality, self.form_for(request, municipality))

    def post(self, request, cvegeo: str):
        municipality = editable_municipality(request, cvegeo)
        form = self.form_for(request, municipality, request.POST)
        if not form.is_valid():
            return self.render_page(request, municipality, form, status=400)
        services.profile_update(municipality=municipality, data=form.cleaned_data, by=request.user)
        messages.success(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("Se guardó la vitrina internacional."),
                reverse("registry:municipality", args=[cvegeo]) + "#vitrina",
                _("Verla como la ve el público"),
            ),
        )
        return redirect("showcase:edit", cvegeo=cvegeo)


@login_required
@require_POST
def photo_add(request: HttpRequest, cvegeo: str) -> HttpResponse:
    municipality = editable_municipality(request, cvegeo)
    existing = selectors.photos_of(cvegeo).count()
    photo_form = PhotoForm(request.POST, request.FILES, existing=existing)
    if not photo_form.is_valid():
        view = ProfileEditView()
        form = view.form_for(request, municipality)
        return view.render_page(request, municipality, form, photo_form=photo_form, status=400)
    try:
        services.photo_add(
            municipality=municipality,
            checked=photo_form.checked,
            caption=photo_form.cleaned_data["caption"],
            credit=photo_form.cleaned_data["credit"],
            by=request.user,
        )
    except services.PhotoLimitReached:
        messages.error(request, _("La vitrina ya tiene el máximo de fotos. Borre una antes de subir otra."))
        return redirect(reverse("showcase:edit", args=[cvegeo]) + "#fotos")
    messages.success(request, _("Se agregó la foto a la vitrina."))
    return redirect(reverse("showcase:edit", args=[cvegeo]) + "#fotos")


@login_required
@require_POST
def photo_delete(request: HttpRequest, cvegeo: str, pk: int) -> HttpResponse:
    editable_municipality(request, cvegeo)
    photo = get_object_or_404(MunicipalityPhoto, pk=pk, municipality_id=cvegeo)
    services.photo_delete(photo=photo, by=request.user)
    messages.success(request, _("Se borró la foto «%(caption)s».") % {"caption": photo.caption})
    return redirect(reverse("showcase:edit", args=[cvegeo]) + "#fotos")


@require_GET
@cache_control(public=True, max_age=24 * 3600)
def photo(request: HttpRequest, cvegeo: str, pk: int) -> FileResponse:
    """A showcase photo (public, like the showcase): only through its own municipality's address."""
    found = get_object_or_404(MunicipalityPhoto, pk=pk, municipality_id=cvegeo)
    try:
        handle = found.image.open("rb")
    except FileNotFoundError:
        raise Http404(_("La foto ya no está disponible.")) from None
    return FileResponse(handle, content_type="image/jpeg")


@require_GET
@cache_control(public=True, max_age=3600)
def card(request: HttpRequest, cvegeo: str) -> HttpResponse:
    """The preview image of the municipality's page when its link is shared (Open Graph)."""
    municipality = get_object_or_404(Municipality.objects.select_related("state"), pk=cvegeo)
    profile = selectors.profile_with_interests(cvegeo)
    stamp = profile.updated_at.isoformat() if profile else ""
    key = cache_key(request_version(request), "vitrina-card", cvegeo, get_language(), stamp)
    png = cache.get(key)
    if png is None:
        png = render_card(**card_text(municipality, profile))
        cache.set(key, png, 24 * 3600)
    return HttpResponse(png, content_type="image/png")


def card_text(municipality: Municipality, profile: MunicipalityProfile | None) -> dict:
    counts = (
        public_agreements()
        .filter(municipality_id=municipality.pk)
        .aggregate(total=Count("pk"), countries=Count("country", distinct=True))
    )
    facts = []
    if counts["total"]:
        # Two plurals: "3 acuerdos … con 1 país" needs each number to choose its own word.
        agreements = ngettext(
            "%(n)s acuerdo o relación conocida", "%(n)s acuerdos o relaciones conocidas", counts["total"]
        ) % {"n": number_format(counts["total"], force_grouping=True)}
        countries = ngettext("%(n)s país", "%(n)s países", counts["countries"]) % {"n": counts["countries"]}
        facts.append(
            _("%(agreements)s con %(countries)s") % {"agreements": agreements, "countries": countries}
        )
    if profile and profile.offers:
        labels = dict(MunicipalityProfile.Offer.choices)
        offers = ", ".join(str(labels[o]).lower() for o in profile.offers if o in labels)
        facts.append(_("Ofrece: %(offers)s") % {"offers": offers})
    if profile and profile.desired_countries.all():
        names = ", ".join(c.name for c in list(profile.desired_countries.all())[:4])
        facts.append(_("Busca socios en: %(countries)s") % {"countries": names})
    if municipality.population_2020:
        facts.append(
            _("%(n)s habitantes (censo 2020)")
            % {"n": number_format(municipality.population_2020, force_grouping=True)}
        )
    return {
        "kicker": _("Vitrina internacional · Ciberparadiplomacia"),
        "title": municipality.name,
        "subtitle": municipality.state.name,
        "facts": facts,
        "footer": _("Municipio de México · acuerdos, intereses y contacto"),
    }
