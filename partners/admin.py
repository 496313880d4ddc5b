from django.contrib import admin

from .models import Country, PartnerCity, PartnerRequest, PartnerRequestReply, Region, WorldTwinLink


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_es", "name_en", "parent"]
    search_fields = ["code", "name_es", "name_en"]
    list_filter = ["parent"]


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["iso2", "iso3", "name_es", "name_en", "region", "subregion"]
    list_filter = ["region", "subregion"]
    search_fields = ["iso2", "iso3", "name_es", "name_en"]
    list_select_related = ["region", "subregion"]


@admin.register(PartnerCity)
class PartnerCityAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "admin1_code", "population", "geonames_id"]
    list_filter = [("geonames_id", admin.EmptyFieldListFilter), "country__region"]
    search_fields = ["name", "=geonames_id", "country__name_es", "country__iso2"]
    list_select_related = ["country"]
    autocomplete_fields = ["country"]


@admin.register(WorldTwinLink)
class WorldTwinLinkAdmin(admin.ModelAdmin):
    list_display = ["city", "twin"]
    search_fields = ["city__name", "twin__name"]
    list_select_related = ["city__country", "twin__country"]
    autocomplete_fields = ["city", "twin"]


class PartnerRequestReplyInline(admin.StackedInline):
    model = PartnerRequestReply
    extra = 0
    can_delete = True
    readonly_fields = ["name", "organization", "position", "country", "city", "email", "website", "message",
                       "language", "created_at"]  # fmt: skip

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PartnerRequest)
class PartnerRequestAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "country", "region", "expires_on", "closed_at", "created_at"]
    list_filter = [
        "municipality__state",
        "country__region",
        "themes",
        ("closed_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["title", "description", "municipality__name", "municipality__cvegeo"]
    list_select_related = ["municipality__state", "country", "region"]
    autocomplete_fields = ["municipality", "country"]
    filter_horizontal = ["themes"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    inlines = [PartnerRequestReplyInline]
