"""The one definition of the registry's filters, shared by the registry browser, the statistics (page and
downloads) and the open API, under the names the API documents: q, state, municipality, country, region, type,
theme, level, status, source, year_from, year_to (and sort)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, Theme
from core.text import normalize
from core.versioning import current_version
from registry import selectors
from registry.catalogs import Catalogs, get_catalogs, request_catalogs

FILTER_NAMES = [
    "q",
    "state",
    "municipality",
    "country",
    "region",
    "type",
    "theme",
    "level",
    "status",
    "source",
    "year_from",
    "year_to",
]
YEAR_MIN, YEAR_MAX = 1900, 2100
Q_MAX_LENGTH = 200

SORTS: dict[str, tuple[str, list]] = {
    "-signed_on": (
        _("Firma más reciente primero"),
        [F("signed_on").desc(nulls_last=True), "title", "pk"],
    ),
    "signed_on": (_("Firma más antigua primero"), [F("signed_on").asc(nulls_last=True), "title", "pk"]),
    "title": (_("Título (A–Z)"), ["title", "pk"]),
    "municipality": (
        _("Municipio (A–Z)"),
        [F("municipality__name").asc(nulls_last=True), "state__name", "title", "pk"],
    ),
    "country": (_("País (A–Z)"), ["country__name_es", "title", "pk"]),
}
DEFAULT_SORT = "-signed_on"


class AgreementFilterForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        data = super().clean()
        year_from, year_to = data.get("year_from"), data.get("year_to")
        if year_from is not None and year_to is not None and year_from > year_to:
            self.add_error(
                "year_to",
                _("El año final (%(to)s) es anterior al inicial (%(from)s).")
                % {"to": year_to, "from": year_from},
            )
        return data


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


def _invalid(message) -> dict:
    return {"invalid_choice": message}


def _state_filter(**kwargs) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        field_name="state",
        label=_("Estado"),
        error_messages=_invalid(_("«%(value)s» no es una clave de estado del INEGI (de 01 a 32).")),
        **kwargs,
    )


def _country_filter(label=None, **kwargs) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        field_name="country",
        label=label or _("País"),
        error_messages=_invalid(_("«%(value)s» no es un código de país ISO 3166-1 alfa-2 del catálogo.")),
        **kwargs,
    )


def _region_filter(**kwargs) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        method="filter_region",
        label=_("Región del mundo (ONU M49)"),
        error_messages=_invalid(_("«%(value)s» no es un código de región o subregión M49 del catálogo.")),
        **kwargs,
    )


# Filters whose choices are the catalogue codes of this registry version, in the active language: filled in
# by plain functions, not bound methods (Django deep-copies form fields, and a bound method would drag the
# catalogues along).
CATALOG_CHOICES = {
    "state": lambda catalogs: catalogs.state_choices(),
    "country": lambda catalogs: catalogs.country_choices(),
    "region": lambda catalogs: catalogs.region_choices(),
    "municipality": lambda catalogs: [(code, code) for code in catalogs.municipalities],
}


def _bind_catalog_choices(filterset: django_filters.FilterSet, catalogs: Catalogs) -> None:
    for name, choices in CATALOG_CHOICES.items():
        if name in filterset.filters:
            filterset.filters[name].extra["choices"] = lambda choices=choices: choices(catalogs)


def _filter_region(queryset: QuerySet, catalogs: Catalogs, code: str, field: str) -> QuerySet:
    """Countries whose M49 region or sub-region is `code`, through the catalogue: no join in the query."""
    return queryset.filter(**{f"{field}__in": catalogs.countries_in_region(code)})


class AgreementFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Buscar"),
        max_length=Q_MAX_LENGTH,
        help_text=_("Título, municipio, estado, contraparte, país o tema; sin importar acentos."),
        error_messages={
            "max_length": _("La búsqueda admite hasta %(limit_value)d caracteres (tiene %(show_value)d).")
        },
    )
    state = _state_filter(empty_label=_("Todos los estados"))
    municipality = django_filters.ChoiceFilter(
        field_name="municipality",
        label=_("Municipio"),
        empty_label=_("Todos los municipios"),
        error_messages=_invalid(
            _("«%(value)s» no es la clave geoestadística (cinco dígitos) de un municipio del catálogo.")
        ),
    )
    country = _country_filter(label=_("País contraparte"), empty_label=_("Todos los países"))
    region = _region_filter(empty_label=_("Todas las regiones"))
    type = django_filters.ChoiceFilter(
        choices=Agreement.Type.choices,
        label=_("Tipo"),
        empty_label=_("Todos los tipos"),
        error_messages=_invalid(
            _("«%(value)s» no es un tipo de acuerdo: use hermanamiento, cooperacion o memorando.")
        ),
    )
    theme = django_filters.ChoiceFilter(
        field_name="themes",
        choices=Theme.Code.choices,
        label=_("Tema"),
        empty_label=_("Todos los temas"),
        error_messages=_invalid(_("«%(value)s» no es un tema del catálogo.")),
    )
    level = django_filters.ChoiceFilter(
        choices=Agreement.Level.choices,
        label=_("Nivel de la parte mexicana"),
        empty_label=_("Municipal y estatal"),
        error_messages=_invalid(_("«%(value)s» no es un nivel: use municipio o estado.")),
    )
    status = django_filters.ChoiceFilter(
        choices=Agreement.Status.choices,
        label=_("Situación"),
        empty_label=_("Cualquier situación"),
        error_messages=_invalid(
            _("«%(value)s» no es una situación: use vigente, concluido, terminado o desconocido.")
        ),
    )
    source = django_filters.ChoiceFilter(
        choices=Agreement.Source.choices,
        label=_("Fuente"),
        empty_label=_("Todas las fuentes"),
        error_messages=_invalid(_("«%(value)s» no es una fuente: use rai, public_record o synthetic.")),
    )
    year_from = YearFilter(
        field_name="signed_on",
        lookup_expr="year__gte",
        label=_("Desde (año)"),
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages={
            "invalid": _("El año inicial debe ser un número entero, por ejemplo 2010."),
            "min_value": _("El año inicial debe ser %(limit_value)s o posterior."),
            "max_value": _("El año inicial debe ser %(limit_value)s o anterior."),
        },
    )
    year_to = YearFilter(
        field_name="signed_on",
        lookup_expr="year__lte",
        label=_("Hasta (año)"),
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages={
            "invalid": _("El año final debe ser un número entero, por ejemplo 2024."),
            "min_value": _("El año final debe ser %(limit_value)s o posterior."),
            "max_value": _("El año final debe ser %(limit_value)s o anterior."),
        },
    )
    sort = django_filters.ChoiceFilter(
        method="filter_sort",
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
        label=_("Ordenar por"),
        empty_label=None,
        error_messages=_invalid(
            _("«%(value)s» no es un orden: use -signed_on, signed_on, title, municipality o country.")
        ),
    )

    class Meta:
        model = Agreement
        fields: list[str] = []
        form = AgreementFilterForm

    def __init__(self, data=None, queryset=None, *, request: HttpRequest | None = None, catalogs=None, **kw):
        if queryset is None:
            queryset = selectors.public_agreements()
        super().__init__(data, queryset, request=request, **kw)
        if catalogs is None:
            catalogs = request_catalogs(request) if request is not None else get_catalogs(current_version())
        self.catalogs: Catalogs = catalogs
        _bind_catalog_choices(self, catalogs)

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return selectors.search_filter(queryset, value, version=self.catalogs.version)

    def filter_region(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _filter_region(queryset, self.catalogs, value, "country")

    def filter_sort(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset  # applied last, in filter_queryset, so the default applies too

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        return queryset.order_by(*SORTS[self.form.cleaned_data.get("sort") or DEFAULT_SORT][1])

    # --- helpers for views and the API ---------------------------------------------------------------
    def active_filters(self) -> dict[str, Any]:
        """The valid filters that are set, in the documented order (for cache keys, links and JSON)."""
        data = self.form.cleaned_data
        return {name: data[name] for name in FILTER_NAMES if data.get(name) not in (None, "")}

    def error_list(self) -> list[tuple[str, str, str]]:
        """(parameter, its label, message) for every invalid parameter."""
        found = []
        for name, messages in self.form.errors.items():
            label = self.filters[name].label if name in self.filters else ""
            found.extend((name, str(label), str(message)) for message in messages)
        return found


def filter_description(filters: dict[str, Any], catalogs: Catalogs) -> list[tuple[str, str, str]]:
    """(parameter, label, human value) of the active filters, for the "filtros activos" list."""
    labels = AgreementFilterSet.base_filters
    shown = []
    for name, value in filters.items():
        text = str(value)
        if name == "state" and value in catalogs.states:
            text = catalogs.states[value].name
        elif name == "municipality" and value in catalogs.municipalities:
            muni = catalogs.municipalities[value]
            state = catalogs.states.get(muni.state_code)
            text = f"{muni.name}, {state.name}" if state else muni.name
        elif name == "country" and value in catalogs.countries:
            text = catalogs.countries[value].name
        elif name == "region" and value in catalogs.regions:
            text = catalogs.regions[value].name
        elif name in ("type", "theme", "level", "status", "source"):
            text = str(dict(labels[name].extra["choices"]).get(value, value))
        shown.append((name, str(labels[name].label), text))
    return shown


# --- Catalogue endpoints of the API -----------------------------------------------------------------------
class _CatalogFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Nombre"),
        max_length=100,
        error_messages={"max_length": _("El nombre admite hasta %(limit_value)d caracteres.")},
    )
    has_agreements = django_filters.ChoiceFilter(
        method="filter_has_agreements",
        choices=[("true", "true"), ("false", "false")],
        label=_("Con acuerdos"),
        error_messages=_invalid(_("«%(value)s» no vale aquí: use true o false.")),
    )

    def __init__(self, data=None, queryset=None, *, request: HttpRequest | None = None, **kw):
        super().__init__(data, queryset, request=request, **kw)
        self.catalogs = request_catalogs(request) if request is not None else get_catalogs(current_version())
        _bind_catalog_choices(self, self.catalogs)

    def filter_has_agreements(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(has_agreements=value == "true")

    def names(self) -> dict[str, list[str]]:
        """Code -> normalised names from the catalogue, for an accent-insensitive search on any database."""
        raise NotImplementedError

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        wanted = normalize(value)
        return queryset.filter(
            pk__in=[code for code, found in self.names().items() if any(wanted in n for n in found)]
        )


class MunicipalityFilterSet(_CatalogFilterSet):
    state = _state_filter()

    def names(self) -> dict[str, list[str]]:
        return {code: [normalize(m.name)] for code, m in self.catalogs.municipalities.items()}


class CountryFilterSet(_CatalogFilterSet):
    region = _region_filter()

    def names(self) -> dict[str, list[str]]:
        return {
            code: [normalize(c.name_es), normalize(c.name_en)] for code, c in self.catalogs.countries.items()
        }

    def filter_region(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _filter_region(queryset, self.catalogs, value, "pk")


class PartnerCityFilterSet(_CatalogFilterSet):
    country = _country_filter()

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # ~34,000 cities, not in the catalogue: a prefix match in the database
        return queryset.filter(name__istartswith=value)
