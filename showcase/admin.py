from django.contrib import admin

from showcase.models import MunicipalityPhoto, MunicipalityProfile


@admin.register(MunicipalityProfile)
class MunicipalityProfileAdmin(admin.ModelAdmin):
    list_display = ["municipality", "contact_name", "contact_email", "updated_at", "updated_by"]
    list_filter = ["municipality__state", "themes"]
    search_fields = ["municipality__name", "municipality__cvegeo", "contact_name", "contact_email"]
    list_select_related = ["municipality__state", "updated_by"]
    autocomplete_fields = ["municipality"]
    filter_horizontal = ["themes", "desired_countries", "desired_regions"]


@admin.register(MunicipalityPhoto)
class MunicipalityPhotoAdmin(admin.ModelAdmin):
    """Photos are re-encoded on upload through the showcase's page; here they are only reviewed or removed."""

    list_display = ["municipality", "caption", "credit", "width", "height", "uploaded_at", "uploaded_by"]
    list_filter = ["municipality__state"]
    search_fields = ["municipality__name", "municipality__cvegeo", "caption", "credit"]
    list_select_related = ["municipality__state", "uploaded_by"]
    readonly_fields = ["municipality", "image", "width", "height", "size", "uploaded_at", "uploaded_by"]

    def has_add_permission(self, request) -> bool:
        return False
