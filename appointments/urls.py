from django.urls import path

from . import views

app_name = "appointments"

urlpatterns = [
    path("clients/<int:pk>/plan/", views.plan, name="plan"),
    path("clients/<int:pk>/notes/", views.notes, name="notes"),
    path("clients/<int:pk>/milestones/", views.milestone_add, name="milestone_add"),
    path("<int:pk>/", views.edit, name="edit"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/held/", views.held, name="held"),
    path("<int:pk>/calendar.ics", views.session_ics, name="ics"),
    path("held/<int:pk>/note/", views.note, name="note"),
    path("milestones/<int:pk>/delete/", views.milestone_delete, name="milestone_delete"),
    path("me/milestones/", views.my_milestones, name="my_milestones"),
    path("calendar/", views.calendar, name="calendar"),
    path("feed/<str:token>/", views.feed, name="feed"),
    path("practice/", views.practice_settings, name="practice_settings"),
]
