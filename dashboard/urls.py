from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("practice/", views.overview, name="overview"),
    path("clients/<int:pk>/", views.client_progress, name="client_progress"),
    path("clients/<int:pk>/session/", views.session_prep, name="session_prep"),
    path("clients/<int:pk>/report/", views.report, name="report"),
    path("clients/<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("me/", views.my_progress, name="my_progress"),
]
