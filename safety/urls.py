from django.urls import path

from . import views

app_name = "safety"
urlpatterns = [
    path("crisis/", views.crisis, name="crisis"),
    path("practice/", views.practice_settings, name="practice"),
    path("alerts/", views.alerts, name="alerts"),
    path("alerts/<int:pk>/", views.alert_open, name="alert_open"),
    path("alerts/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("plan/", views.my_plan, name="my_plan"),
    path("clients/<int:pk>/plan/", views.client_plan, name="client_plan"),
    path("settings/", views.my_settings, name="my_settings"),
    path("clients/<int:pk>/settings/", views.client_settings, name="client_settings"),
]
