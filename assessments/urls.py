from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "assessments"
urlpatterns = [
    # Therapist
    path("clients/<int:pk>/", views.client_history, name="client_history"),
    path("clients/<int:pk>/assign/", views.assign, name="assign"),
    path("clients/<int:pk>/schedules/<int:schedule_pk>/cancel/", views.schedule_cancel, name="schedule_cancel"),
    path(
        "clients/<int:pk>/administrations/<int:administration_pk>/",
        views.administration_detail,
        name="administration_detail",
    ),
    # Client
    path("requests/<int:request_pk>/", views.fill, name="fill"),
    path("requests/<int:request_pk>/answer/", views.answer, name="answer"),
    # Moved into the client's one progress page; a URL name, not an import, so the import
    # direction (dashboard uses assessments) holds.
    path("my-results/", RedirectView.as_view(pattern_name="dashboard:my_progress", permanent=True), name="my_results"),
    # Practice admin
    path("reliability/", views.reliability_settings, name="reliability_settings"),
    path("reliability/<slug:slug>/", views.reliability_edit, name="reliability_edit"),
    path("reliability/<slug:slug>/baseline/", views.baseline_option, name="baseline_option"),
]
