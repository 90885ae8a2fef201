"""The project's URLs plus one view that fails, to see what production shows on a crash."""

from django.db import connection
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def crash(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret_column_that_does_not_exist FROM accounts_user")
    return None


urlpatterns = [*project_urlpatterns, path("crash-for-test/", crash)]
