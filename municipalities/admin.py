from django.contrib import admin

from municipalities.models import Municipality, State


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "abbreviation"]
    search_fields = ["code", "name", "abbreviation"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = [
        "cvegeo",
        "name",
        "state",
        "population_2020",
        "coord_source",
        "cabildo_members",
        "term_ends_on",
    ]
    list_filter = ["state", "coord_source", ("term_ends_on", admin.EmptyFieldListFilter)]
    search_fields = ["cvegeo", "name", "seat_name"]
    list_select_related = ["state"]
    readonly_fields = ["cvegeo", "state", "code"]
