from __future__ import annotations

from django.db.models import Choices
from django.urls import reverse
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agreements.models import Agreement
from municipalities.models import Municipality, State
from partners.models import Country, PartnerCity

_LABELS: dict[tuple[str, str], dict[str, str]] = {}


@extend_schema_field(OpenApiTypes.STR)
class ChoiceLabelField(serializers.Field):
    """A choice's label in the request's language, from a table made once per language and choice set.

    get_FOO_display() translates every label of the field on each call: on a page of 50 agreements that
    was 900 gettext calls and most of the response time.
    """

    def __init__(self, choices: type[Choices], **kwargs):
        self.choice_set = choices
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: str) -> str:
        key = (self.choice_set.__qualname__, get_language() or "")
        labels = _LABELS.get(key)
        if labels is None:
            labels = _LABELS[key] = {choice: str(label) for choice, label in self.choice_set.choices}
        return labels.get(value, value)


class StateRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class MunicipalityRefSerializer(serializers.Serializer):
    cvegeo = serializers.CharField()
    name = serializers.CharField()


class CountryRefSerializer(serializers.Serializer):
    iso2 = serializers.CharField()
    name = serializers.CharField(help_text="In the request's language (Accept-Language).")


class PartnerCityRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class RegionRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class AgreementSerializer(serializers.ModelSerializer):
    type_label = ChoiceLabelField(Agreement.Type, source="type")
    level_label = ChoiceLabelField(Agreement.Level, source="level")
    state = StateRefSerializer()
    municipality = MunicipalityRefSerializer(allow_null=True)
    counterpart_level_label = ChoiceLabelField(Agreement.CounterpartLevel, source="counterpart_level")
    partner_city = PartnerCityRefSerializer(allow_null=True)
    country = CountryRefSerializer()
    themes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    languages = serializers.ListField(child=serializers.CharField())
    status_label = ChoiceLabelField(Agreement.Status, source="status")
    source_label = ChoiceLabelField(
        Agreement.Source,
        source="source",
        help_text="Known relationships (public_record) are not official inscriptions; synthetic rows are "
        "benchmark data.",
    )
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = [
            "id",
            "registration_number",
            "title",
            "type",
            "type_label",
            "level",
            "level_label",
            "state",
            "municipality",
            "mx_signatory_office",
            "counterpart_name",
            "counterpart_level",
            "counterpart_level_label",
            "partner_city",
            "country",
            "signed_place",
            "signed_on",
            "dictamen_on",
            "registered_on",
            "valid_from",
            "valid_until",
            "themes",
            "status",
            "status_label",
            "languages",
            "source",
            "source_label",
            "page_url",
        ]
        read_only_fields = fields

    def get_page_url(self, agreement: Agreement) -> str:
        return reverse("registry:agreement", args=[agreement.pk])


class StateSerializer(serializers.ModelSerializer):
    population = serializers.IntegerField(help_text="Sum of its municipalities' 2020 census population.")
    municipality_count = serializers.IntegerField()
    agreement_count = serializers.IntegerField()
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = State
        fields = [
            "code",
            "name",
            "abbreviation",
            "population",
            "municipality_count",
            "agreement_count",
            "page_url",
        ]

    def get_page_url(self, state: State) -> str:
        return reverse("registry:state", args=[state.code])


class MunicipalitySerializer(serializers.ModelSerializer):
    state = StateRefSerializer()
    agreement_count = serializers.IntegerField()
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = Municipality
        fields = [
            "cvegeo",
            "name",
            "state",
            "seat_name",
            "population_2020",
            "latitude",
            "longitude",
            "agreement_count",
            "page_url",
        ]

    def get_page_url(self, municipality: Municipality) -> str:
        return reverse("registry:municipality", args=[municipality.cvegeo])


class CountrySerializer(serializers.ModelSerializer):
    name = serializers.CharField(help_text="In the request's language (Accept-Language).")
    region = RegionRefSerializer(allow_null=True)
    subregion = RegionRefSerializer(allow_null=True)
    agreement_count = serializers.IntegerField()
    page_url = serializers.SerializerMethodField()

    class Meta:
        model = Country
        fields = [
            "iso2",
            "iso3",
            "name",
            "name_es",
            "name_en",
            "region",
            "subregion",
            "agreement_count",
            "page_url",
        ]

    def get_page_url(self, country: Country) -> str:
        return reverse("registry:country", args=[country.iso2])


class PartnerCitySerializer(serializers.ModelSerializer):
    country = CountryRefSerializer()
    agreement_count = serializers.IntegerField()

    class Meta:
        model = PartnerCity
        fields = [
            "id",
            "geonames_id",
            "name",
            "country",
            "admin1_code",
            "population",
            "latitude",
            "longitude",
            "agreement_count",
        ]


class StatisticColumnSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()


class StatisticSerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField()
    filters = serializers.DictField(child=serializers.CharField(), help_text="The valid filters applied.")
    total = serializers.IntegerField(help_text="Agreements matching the filters.")
    columns = StatisticColumnSerializer(many=True)
    rows = serializers.ListField(
        child=serializers.DictField(), help_text="One object per row; keys are the columns' keys."
    )


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="In the request's language (Accept-Language: es or en).")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For invalid parameters: the messages of each one.",
    )


# --- Partner suggestions (matchmaking/scoring.py, issue 7) -------------------------------------------------
class PartnerSuggestionQuerySerializer(serializers.Serializer):
    limit = serializers.IntegerField(
        min_value=1, max_value=100, default=20, help_text="How many suggestions, 1–100 (default 20)."
    )


class PartnerSuggestionSerializer(serializers.Serializer):
    geonames_id = serializers.IntegerField(
        allow_null=True, help_text="GeoNames id; null when the city has none."
    )
    name = serializers.CharField()
    country = serializers.CharField(help_text="ISO 3166-1 alpha-2 code of the city's country.")
    country_name = serializers.CharField(help_text="In the request's language (Accept-Language).")
    population = serializers.IntegerField(allow_null=True)
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    distance_km = serializers.IntegerField(
        allow_null=True, help_text="From the municipality, when under ~1,300 km; null beyond."
    )
    score = serializers.FloatField(help_text="Sum of the weighted signals; only the order matters.")
    reasons = serializers.ListField(
        child=serializers.CharField(),
        help_text="Why it is suggested, in plain words, in the request's language.",
    )
