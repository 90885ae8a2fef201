from django.urls import path

from . import views

app_name = "reminders"
urlpatterns = [
    path("", views.preferences, name="preferences"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification_open"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications_read_all"),
    path("unconfirmed/", views.unconfirmed, name="unconfirmed"),
    path("unconfirmed/<int:pk>/resend/", views.resend, name="resend"),
    path("unsubscribe/<slug:kind>/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
