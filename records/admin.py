from django.contrib import admin

from audit.admin import AuditedReadOnlyAdmin

from .models import RetainedRecord


@admin.register(RetainedRecord)
class RetainedRecordAdmin(AuditedReadOnlyAdmin):
    """Read-only: kept by law, so nobody edits it through the admin; it holds scores, so each
    record opened is on the audit trail (the list shows no content)."""

    list_display = ["client_id", "kind", "practice", "retained_at"]
    list_filter = ["kind", "practice"]
