"""The open API (read-only, public): /api/v1/agreements/, municipalities/, states/, countries/,
partner-cities/ and /api/v1/stats/<name>/, with the registry's filters under the same names as the pages."""

from __future__ import annotations

from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import StreamingHttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from agreements.models import Agreement, Theme
from core.versioning import cached, request_version
from matchmaking.suggestions import suggestions_for
from municipalities.models import Municipality, State
from partners.models import Country, PartnerCity
from registry import selectors, statistics
from registry.api import serializers
from registry.api.errors import RegistryAPIMixin
from registry.api.renderers import csv_lines
from registry.catalogs import request_catalogs
from registry.filters import (
    SORTS,
    AgreementFilterSet,
    CountryFilterSet,
    MunicipalityFilterSet,
    PartnerCityFilterSet,
)
from registry.params import normalize_params

CSV_CHUNK = 2_000


class RegistryPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_number(self, request, paginator):
        # Not a number at all is a bad parameter (400, as on /registro/); a page past the last stays a 404.
        number = super().get_page_number(request, paginator)
        if number not in self.last_page_strings and (not str(number).isdigit() or int(number) < 1):
            message = _("«%(page)s» no es un número de página: use 1, 2, 3…") % {"page": number}
            raise exceptions.ValidationError({self.page_query_param: [message]})
        return number


# --- OpenAPI: the parameters, typed once -------------------------------------------------------------------
def _enum(choices) -> list[str]:
    return [value for value, _label in choices]


FORMAT = OpenApiParameter(
    "format",
    str,
    enum=["json", "csv"],
    description="json (default) or csv: every row of the filtered result.",
)
AGREEMENT_FILTERS = [
    OpenApiParameter(
        "q", str, description="Words to find (accent-insensitive) in title, parties and themes."
    ),
    OpenApiParameter("state", str, description="INEGI state code, 01–32."),
    OpenApiParameter("municipality", str, description="INEGI cvegeo of the municipality (5 digits)."),
    OpenApiParameter("country", str, description="ISO 3166-1 alpha-2 code of the counterpart's country."),
    OpenApiParameter("region", str, description="UN M49 code: matches the country's region or sub-region."),
    OpenApiParameter("type", str, enum=_enum(Agreement.Type.choices)),
    OpenApiParameter("theme", str, enum=_enum(Theme.Code.choices)),
    OpenApiParameter("level", str, enum=_enum(Agreement.Level.choices)),
    OpenApiParameter("status", str, enum=_enum(Agreement.Status.choices)),
    OpenApiParameter("source", str, enum=_enum(Agreement.Source.choices)),
    OpenApiParameter("year_from", int, description="First year of signature (1900–2100)."),
    OpenApiParameter("year_to", int, description="Last year of signature (1900–2100)."),
]
SORT = OpenApiParameter("sort", str, enum=list(SORTS), description="Order of the rows (default -signed_on).")
CATALOG_FILTERS = [
    OpenApiParameter("q", str, description="Part of the name."),
    OpenApiParameter("has_agreements", bool),
]
ERRORS = {
    400: OpenApiResponse(serializers.ErrorSerializer, description="Invalid parameters."),
    404: OpenApiResponse(serializers.ErrorSerializer, description="No such object or page."),
    429: OpenApiResponse(
        serializers.ErrorSerializer, description="Too many requests (anonymous throttling)."
    ),
}


def _count(model, field: str):
    """Agreements per row, as a correlated COUNT: an index lookup per row shown, not a join of the table."""
    counted = (
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _has_agreements(field: str):
    return Exists(Agreement.objects.filter(**{field: OuterRef("pk")}))


def _with_agreements(queryset, field: str):
    """A catalogue queryset with `agreement_count` and `has_agreements` (for the filter of that name)."""
    return queryset.annotate(agreement_count=_count(Agreement, field), has_agreements=_has_agreements(field))


class CSVListMixin:
    """?format=csv answers with every row of the filtered result, streamed, from values_list() (fast)."""

    csv_columns: list[tuple[str, str]] = []  # (header, values_list path)
    csv_filename = "datos.csv"

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format != "csv":
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        response = StreamingHttpResponse(self.csv_rows(queryset), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.csv_filename}"'
        return response

    def csv_rows(self, queryset):
        paths = [path for _header, path in self.csv_columns]
        rows = queryset.values_list(*paths).iterator(chunk_size=CSV_CHUNK)
        return csv_lines([header for header, _path in self.csv_columns], rows)


# --- Agreements --------------------------------------------------------------------------------------------
AGREEMENT_CSV_COLUMNS = [  # (header, key in the values() row)
    ("id", "pk"),
    ("registration_number", "registration_number"),
    ("title", "title"),
    ("type", "type"),
    ("type_label", "type_label"),
    ("level", "level"),
    ("state_code", "state_id"),
    ("state_name", "state__name"),
    ("municipality_cvegeo", "municipality_id"),
    ("municipality_name", "municipality__name"),
    ("mx_signatory_office", "mx_signatory_office"),
    ("counterpart_name", "counterpart_name"),
    ("counterpart_level", "counterpart_level"),
    ("partner_city_id", "partner_city_id"),
    ("partner_city_name", "partner_city__name"),
    ("country_iso2", "country_id"),
    ("country_name", "country__name"),
    ("signed_place", "signed_place"),
    ("signed_on", "signed_on"),
    ("dictamen_on", "dictamen_on"),
    ("registered_on", "registered_on"),
    ("valid_from", "valid_from"),
    ("valid_until", "valid_until"),
    ("themes", "themes"),
    ("status", "status"),
    ("status_label", "status_label"),
    ("languages", "languages"),
    ("source", "source"),
    ("source_label", "source_label"),
]


@extend_schema_view(
    list=extend_schema(
        summary="Agreements of the public registry",
        parameters=[*AGREEMENT_FILTERS, SORT, FORMAT],
        responses={
            200: serializers.AgreementSerializer(many=True),
            400: ERRORS[400],
            404: ERRORS[404],
            429: ERRORS[429],
        },
    ),
    retrieve=extend_schema(
        summary="One agreement",
        parameters=[FORMAT],
        responses={200: serializers.AgreementSerializer, 404: ERRORS[404], 429: ERRORS[429]},
    ),
)
class AgreementViewSet(RegistryAPIMixin, CSVListMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.AgreementSerializer
    filterset_class = AgreementFilterSet
    pagination_class = RegistryPagination
    csv_filename = "acuerdos.csv"

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format == "csv":
            return super().list(request, *args, **kwargs)
        # A page of results is kept per (registry version, language, address): the next/previous links
        # are absolute, so the host is part of the key.
        parent = super().list
        parts = (get_language(), request.build_absolute_uri("/"), tuple(sorted(request.query_params.lists())))
        data = cached(
            request_version(request), "api-agreements", parts, lambda: parent(request, *args, **kwargs).data
        )
        return Response(data)

    def get_queryset(self):
        # Themes in one more query for the page (a CSV fetches them per chunk instead).
        return (
            selectors.public_agreements().select_related(*selectors.LIST_RELATED).prefetch_related("themes")
        )

    def csv_rows(self, queryset):
        country_name = "country__name_en" if (get_language() or "").startswith("en") else "country__name_es"
        labels = {
            field: {value: str(label) for value, label in choices}
            for field, choices in [
                ("type", Agreement.Type.choices),
                ("status", Agreement.Status.choices),
                ("source", Agreement.Source.choices),
            ]
        }
        computed = {"themes", "country__name", "type_label", "status_label", "source_label"}
        paths = [path for _header, path in AGREEMENT_CSV_COLUMNS if path not in computed]
        values = queryset.prefetch_related(None).values(*paths, country_name).iterator(chunk_size=CSV_CHUNK)

        def rows():
            for chunk in _chunks(values, CSV_CHUNK):
                themes = _themes_of([row["pk"] for row in chunk])
                for row in chunk:
                    row["themes"] = themes.get(row["pk"], [])
                    row["country__name"] = row.pop(country_name)
                    for field, names in labels.items():
                        row[f"{field}_label"] = names.get(row[field], row[field])
                    yield [row[path] for _header, path in AGREEMENT_CSV_COLUMNS]

        return csv_lines([header for header, _path in AGREEMENT_CSV_COLUMNS], rows())


def _chunks(iterable, size: int):
    chunk: list = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _themes_of(ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    if not ids:
        return found
    through = Agreement.themes.through.objects.filter(agreement_id__in=ids).order_by(
        "agreement_id", "theme_id"
    )
    for agreement_id, theme in through.values_list("agreement_id", "theme_id"):
        found.setdefault(agreement_id, []).append(theme)
    return found


# --- Catalogues --------------------------------------------------------------------------------------------
def _catalog_schema(serializer, filters: list[OpenApiParameter], lookup: str):
    return extend_schema_view(
        list=extend_schema(
            parameters=[*filters, *CATALOG_FILTERS, FORMAT],
            responses={200: serializer(many=True), 400: ERRORS[400], 404: ERRORS[404], 429: ERRORS[429]},
        ),
        retrieve=extend_schema(
            parameters=[OpenApiParameter(lookup, str, OpenApiParameter.PATH)],
            responses={200: serializer, 404: ERRORS[404], 429: ERRORS[429]},
        ),
    )


@_catalog_schema(serializers.StateSerializer, [], "code")
class StateViewSet(RegistryAPIMixin, CSVListMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.StateSerializer
    filterset_class = None
    pagination_class = RegistryPagination
    lookup_field = "code"
    lookup_value_regex = "[0-9]{2}"
    csv_filename = "estados.csv"
    csv_columns = [
        ("code", "code"),
        ("name", "name"),
        ("abbreviation", "abbreviation"),
        ("population", "population"),
        ("municipality_count", "municipality_count"),
        ("agreement_count", "agreement_count"),
    ]

    def get_queryset(self):
        return State.objects.annotate(
            population=Coalesce(Sum("municipalities__population_2020"), Value(0)),
            municipality_count=Count("municipalities"),
            agreement_count=_count(Agreement, "state"),
        ).order_by("code")


@_catalog_schema(
    serializers.MunicipalitySerializer,
    [OpenApiParameter("state", str, description="INEGI state code.")],
    "cvegeo",
)
class MunicipalityViewSet(RegistryAPIMixin, CSVListMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.MunicipalitySerializer
    filterset_class = MunicipalityFilterSet
    pagination_class = RegistryPagination
    lookup_field = "cvegeo"
    lookup_value_regex = "[0-9]{5}"
    csv_filename = "municipios.csv"
    csv_columns = [
        ("cvegeo", "cvegeo"),
        ("name", "name"),
        ("state_code", "state_id"),
        ("state_name", "state__name"),
        ("seat_name", "seat_name"),
        ("population_2020", "population_2020"),
        ("latitude", "latitude"),
        ("longitude", "longitude"),
        ("agreement_count", "agreement_count"),
    ]

    def get_queryset(self):
        return _with_agreements(Municipality.objects.select_related("state"), "municipality").order_by(
            "cvegeo"
        )

    @extend_schema(
        summary="Partner suggestions for a municipality, best first",
        description="Foreign partner cities the matchmaker suggests for the municipality, with the reasons. "
        "Cities it is already tied to are left out.",
        parameters=[
            OpenApiParameter("cvegeo", str, OpenApiParameter.PATH, description="INEGI cvegeo (5 digits)."),
            OpenApiParameter("limit", int, description="How many suggestions, 1–100 (default 20)."),
        ],
        responses={
            200: serializers.PartnerSuggestionSerializer(many=True),
            400: ERRORS[400],
            404: ERRORS[404],
            429: ERRORS[429],
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="partner-suggestions",
        filterset_class=None,
        pagination_class=None,
        renderer_classes=[JSONRenderer],
    )
    def partner_suggestions(self, request, cvegeo: str):
        query = serializers.PartnerSuggestionQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        if cvegeo not in request_catalogs(request).municipalities:
            raise exceptions.NotFound(_("No existe un municipio con esa clave geoestadística."))
        found = suggestions_for(cvegeo, limit=query.validated_data["limit"], version=request_version(request))
        return Response(serializers.PartnerSuggestionSerializer(found, many=True).data)


@_catalog_schema(
    serializers.CountrySerializer,
    [OpenApiParameter("region", str, description="UN M49 region code.")],
    "iso2",
)
class CountryViewSet(RegistryAPIMixin, CSVListMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.CountrySerializer
    filterset_class = CountryFilterSet
    pagination_class = RegistryPagination
    lookup_field = "iso2"
    lookup_value_regex = "[A-Z]{2}"
    csv_filename = "paises.csv"
    csv_columns = [
        ("iso2", "iso2"),
        ("iso3", "iso3"),
        ("name_es", "name_es"),
        ("name_en", "name_en"),
        ("region", "region_id"),
        ("subregion", "subregion_id"),
        ("agreement_count", "agreement_count"),
    ]

    def get_queryset(self):
        return _with_agreements(Country.objects.select_related("region", "subregion"), "country").order_by(
            "iso2"
        )


@_catalog_schema(
    serializers.PartnerCitySerializer,
    [OpenApiParameter("country", str, description="ISO 3166-1 alpha-2.")],
    "id",
)
class PartnerCityViewSet(RegistryAPIMixin, CSVListMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.PartnerCitySerializer
    filterset_class = PartnerCityFilterSet
    pagination_class = RegistryPagination
    lookup_value_regex = "[0-9]+"
    csv_filename = "ciudades-extranjeras.csv"
    csv_columns = [
        ("id", "pk"),
        ("geonames_id", "geonames_id"),
        ("name", "name"),
        ("country_iso2", "country_id"),
        ("admin1_code", "admin1_code"),
        ("population", "population"),
        ("latitude", "latitude"),
        ("longitude", "longitude"),
        ("agreement_count", "agreement_count"),
    ]

    def get_queryset(self):
        return _with_agreements(PartnerCity.objects.select_related("country"), "partner_city").order_by(
            "name", "pk"
        )


# --- Statistics --------------------------------------------------------------------------------------------
class StatisticView(RegistryAPIMixin, APIView):
    @extend_schema(
        summary="A statistic of the registry, with the registry's filters",
        parameters=[
            OpenApiParameter("name", str, OpenApiParameter.PATH, enum=list(statistics.STATISTICS)),
            *AGREEMENT_FILTERS,
            FORMAT,
        ],
        responses={
            (200, "application/json"): serializers.StatisticSerializer,
            (200, "text/csv"): OpenApiTypes.STR,
            400: ERRORS[400],
            404: ERRORS[404],
            429: ERRORS[429],
        },
    )
    def get(self, request, name: str):
        if name not in statistics.STATISTICS:
            raise exceptions.NotFound(
                _("No hay una estadística «%(name)s». Las disponibles: %(names)s.")
                % {"name": name, "names": ", ".join(statistics.STATISTICS)}
            )
        params = normalize_params(request.query_params)
        params.pop("page", None)
        params.pop("sort", None)
        version = request_version(request)

        def build() -> dict:
            filterset = AgreementFilterSet(params, request=request, catalogs=request_catalogs(request))
            if not filterset.is_valid():
                return {
                    "errors": {name: [str(m) for m in msgs] for name, msgs in filterset.form.errors.items()}
                }
            statistic = statistics.STATISTICS[name]
            total, rows = statistic.compute(filterset.qs, filterset.catalogs)
            return {
                "name": name,
                "title": str(statistic.title),
                "filters": {key: str(value) for key, value in filterset.active_filters().items()},
                "total": total,
                "columns": [{"key": key, "label": str(label)} for key, label in statistic.columns],
                "rows": rows,
            }

        data = cached(version, f"api-stat-{name}", (get_language(), tuple(sorted(params.items()))), build)
        if "errors" in data:
            raise exceptions.ValidationError(data["errors"])
        response = Response(data)
        if request.accepted_renderer.format == "csv":
            response["Content-Disposition"] = f'attachment; filename="estadistica-{name}.csv"'
        return response
