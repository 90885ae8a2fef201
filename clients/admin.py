from django.contrib import admin

from .models import Client, TherapistAssignment, TherapySession


@admin.register(Client)
class ClientAdmin(admin.ModelAdmin):
    list_display = ["display_name", "practice", "therapist", "status", "start_date"]
    list_filter = ["practice", "status"]
    search_fields = ["display_name"]


admin.site.register(TherapistAssignment)
admin.site.register(TherapySession)
