from django.contrib import admin

from accounts.admin import ReadOnlyAdmin

from .models import RetainedRecord


@admin.register(RetainedRecord)
class RetainedRecordAdmin(ReadOnlyAdmin):
    """Read-only: kept by law, so nobody edits it through the admin."""

    list_display = ["client_id", "kind", "practice", "retained_at"]
    list_filter = ["kind", "practice"]
