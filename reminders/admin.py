from django.contrib import admin

from .models import ReminderOccurrence, ReminderPreference


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "enabled", "local_time", "days", "channel"]
    list_filter = ["kind", "enabled", "channel"]


@admin.register(ReminderOccurrence)
class ReminderOccurrenceAdmin(admin.ModelAdmin):
    # Delivery bookkeeping only; notifications (what the user saw) are left out on purpose.
    list_display = ["recipient", "kind", "slot", "state", "attempts", "sent_at", "note"]
    list_filter = ["kind", "state"]
    readonly_fields = [f.name for f in ReminderOccurrence._meta.fields]
