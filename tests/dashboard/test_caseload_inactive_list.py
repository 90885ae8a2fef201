"""The caseload's list of paused and discharged clients: a name, a status and a link each, so
its query reads those columns alone (not every client column and the client's login with it)."""

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clients.models import ClientStatus
from tests.factories import make_client

pytestmark = pytest.mark.django_db


def test_the_inactive_list_reads_names_and_statuses_without_the_clients_logins(world):
    paused = make_client(world.practice, world.therapist_a, name="Paused <Person>", status=ClientStatus.PAUSED)
    gone = make_client(world.practice, world.therapist_a, name="Gone Person", status=ClientStatus.DISCHARGED)
    http = HttpClient()
    http.force_login(world.therapist_a)
    http.get(reverse("dashboard:caseload"))
    with CaptureQueriesContext(connection) as ctx:
        html = http.get(reverse("dashboard:caseload")).content.decode()
    inactive = [q["sql"] for q in ctx.captured_queries if 'NOT ("clients_client"."status"' in q["sql"]]
    assert len(inactive) == 1, inactive
    assert "accounts_user" not in inactive[0].split(" FROM ")[0]  # no login columns selected
    assert "date_of_birth" not in inactive[0]
    listed = html.split("sb-inactive")[1]
    assert "2 paused or discharged clients" in listed
    for client, status in ((paused, "Paused"), (gone, "Discharged")):
        assert reverse("client_detail", args=[client.pk]) in listed
        assert status in listed
    assert "Paused &lt;Person&gt;" in listed
