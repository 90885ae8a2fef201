from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("settings/", views.user_settings, name="settings"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("two-factor/new-code/", views.totp_new_secret, name="totp_new_secret"),
]
