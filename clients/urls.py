from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("me/", views.client_home, name="client_home"),
    path("caseload/", views.caseload, name="caseload"),
    path("clients/<int:pk>/", views.client_detail, name="client_detail"),
    path("clients/<int:pk>/sessions/", views.session_add, name="client_session_add"),
]
