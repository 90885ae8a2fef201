from allauth.mfa.admin import AuthenticatorAdmin as BaseAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from allauth.usersessions.admin import UserSessionAdmin as BaseUserSessionAdmin
from allauth.usersessions.models import UserSession
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Invitation, Practice, User
from .views import admin_login

# The admin's own password-only login form (no rate limit, no second factor) is replaced by a
# redirect to the app's login; every admin page asks for that URL when nobody is logged in.
admin.site.login = admin_login


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
    exclude = ["token_hash"]


# allauth's own admin pages show secrets: an authenticator's data holds the TOTP secret, and a
# session row its key (whoever has it is logged in as that person). Shown without them; an
# authenticator may still be deleted (a person who lost their phone enrols again).
admin.site.unregister(Authenticator)
admin.site.unregister(UserSession)


@admin.register(Authenticator)
class AuthenticatorAdmin(BaseAuthenticatorAdmin):
    exclude = ["data"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(UserSession)
class UserSessionAdmin(BaseUserSessionAdmin, ReadOnlyAdmin):
    exclude = ["session_key", "data"]
    search_fields = ["user__email", "ip"]  # allauth's searches a username, which our users have not
