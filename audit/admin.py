from django.contrib import admin

from accounts.admin import ReadOnlyAdmin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: the trail can be searched here, never edited."""

    list_display = ["at", "actor", "actor_role", "action", "kind", "client_id", "ip", "path"]
    list_filter = ["action", "actor_role", "kind"]
    search_fields = ["path", "ip"]
    date_hierarchy = "at"
