from django.urls import path

from . import views

app_name = "goals"
urlpatterns = [
    path("", views.my_goals, name="my_goals"),
    path("clients/<int:client_pk>/", views.client_goals, name="client_goals"),
    path("clients/<int:client_pk>/new/", views.goal_create, name="goal_create"),
    path("<int:pk>/", views.goal_detail, name="goal_detail"),
    path("<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("<int:pk>/steps/", views.step_add, name="step_add"),
    path("<int:pk>/steps/<int:step_pk>/", views.step_edit, name="step_edit"),
    path("<int:pk>/steps/<int:step_pk>/delete/", views.step_delete, name="step_delete"),
    path("<int:pk>/steps/order/", views.steps_reorder, name="steps_reorder"),
    path("<int:pk>/check-in/", views.checkin, name="checkin"),
    path("<int:pk>/gas/", views.gas_rate, name="gas_rate"),
]
