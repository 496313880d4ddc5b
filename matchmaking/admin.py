from django.contrib import admin

from matchmaking.models import PartnerRequest, PartnerRequestReply


class PartnerRequestReplyInline(admin.StackedInline):
    model = PartnerRequestReply
    extra = 0
    can_delete = True
    readonly_fields = ["name", "organization", "position", "country", "city", "email", "website", "message",
                       "language", "created_at"]  # fmt: skip

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PartnerRequest)
class PartnerRequestAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "country", "region", "expires_on", "closed_at", "created_at"]
    list_filter = [
        "municipality__state",
        "country__region",
        "themes",
        ("closed_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["title", "description", "municipality__name", "municipality__cvegeo"]
    list_select_related = ["municipality__state", "country", "region"]
    autocomplete_fields = ["municipality", "country"]
    filter_horizontal = ["themes"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    inlines = [PartnerRequestReplyInline]
