from django.contrib import admin

from agreements.models import (
    Agreement,
    Dictamen,
    Observation,
    RegistrySequence,
    ReviewRound,
    Signature,
    Theme,
    WorkingFile,
    WorkingFileEvent,
    WorkingFileUpload,
)


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


# --- The review workflow (agreements/workflow/transitions.py writes these; the admin only shows them) -------
class ReviewRoundInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ReviewRound
    extra = 0
    fields = ["number", "submitted_by", "submitted_at"]
    readonly_fields = fields


class ObservationInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Observation
    extra = 0
    fields = ["round", "step", "field", "text", "created_by", "sent_at", "answer", "answered_at"]
    readonly_fields = fields


class DictamenInline(ReadOnlyAdminMixin, admin.StackedInline):
    model = Dictamen
    fields = ["favorable", "reasoning", "issued_by", "issued_at"]
    readonly_fields = fields


class SignatureInline(ReadOnlyAdminMixin, admin.StackedInline):
    model = Signature
    fk_name = "working_file"
    fields = [
        "place",
        "signed_on",
        "mx_signatory",
        "mx_signatory_office",
        "counterpart_signatory",
        "counterpart_signatory_office",
        "recorded_by",
        "recorded_at",
    ]
    readonly_fields = fields


@admin.register(RegistrySequence)
class RegistrySequenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The last registry number of each year: shown, never edited (a gap or a repeat would follow)."""

    list_display = ["year", "last_number"]


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
    inlines = [
        WorkingFileUploadInline,
        WorkingFileEventInline,
        ReviewRoundInline,
        ObservationInline,
        DictamenInline,
        SignatureInline,
    ]


# Generated documents and reminder logs have their admin beside their code; Django imports only this module.
from agreements.documents import admin as documents_admin  # noqa: E402,F401
from agreements.reminders import admin as reminders_admin  # noqa: E402,F401
