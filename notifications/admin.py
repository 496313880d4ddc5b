from django.contrib import admin

from notifications.models import DigestLog, Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "subject", "read_at", "email_status", "email_attempts"]
    list_filter = ["category", "email_status"]
    search_fields = ["subject", "recipient__email", "kind"]
    raw_id_fields = ["recipient", "digest"]
    date_hierarchy = "created_at"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email_reminders", "email_digest", "updated_at"]
    raw_id_fields = ["user"]


@admin.register(DigestLog)
class DigestLogAdmin(admin.ModelAdmin):
    list_display = ["week_start", "user", "notification_count", "email_status"]
    raw_id_fields = ["user"]
