from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail can be searched here, never edited."""

    list_display = ["at", "actor", "actor_role", "action", "kind", "client_id", "ip", "path"]
    list_filter = ["action", "actor_role", "kind"]
    search_fields = ["path", "ip"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
