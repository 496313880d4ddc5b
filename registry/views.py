"""Public pages of the registry: browser, agreement, municipality, state, country, statistics.

Thin views: the filters (filters.py), reads (selectors.py, statistics.py) and drawing (maps.py, charts.py) do
the work. Expensive pages are rendered once per (registry version, language, parameters) and cached; the
version changes with every registry write (triggers.py), so nothing stale is ever served.
"""

from __future__ import annotations

from typing import Any

from babel import Locale
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views import View

from accounts.demo import DEMO_FLAG_CACHE_KEY
from agreements.models import Agreement
from core.versioning import CACHE_TIMEOUT, cache_key, cached, request_version
from registry import charts, maps, selectors, statistics
from registry.catalogs import Catalogs, request_catalogs
from registry.filters import AgreementFilterSet, filter_description
from registry.params import as_query, normalize_params
from registry.templatetags.registry_tags import percent

PAGE_SIZE = 25
# Stored keys (`lt2500`, `hermanamiento`, `public_record`) that the statistics page shows by their label only.
CODE_COLUMNS = {"band", "type", "theme", "source"}


def render_page(request: HttpRequest, page: dict[str, Any]) -> HttpResponse:
    """The site's frame (header, navigation, language switch) around a body rendered, maybe cached, before."""
    context = {
        "page_title": page["title"],
        "page_description": page.get("description", ""),
        "body": page["body"],
    }
    return TemplateResponse(request, "registry/page.html", context, status=page.get("status", 200))


def render_body(template: str, context: dict[str, Any], title: str, status: int = 200, **extra) -> dict:
    return {"title": title, "body": mark_safe(render_to_string(template, context)), "status": status, **extra}


class CachedPageView(View):
    """GET renders build() once per (version, language, key_parts) and serves it from the cache after."""

    cache_name = ""

    def key_parts(self, request: HttpRequest, **kwargs) -> tuple:
        return tuple(sorted(kwargs.items()))

    def build(self, request: HttpRequest, **kwargs) -> dict[str, Any]:
        raise NotImplementedError

    def get(self, request: HttpRequest, **kwargs) -> HttpResponse:
        version, language = request_version(request), get_language()
        # A visitor without cookies (first visit, crawler, script) gets the same bytes as every other: the
        # whole page is kept, keyed by its full address and the demo banner. Anyone with a cookie (session,
        # messages, CSRF) gets a fresh frame around the cached body instead.
        whole = not request.COOKIES
        if whole:
            html_key = cache_key(version, f"{self.cache_name}:html", language, request.get_full_path())
            found = cache.get_many([html_key, DEMO_FLAG_CACHE_KEY])
            if html_key in found and found[html_key][0] == found.get(DEMO_FLAG_CACHE_KEY):
                return HttpResponse(found[html_key][1])
        key = cache_key(version, self.cache_name, language, self.key_parts(request, **kwargs))
        page = cache.get(key)
        if page is None:
            page = self.build(request, **kwargs)
            if page.get("status", 200) == 200:  # error pages are cheap, and not worth keeping
                cache.set(key, page, CACHE_TIMEOUT)
        response = render_page(request, page)
        if whole and response.status_code == 200:
            response.render()
            demo = cache.get(DEMO_FLAG_CACHE_KEY)  # set by the context processor while rendering
            if demo is not None:
                cache.set(html_key, (demo, response.content), CACHE_TIMEOUT)
        return response


# --- Filters shared by the registry and the statistics ----------------------------------------------------
def bind_filters(request: HttpRequest, params: dict[str, str], catalogs: Catalogs) -> AgreementFilterSet:
    filterset = AgreementFilterSet(params, request=request, catalogs=catalogs)
    filterset.is_valid()
    form = filterset.form
    for name, field in form.fields.items():
        described = [f"help-{name}"] if field.help_text else []
        if name in form.errors:
            described.append(f"error-{name}")
            field.widget.attrs["aria-invalid"] = "true"
        if described:
            field.widget.attrs["aria-describedby"] = " ".join(described)
    form.fields["q"].widget.input_type = "search"
    # The synthetic benchmark data is offered only where there is some (a load test's database), labelled as
    # such by its choice's label; a link that asks for it still gets its (empty) answer.
    if params.get("source") != Agreement.Source.SYNTHETIC and not has_synthetic(request_version(request)):
        source = form.fields["source"]
        source.choices = [c for c in source.choices if c[0] not in ("", Agreement.Source.SYNTHETIC)]
    # The municipality list follows the chosen state (2,478 options at once would be of no use). The blank
    # option is the filter's own empty_label («Todos los municipios»); static/js/registry.js refills the list
    # from municipality_options when another state is chosen, and the form works without it as before.
    state = form.cleaned_data.get("state") if form.is_valid() else params.get("state")
    chosen = params.get("municipality")
    municipality = form.fields["municipality"]
    municipality.widget.attrs.update(
        {
            "data-options-url": reverse("registry:municipality-options"),
            "data-all-label": _("Todos los municipios"),
            "data-choose-label": _("Elija primero un estado"),
        }
    )
    if state in catalogs.states:
        municipality.choices = catalogs.municipality_choices(state)
    elif chosen in catalogs.municipalities:
        municipality.choices = [(chosen, catalogs.municipalities[chosen].name)]
    else:
        municipality.empty_label = _("Elija primero un estado")
        municipality.choices = []
        municipality.widget.attrs["disabled"] = True
    return filterset


def has_synthetic(version: str) -> bool:
    """Whether the registry holds synthetic rows: one query per registry version."""
    return cached(
        version, "has-synthetic", (), selectors.public_agreements().filter(source="synthetic").exists
    )


def municipality_options(request: HttpRequest) -> JsonResponse:
    """A state's municipalities, in the order of the filter's list: what registry.js fills the select with.

    From the catalogue of this registry version: no query beyond the version's."""
    catalogs = request_catalogs(request)
    state = request.GET.get("state", "")
    if state not in catalogs.states:
        raise Http404(_("No existe un estado con esa clave del INEGI."))
    municipalities = [{"cvegeo": code, "name": name} for code, name in catalogs.municipality_choices(state)]
    return JsonResponse({"state": state, "municipalities": municipalities})


def filter_context(filterset: AgreementFilterSet, params: dict[str, str], action: str) -> dict[str, Any]:
    valid = filterset.form.is_valid()
    active = filterset.active_filters() if valid else {}
    filter_params = {name: str(value) for name, value in active.items()}
    removable = [
        {
            "name": name,
            "label": label,
            "value": value,
            "url": action + as_query(filter_params, **{name: None}),
        }
        for name, label, value in filter_description(active, filterset.catalogs)
    ]
    return {
        "form": filterset.form,
        "errors": filterset.error_list(),
        "valid": valid,
        "active": removable,
        "filter_params": filter_params,
        "filter_query": as_query(filter_params),
        "action": action,
        "clear_url": action,
        "sort": params.get("sort", ""),
    }


def filtered_links(**filters: str) -> dict[str, str]:
    """The registry and the statistics with these filters: the links every profile page offers."""
    query = as_query(filters)
    return {
        "registry_url": reverse("registry:list") + query,
        "statistics_url": reverse("registry:statistics") + query,
    }


def mexico_choropleth(agreements_by_state: dict[str, int]) -> dict[str, Any]:
    return maps.choropleth(
        maps.mexico_map(),
        agreements_by_state,
        title=lambda shape, n: point_title(shape.name, n),
        url=lambda code: reverse("registry:state", args=[code]),
    )


def download_links(path: str, filter_params: dict[str, str]) -> dict[str, str]:
    return {
        "csv": path + as_query(filter_params, format="csv"),
        "json": path + as_query(filter_params, format="json"),
    }


# --- /registro/ --------------------------------------------------------------------------------------------
def point_title(name: str, n: int) -> str:
    return ngettext("%(name)s: %(n)d acuerdo", "%(name)s: %(n)d acuerdos", n) % {"name": name, "n": n}


class RegistryListView(CachedPageView):
    cache_name = "list"

    def key_parts(self, request: HttpRequest, **kwargs) -> tuple:
        return tuple(sorted(normalize_params(request.GET).items()))

    def build(self, request: HttpRequest, **kwargs) -> dict[str, Any]:
        params = normalize_params(request.GET)
        catalogs = request_catalogs(request)
        action = reverse("registry:list")
        filterset = bind_filters(request, params, catalogs)
        context = filter_context(filterset, params, action)
        title = _("Registro de acuerdos")
        if not context["valid"]:
            return render_body("registry/agreement_list.html", context, title, status=400)
        paginator = Paginator(filterset.qs.select_related(*selectors.LIST_RELATED), PAGE_SIZE)
        number = params.get("page", "1")
        if not number.isdigit() or int(number) < 1:
            context["page_error"] = _("«%(page)s» no es un número de página: use 1, 2, 3…") % {"page": number}
            return render_body("registry/agreement_list.html", context, title, status=400)
        if int(number) > max(paginator.num_pages, 1):
            context["page_error"] = ngettext(
                "La página %(page)s no existe: hay %(pages)d página con estos filtros.",
                "La página %(page)s no existe: hay %(pages)d páginas con estos filtros.",
                paginator.num_pages,
            ) % {"page": number, "pages": paginator.num_pages}
            context["first_page_url"] = action + as_query(context["filter_params"], sort=params.get("sort"))
            return render_body("registry/agreement_list.html", context, title, status=404)
        page = paginator.page(int(number))
        keep = {**context["filter_params"], "sort": params.get("sort")}
        context.update(
            page=page,
            count=paginator.count,
            pages=[
                {"number": n, "url": action + as_query(keep, page=n if n and n > 1 else None) if n else ""}
                for n in pagination_window(page.number, paginator.num_pages)
            ],
            previous_url=action + as_query(keep, page=page.number - 1 if page.number > 2 else None)
            if page.has_previous()
            else "",
            next_url=action + as_query(keep, page=page.number + 1) if page.has_next() else "",
            downloads=download_links(reverse("registry-api:agreement-list"), context["filter_params"]),
            statistics_url=reverse("registry:statistics") + context["filter_query"],
            sort_choices=filterset.filters["sort"].extra["choices"],
        )
        if page.number > 1:
            title = _("Registro de acuerdos, página %(page)s") % {"page": page.number}
        return render_body("registry/agreement_list.html", context, title)


def pagination_window(current: int, last: int, width: int = 2) -> list[int | None]:
    """1 … 4 5 [6] 7 8 … 20: None marks a gap."""
    shown = sorted({1, last, *range(max(1, current - width), min(last, current + width) + 1)})
    window: list[int | None] = []
    for number in shown:
        if window and number - (window[-1] or 0) > 1:
            window.append(None)
        window.append(number)
    return window


# --- /registro/<id>/ ---------------------------------------------------------------------------------------
class AgreementDetailView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        agreement = selectors.agreement_for_page(pk)
        if agreement is None:
            raise Http404(_("No hay un acuerdo público con ese número."))
        context = {
            "agreement": agreement,
            "documents": selectors.agreement_public_documents(agreement),
            "themes": list(agreement.themes.all()),
            "languages": [language_name(code) for code in agreement.languages or []],
        }
        page = render_body("registry/agreement_detail.html", context, agreement.title)
        page["description"] = _("Ficha pública del acuerdo: partes, fechas, vigencia, fuente y documentos.")
        return render_page(request, page)


def language_name(code: str) -> str:
    """An ISO 639-1 code as a name in the page's language (CLDR, through Babel), or the code itself."""
    locale = Locale("en") if (get_language() or "").startswith("en") else Locale("es", "MX")
    return locale.languages.get(str(code), str(code))


# --- /estados/<code>/ ---------------------------------------------------------------------------------------
class StateView(CachedPageView):
    cache_name = "state"

    def build(self, request: HttpRequest, code: str) -> dict[str, Any]:
        catalogs = request_catalogs(request)
        state = catalogs.states.get(code)
        if state is None:
            raise Http404(_("No existe un estado con esa clave del INEGI."))
        profile = selectors.state_profile(code, catalogs)
        mexico = maps.mexico_map()
        points = []
        for row in profile["municipalities"]:
            info = catalogs.municipalities[row["cvegeo"]]
            if info.latitude is not None and info.longitude is not None:
                x, y = mexico.point(info.longitude, info.latitude)
                url = reverse("registry:municipality", args=[row["cvegeo"]])
                points.append(maps.DrawnPoint(x, y, point_title(info.name, row["n"]), url, "home"))
        with_agreements = len(profile["municipalities"])
        context = {
            "state": state,
            "profile": profile,
            "with_agreements": with_agreements,
            "share": with_agreements / state.municipality_count if state.municipality_count else 0,
            "map": maps.plain(mexico, points, highlight=code, zoom=True),
            "country_bars": charts.bars(profile["countries"], "name", "agreements", limit=15),
            **filtered_links(state=code),
        }
        title = _("%(state)s: acuerdos internacionales de sus municipios") % {"state": state.name}
        return render_body("registry/state_detail.html", context, title)


# --- /paises/<iso2>/ ----------------------------------------------------------------------------------------
class CountryView(CachedPageView):
    cache_name = "country"

    def get(self, request: HttpRequest, iso2: str) -> HttpResponse:
        if iso2 != iso2.upper():
            return redirect("registry:country", iso2=iso2.upper(), permanent=True)
        return super().get(request, iso2=iso2)

    def build(self, request: HttpRequest, iso2: str) -> dict[str, Any]:
        catalogs = request_catalogs(request)
        country = catalogs.countries.get(iso2)
        if country is None:
            raise Http404(_("No existe un país con ese código ISO 3166-1."))
        profile = selectors.country_profile(iso2, catalogs)
        drawn = mexico_choropleth({row["code"]: row["agreements"] for row in profile["by_state"]})
        context = {
            "country": country,
            "region": catalogs.regions.get(country.region_code or ""),
            "subregion": catalogs.regions.get(country.subregion_code or ""),
            "profile": profile,
            "map": drawn,
            "states_with": [row for row in profile["by_state"] if row["agreements"]],
            **filtered_links(country=iso2),
        }
        title = _("%(country)s: sus vínculos con municipios de México") % {"country": country.name}
        return render_body("registry/country_detail.html", context, title)


# --- /estadisticas/ ---------------------------------------------------------------------------------------
class StatisticsView(CachedPageView):
    cache_name = "statistics"

    def key_parts(self, request: HttpRequest, **kwargs) -> tuple:
        return tuple(sorted(normalize_params(request.GET).items()))

    def build(self, request: HttpRequest, **kwargs) -> dict[str, Any]:
        params = normalize_params(request.GET)
        params.pop("page", None)
        catalogs = request_catalogs(request)
        action = reverse("registry:statistics")
        filterset = bind_filters(request, params, catalogs)
        context = filter_context(filterset, params, action)
        title = _("Estadísticas")
        if not context["valid"]:
            return render_body("registry/statistics.html", context, title, status=400)
        results = statistics.compute_all(filterset.qs, catalogs)
        context.update(statistics_context(results, catalogs, context["filter_params"]))
        context["registry_url"] = reverse("registry:list") + context["filter_query"]
        return render_body("registry/statistics.html", context, title)


def statistics_context(results: dict, catalogs: Catalogs, filter_params: dict[str, str]) -> dict[str, Any]:
    api = {name: reverse("registry-api:stats", args=[name]) for name in statistics.STATISTICS}
    sections = {
        name.replace("-", "_"): {
            "name": name,
            "title": statistics.STATISTICS[name].title,
            # the label next to each code says it for people; the downloads keep the codes, for programs
            "columns": [c for c in statistics.STATISTICS[name].columns if c[0] not in CODE_COLUMNS],
            "total": results[name][0],
            "rows": results[name][1],
            "downloads": download_links(api[name], filter_params),
        }
        for name in statistics.STATISTICS
    }
    total = results["by-type"][0]
    by_state = results["by-state"][1]
    by_country = results["by-country"][1]

    def state_url(row):
        return reverse("registry:state", args=[row["code"]])

    def country_url(row):
        return reverse("registry:country", args=[row["iso2"]])

    mexico = mexico_choropleth({row["code"]: row["agreements"] for row in by_state})
    world = maps.choropleth(
        maps.world_map(),
        {row["iso2"]: row["agreements"] for row in by_country},
        title=lambda shape, n: point_title(
            catalogs.countries[shape.id].name if shape.id in catalogs.countries else shape.name, n
        ),
        url=lambda iso2: reverse("registry:country", args=[iso2]),
    )
    bands = results["by-population-band"][1]
    return {
        "total": total,
        "sections": sections,
        "municipalities_with": sum(row["municipalities_with_agreements"] for row in by_state),
        "municipalities_total": sum(row["municipalities"] for row in by_state),
        "countries_with": len(by_country),
        "synthetic": next(
            row["agreements"] for row in results["by-source"][1] if row["source"] == "synthetic"
        ),
        "known": next(
            row["agreements"] for row in results["by-source"][1] if row["source"] == "public_record"
        ),
        "mexico": mexico,
        "world": world,
        "year_chart": charts.year_columns(results["by-year"][1]),
        "bands": bands,
        "charts": {
            "by_state": charts.bars(
                sorted(by_state, key=lambda r: -r["agreements"]), "name", "agreements", url=state_url
            ),
            "by_state_share": charts.bars(
                sorted(by_state, key=lambda r: -r["share_municipalities"]),
                "name",
                "share_municipalities",
                url=state_url,
                text=lambda r: percent(r["share_municipalities"]),
            ),
            "by_country": charts.bars(by_country, "name", "agreements", limit=20, url=country_url),
            "by_region": charts.bars(
                [row for row in results["by-region"][1] if row["level"] == "region"], "name", "agreements"
            ),
            "by_type": charts.bars(results["by-type"][1], "label", "agreements"),
            "by_theme": charts.bars(results["by-theme"][1], "label", "agreements"),
            "by_population_band": charts.bars(
                bands,
                "label",
                "share_municipalities",
                text=lambda r: percent(r["share_municipalities"]),
            ),
            "top_municipalities": charts.bars(
                results["top-municipalities"][1],
                "name",
                "agreements",
                url=lambda row: reverse("registry:municipality", args=[row["cvegeo"]]),
            ),
        },
    }
