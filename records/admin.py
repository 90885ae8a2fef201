from django.contrib import admin

from .models import RetainedRecord


@admin.register(RetainedRecord)
class RetainedRecordAdmin(admin.ModelAdmin):
    """Read-only: kept by law, so nobody edits it through the admin."""

    list_display = ["client_id", "kind", "practice", "retained_at"]
    list_filter = ["kind", "practice"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
