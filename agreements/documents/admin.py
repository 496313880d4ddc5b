"""Django admin for generated documents and sent reminders (imported by agreements/admin.py)."""

from django.contrib import admin

from agreements.models import GeneratedDocument, ReminderLog


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(admin.ModelAdmin):
    list_display = ["created_at", "working_file", "kind", "format", "version", "status", "attempts", "size"]
    list_filter = ["kind", "format", "status"]
    search_fields = ["working_file__counterpart_name", "working_file__municipality__name", "data_hash"]
    raw_id_fields = ["working_file", "requested_by"]
    readonly_fields = ["data_hash", "data", "started_at", "finished_at", "attempts", "error"]
    date_hierarchy = "created_at"


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "kind", "target", "due_on", "recipients"]
    list_filter = ["kind"]
    search_fields = ["target"]
    date_hierarchy = "sent_at"
