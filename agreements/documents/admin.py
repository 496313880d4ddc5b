"""Django admin for generated documents (imported by agreements/admin.py)."""

from django.contrib import admin

from agreements.models import GeneratedDocument


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(admin.ModelAdmin):
    list_display = ["created_at", "working_file", "kind", "format", "version", "status", "attempts", "size"]
    list_filter = ["kind", "format", "status"]
    search_fields = ["working_file__counterpart_name", "working_file__municipality__name", "data_hash"]
    raw_id_fields = ["working_file", "requested_by"]
    readonly_fields = ["data_hash", "data", "started_at", "finished_at", "attempts", "error"]
    date_hierarchy = "created_at"
