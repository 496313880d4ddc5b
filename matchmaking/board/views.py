"""Thin views of the partner-seeking board /buscan-socio/ (reads in selectors.py, writes in services.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET, require_POST

from matchmaking.board import permissions as board_permissions
from matchmaking.board import selectors as board_selectors
from matchmaking.board import services as board
from matchmaking.board import spam as board_spam
from matchmaking.board.forms import FilterForm, PartnerRequestForm, ReplyForm
from matchmaking.models import PartnerRequest
from municipalities.catalog import mexico_catalog
from partners.catalog import WorldCatalog, world_catalog
from partners.models import Country, Region

PAGE_SIZE = 20


def country_of(catalogs: WorldCatalog, iso2: str) -> Country:
    """A Country with its region codes, from the catalogues (no query)."""
    info = catalogs.countries[iso2]
    return Country(pk=iso2, region_id=info.region_code, subregion_id=info.subregion_code)


@require_GET
def board_list(request: HttpRequest) -> HttpResponse:
    catalogs = world_catalog.for_request(request)
    form = FilterForm(request.GET or None, catalogs=catalogs, mexico=mexico_catalog.for_request(request))
    status, page, active = 200, None, {}
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        data = form.cleaned_data if form.is_bound else {}
        queryset = board_selectors.filtered(
            board_selectors.with_related(board_selectors.published()),
            country=country_of(catalogs, data["country"]) if data.get("country") else None,
            region=Region(pk=data["region"]) if data.get("region") else None,
            theme=data.get("theme", ""),
            state=data.get("state", ""),
        ).order_by("-created_at", "-pk")
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
        active = form.active() if form.is_bound else {}
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "active": active,
        "query": query.urlencode(),
        "managed": board_selectors.requests_managed_by(request.user),
        "can_publish": bool(board_permissions.publishable_municipalities(request.user)),
        "today": timezone.localdate(),
    }
    return render(request, "matchmaking/board/list.html", context, status=status)


@method_decorator(login_required, name="dispatch")
class RequestFormView(View):
    """Publish a request (no pk) or edit one (pk): officials of its municipality only."""

    def dispatch(self, request, pk: int | None = None):
        self.municipalities = board_permissions.publishable_municipalities(request.user)
        self.partner_request = None
        if pk is not None:
            found = board_selectors.with_related(PartnerRequest.objects.filter(pk=pk)).first()
            if found is None or not board_permissions.can_manage(request.user, found):
                raise Http404(_("No existe esa solicitud, o no es de su municipio."))
            self.partner_request = found
            self.municipalities = [found.municipality]
        elif not self.municipalities:
            raise PermissionDenied(_("Sólo el personal de un municipio publica solicitudes."))
        return super().dispatch(request, pk=pk)

    def form(self, data=None) -> PartnerRequestForm:
        return PartnerRequestForm(
            data,
            catalogs=world_catalog.for_request(self.request),
            municipalities=self.municipalities,
            initial=self.initial(),
        )

    def initial(self) -> dict:
        found = self.partner_request
        if found is not None:
            return {
                "municipality": found.municipality_id,
                "title": found.title,
                "description": found.description,
                "country": found.country_id or "",
                "region": found.region_id or "",
                "themes": [t.pk for t in found.themes.all()],
                "expires_on": found.expires_on,
            }
        catalogs = world_catalog.for_request(self.request)
        wanted = self.request.GET.get("municipio", "")
        country = self.request.GET.get("pais", "")
        return {
            "municipality": wanted
            if wanted in {m.pk for m in self.municipalities}
            else self.municipalities[0].pk,
            "country": country if country in catalogs.countries else "",
            "expires_on": PartnerRequestForm.default_expiry(),
        }

    def show(self, form, status: int = 200):
        context = {"form": form, "partner_request": self.partner_request}
        return render(self.request, "matchmaking/board/form.html", context, status=status)

    def get(self, request, pk=None):
        return self.show(self.form())

    def post(self, request, pk=None):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.show(form, status=400)
        if self.partner_request is None:
            saved = board.request_create(
                municipality=form.cleaned_data["municipality"], data=form.cleaned_data, by=request.user
            )
            messages.success(request, _("Se publicó su solicitud en «Buscan socio»."))
        else:
            saved = board.request_update(
                partner_request=self.partner_request, data=form.cleaned_data, by=request.user
            )
            messages.success(request, _("Se guardaron los cambios de la solicitud."))
        return redirect("board:detail", pk=saved.pk)


@login_required
@require_POST
def request_close(request: HttpRequest, pk: int) -> HttpResponse:
    found = PartnerRequest.objects.select_related("municipality").filter(pk=pk).first()
    if found is None or not board_permissions.can_manage(request.user, found):
        raise Http404(_("No existe esa solicitud, o no es de su municipio."))
    board.request_close(partner_request=found, by=request.user)
    messages.success(request, _("La solicitud se cerró: ya no aparece en el tablero."))
    return redirect("board:detail", pk=pk)


def published_or_404(pk: int) -> PartnerRequest:
    found = board_selectors.with_related(PartnerRequest.objects.filter(pk=pk)).first()
    if found is None or not found.is_published(timezone.localdate()):
        raise Http404(_("Esa solicitud no existe, venció o se cerró."))
    return found


def show_detail(request, partner_request, *, form=None, token=None, refusal=None, status=200):
    manages = board_permissions.can_manage(request.user, partner_request)
    published = partner_request.is_published(timezone.localdate())
    if form is None and published and not manages:
        form = ReplyForm(catalogs=world_catalog.for_request(request))
    context = {
        "partner_request": partner_request,
        "manages": manages,
        "published": published,
        "replies": board_selectors.replies_to(partner_request) if manages else [],
        "form": form,
        "token": token or board_spam.reply_token(partner_request.pk),
        "refusal": refusal,
    }
    return render(request, "matchmaking/board/detail.html", context, status=status)


@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = board_selectors.request_for_viewer(request.user, pk)
    if found is None:
        raise Http404(_("Esa solicitud no existe, venció o se cerró."))
    return show_detail(request, found)


@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    """The public answer: rate limit, honeypot, time token, then the form's own validation."""
    partner_request = published_or_404(pk)
    form = ReplyForm(request.POST, catalogs=world_catalog.for_request(request))
    posted_token = request.POST.get("token", "")
    address = board_spam.client_address(request)
    try:
        board_spam.check_rate(address)
        board_spam.check_honeypot(request.POST.get("website", ""))
        board_spam.check_token(posted_token, pk)
    except board_spam.Refused as refused:
        # A token that is still good is kept: sent again a few seconds later, the form goes through.
        keep = refused.code in ("too_fast", "rate")
        return show_detail(
            request,
            partner_request,
            form=form,
            token=posted_token if keep else None,
            refusal=refused.message,
            status=refused.status,
        )
    if not form.is_valid():
        return show_detail(request, partner_request, form=form, token=posted_token, status=400)
    board.reply_submit(partner_request=partner_request, data=form.cleaned_data, language=get_language())
    board_spam.count_sent(address)
    messages.success(
        request,
        _("Su mensaje llegó a %(municipality)s. Le responderán a %(email)s.")
        % {"municipality": partner_request.municipality.name, "email": form.cleaned_data["email"]},
    )
    return redirect(reverse("board:sent", args=[pk]))


@require_GET
def reply_sent(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "matchmaking/board/sent.html", {"partner_request": published_or_404(pk)})
