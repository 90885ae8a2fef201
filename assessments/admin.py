"""Only the practice's reliability figures are in the Django admin.

Answers, scores, and the questionnaire schedules and requests of a client are not: the
admin's users (the installation's operators) have no clinical relation to any client, and the
therapist's own pages show them through the access policy, with every view on the trail.
"""

from django.contrib import admin

from .models import ReliabilitySetting


@admin.register(ReliabilitySetting)
class ReliabilitySettingAdmin(admin.ModelAdmin):
    list_display = ("practice", "instrument", "anxiety_sd", "anxiety_r", "avoidance_sd", "avoidance_r", "updated_at")
    list_filter = ("instrument",)
