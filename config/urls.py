from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("clients.urls")),
    path("", include("pwa.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("sessions/", include("appointments.urls")),
    path("assessments/", include("assessments.urls")),
    path("diary/", include("diary.urls")),
    path("goals/", include("goals.urls")),
    path("learn/", include("learn.urls")),
    path("safety/", include("safety.urls")),
    path("reminders/", include("reminders.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("security/", include("audit.urls")),
    path("records/", include("records.urls")),
    path("push/", include("push.urls")),
    path("couples/", include("relationships.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]

# A database outage answers 503 with Retry-After (config/outage.py); anything else as before.
handler500 = "config.outage.server_error"
handler400 = "config.outage.bad_request"
