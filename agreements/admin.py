from django.contrib import admin

from .models import Agreement, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__"]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "registration_number",
        "type",
        "state",
        "municipality",
        "country",
        "status",
        "source",
        "signed_on",
    ]
    list_filter = ["source", "type", "status", "level", "state", "country__region", "themes"]
    search_fields = [
        "title",
        "registration_number",
        "counterpart_name",
        "municipality__name",
        "country__name_es",
    ]
    list_select_related = ["state", "municipality", "country"]
    autocomplete_fields = ["municipality", "partner_city", "country"]
    filter_horizontal = ["themes"]
    date_hierarchy = "signed_on"
