"""Django admin for the reminders sent (imported by agreements/admin.py)."""

from django.contrib import admin

from agreements.models import ReminderLog


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "kind", "target", "due_on", "recipients"]
    list_filter = ["kind"]
    search_fields = ["target"]
    date_hierarchy = "sent_at"
