from django.urls import path

from . import views

app_name = "records"
urlpatterns = [
    path("me/", views.my_data, name="my_data"),
    path("me/access-log/", views.access_log, name="access_log"),
    path("clients/<int:pk>/export/", views.client_export, name="client_export"),
    path("clients/<int:pk>/erase/", views.client_erase, name="client_erase"),
    path("practice/clients/", views.practice_clients, name="practice_clients"),
    path("practice/audit/", views.audit_search, name="audit_search"),
]
