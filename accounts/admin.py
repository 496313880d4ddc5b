from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Membership, User


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
