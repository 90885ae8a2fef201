import pytest
from django.db import connection, transaction
from django.test import Client as HttpClient
from django.urls import reverse

from accounts.models import Role
from clients.models import Client
from clients.selectors import name_or_email_contains
from tests.factories import make_client, make_user


def test_search_matches_part_of_a_name_or_of_an_email_whatever_the_case(world):
    by_name = make_client(world.practice, world.therapist_a, name="Marieke de Vries")
    by_email = make_client(
        world.practice, world.therapist_a, name="Jan Smit", user=make_user(world.practice, Role.CLIENT, name="J")
    )
    by_email.user.email = "VRIESLAND.j@example.test"
    by_email.user.save()
    make_client(world.other_practice, world.therapist_x, name="Anna Vries")
    http = HttpClient()
    http.force_login(world.admin)

    found = {c.display_name for c in http.get(reverse("practice_clients"), {"q": "vRiEs"}).context["clients"]}

    assert found == {by_name.display_name, by_email.display_name}
    assert set(Client.objects.filter(name_or_email_contains("smit"))) == {by_email}


def test_the_email_side_of_a_search_can_use_its_trigram_index(world):
    if connection.vendor != "postgresql":
        pytest.skip("the trigram index exists on PostgreSQL only")
    sql, params = Client.objects.filter(name_or_email_contains("vries")).values("pk").query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        # The test tables are tiny, so the planner would scan them anyway; forbidding scans
        # (plain index scans too: a full scan of the primary key stands in for a table scan)
        # shows whether the index can serve the search at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "user_email_upper_trgm_idx" in plan
