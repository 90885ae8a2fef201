from django.contrib import admin

from accounts.admin import ReadOnlyAdmin

from .models import Administration, AssessmentRequest, AssessmentSchedule, ReliabilitySetting, Score


@admin.register(ReliabilitySetting)
class ReliabilitySettingAdmin(admin.ModelAdmin):
    list_display = ("practice", "instrument", "anxiety_sd", "anxiety_r", "avoidance_sd", "avoidance_r", "updated_at")
    list_filter = ("instrument",)


@admin.register(AssessmentSchedule)
class AssessmentScheduleAdmin(admin.ModelAdmin):
    list_display = ("client", "instrument", "start_date", "interval_weeks", "end_date", "cancelled_at")
    raw_id_fields = ("client", "created_by", "cancelled_by")


@admin.register(AssessmentRequest)
class AssessmentRequestAdmin(admin.ModelAdmin):
    list_display = ("client", "instrument", "target", "due_date", "status")
    list_filter = ("status", "instrument")
    raw_id_fields = ("client", "schedule")


@admin.register(Administration)
class AdministrationAdmin(ReadOnlyAdmin):
    list_display = ("client", "instrument", "target", "instrument_version", "submitted_at")


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdmin):
    list_display = ("client", "instrument", "target", "anxiety", "avoidance", "corner", "submitted_at")
