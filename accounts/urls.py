from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("settings/", views.user_settings, name="settings"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
