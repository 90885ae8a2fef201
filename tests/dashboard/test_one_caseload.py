"""One caseload page: the dashboard's. A therapist lands on it; the old address redirects to it."""

import datetime as dt
import re

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from clients.models import ClientStatus
from tests.factories import make_client
from tests.seeding import add_open_request, add_scores

pytestmark = pytest.mark.django_db


def _login(user):
    http = HttpClient()
    http.force_login(user)
    return http


def test_a_therapist_lands_on_the_dashboard_caseload(world):
    response = _login(world.therapist_a).get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("dashboard:caseload")


def test_the_old_caseload_address_redirects_permanently_and_keeps_the_search(world):
    response = _login(world.therapist_a).get("/caseload/", {"q": "Client"})
    assert response.status_code == 301
    assert response["Location"] == reverse("dashboard:caseload") + "?q=Client"


def test_the_menu_links_the_caseload_once(world):
    html = _login(world.therapist_a).get(reverse("dashboard:caseload")).content.decode()
    nav = re.search(r"<nav class=\"navbar.*?</nav>", html, re.S).group(0)
    assert nav.count(f'href="{reverse("dashboard:caseload")}"') == 1
    assert 'href="/caseload/"' not in html


def test_flags_are_short_badges_with_the_full_words_for_screen_readers(world):
    add_open_request(world.client_a, timezone.localdate() - dt.timedelta(days=20))
    html = _login(world.therapist_a).get(reverse("dashboard:caseload")).content.decode()
    badge = re.search(r'<span class="badge sb-flag sb-flag-overdue"[^>]*>.*?</span></span>', html).group(0)
    assert '<span aria-hidden="true">Overdue</span>' in badge
    assert '<span class="visually-hidden">Questionnaire overdue &gt; 14 days</span>' in badge


def test_scores_and_corner_share_one_column_and_headings_are_short(world):
    add_scores(world.client_a, [(timezone.localdate() - dt.timedelta(days=3), 5.0, 2.0)])
    html = _login(world.therapist_a).get(reverse("dashboard:caseload")).content.decode()
    headings = re.findall(r'<th scope="col".*?</th>', html, re.S)
    assert len(headings) == 8
    assert "Shared entries, 7 days" not in html  # the period is a second line under "Diary"
    assert re.search(r'5.00 <span class="text-muted">/</span> 2.00</span><div class="sb-corner">Anxious', html)


def test_paused_and_discharged_clients_stay_reachable_from_the_caseload(world):
    paused = make_client(world.practice, world.therapist_a, name="Paused Person", status=ClientStatus.PAUSED)
    html = _login(world.therapist_a).get(reverse("dashboard:caseload")).content.decode()
    table = html.split('id="caseload"')[1].split("</table>")[0]
    assert "Paused Person" not in table
    assert reverse("client_detail", args=[paused.pk]) in html
