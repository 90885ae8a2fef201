from django.urls import path

from . import views

app_name = "pwa"
urlpatterns = [
    # Both at the site root: a service worker controls only pages under its own path.
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("offline/<str:lang>/", views.offline_page, {"kind": "quick"}, name="offline"),
    path("offline/<str:lang>/full/", views.offline_page, {"kind": "full"}, name="offline_full"),
]
