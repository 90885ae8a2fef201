from django.urls import path

from . import views

app_name = "push"
urlpatterns = [
    path("devices/", views.devices, name="devices"),
    path("devices/subscribe/", views.subscribe, name="subscribe"),
    path("devices/<int:pk>/remove/", views.remove, name="remove"),
]
