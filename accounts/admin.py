from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Invitation, Practice, User


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records nobody may change through the admin site (immutable answers and scores, the
    audit trail, what the law keeps after erasure): the admin only shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "practice", "role", "is_active"]
    list_filter = ["practice", "role", "is_active"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["name", "practice", "role", "language", "timezone"]}),
        ("Status", {"fields": ["is_active", "deactivated_at", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "practice", "role", "created_at", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["practice", "role"]
    exclude = ["token"]
