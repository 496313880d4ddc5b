from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["municipality"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "sre_role", "is_demo", "is_active", "last_login"]
    list_filter = ["sre_role", "is_demo", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name", "memberships__municipality__name"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Datos personales"), {"fields": ["first_name", "last_name", "language"]}),
        (
            _("Funciones"),
            {"fields": ["sre_role", "is_demo", "is_active", "is_staff", "is_superuser", "groups"]},
        ),
        (_("Fechas"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2", "sre_role"]})]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "municipality", "role", "created_at"]
    list_filter = ["role", "municipality__state"]
    search_fields = ["user__email", "municipality__name", "municipality__cvegeo"]
    autocomplete_fields = ["user", "municipality"]
    list_select_related = ["user", "municipality__state"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "municipality", "role", "invited_by", "created_at", "expires_at", "used_at"]
    list_filter = ["role", ("used_at", admin.EmptyFieldListFilter), "municipality__state"]
    search_fields = ["email", "municipality__name", "municipality__cvegeo", "invited_by__email"]
    # Municipality.__str__ reads its state's abbreviation.
    list_select_related = ["municipality__state", "invited_by"]
    # Invitations are made and accepted in the portal (the token is shown once, only its hash is stored).
    readonly_fields = [f.name for f in Invitation._meta.fields]

    def has_add_permission(self, request):
        return False
