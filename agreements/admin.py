from django.contrib import admin

from .models import Agreement, Theme, WorkingFile, WorkingFileEvent, WorkingFileUpload


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


class ReadOnlyAdminMixin:
    """Working files change only through the wizard and the review workflow (one writer of `state`, with
    its audit trail): the admin shows them for search and support, and never edits them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class WorkingFileUploadInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = WorkingFileUpload
    extra = 0
    fields = ["kind", "original_name", "size", "pages", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


class WorkingFileEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = WorkingFileEvent
    extra = 0
    fields = ["at", "kind", "step", "from_state", "to_state", "by", "detail"]
    readonly_fields = fields


@admin.register(WorkingFile)
class WorkingFileAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "municipality",
        "state",
        "steps_complete",
        "version",
        "updated_at",
        "submitted_at",
    ]
    list_filter = ["state", "municipality__state"]
    search_fields = ["counterpart_name", "municipality__name", "municipality__cvegeo", "created_by__email"]
    list_select_related = ["municipality__state"]
    date_hierarchy = "updated_at"
    inlines = [WorkingFileUploadInline, WorkingFileEventInline]
