from django.contrib import admin

from partners.models import Country, PartnerCity, Region, WorldTwinLink


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
