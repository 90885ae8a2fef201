"""The audit trail in the Django admin, and the admin class for clinical records shown there.

Which records the admin shows at all is decided per app (see each `<app>/admin.py`): client
records, scores, answers, diary, goals, session notes and safety plans are not registered.
What the law keeps after erasure is shown read-only, and each opened record is on the trail.
"""

from django.contrib import admin

from accounts.admin import ReadOnlyAdmin

from .models import AuditAction, AuditEvent
from .recorder import record


class AuditedReadOnlyAdmin(ReadOnlyAdmin):
    """Read-only, and every record opened here is written to the audit trail (kind "admin"),
    with the client it belongs to, as the access policy does for the app's own pages."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:
            obj = self.get_object(request, object_id)
            if obj is not None:
                record(
                    AuditAction.VIEW,
                    actor=request.user,
                    client_id=getattr(obj, "client_id", None),
                    practice_id=getattr(obj, "practice_id", None),
                    kind="admin",
                    request=request,
                )
        return response


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: the trail can be searched here, never edited. The path is shown scrubbed
    (audit.scrub): rows written before that rule may hold an invitation or unsubscribe link,
    and for the same reason the trail is not searched by path."""

    list_display = ["at", "actor", "actor_role", "action", "kind", "client_id", "ip", "page"]
    list_filter = ["action", "actor_role", "kind"]
    search_fields = ["ip"]
    date_hierarchy = "at"
    fields = ["at", "actor", "actor_role", "practice", "action", "kind", "client_id", "ip", "method", "page"]
    readonly_fields = fields

    @admin.display(description="page")
    def page(self, event) -> str:
        return event.page
