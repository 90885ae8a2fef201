"""Every client page reads the client's record, the menu's unread count and whether a crisis
banner is pending in one query (clients.context_processors), and still shows both."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reminders.models import Notification
from safety.models import CrisisPrompt
from tests.diary.helpers import browser

pytestmark = pytest.mark.django_db

PAGE = "accounts:settings"  # a client page whose view reads no client record itself


def _sql(http) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert http.get(reverse(PAGE)).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def test_a_client_page_reads_record_unread_count_and_pending_banner_in_one_query(world):
    http = browser(world.client_a.user)
    http.get(reverse(PAGE))  # the first page after login writes the session
    sql = _sql(http)
    records = [q for q in sql if q.startswith('SELECT "clients_client"')]
    apart = [q for q in sql if q not in records and ('"reminders_notification"' in q or '"safety_crisisprompt"' in q)]
    assert len(records) == 1 and apart == []


def test_the_unread_count_and_the_crisis_banner_still_show_on_a_client_page(world):
    client, now = world.client_a, timezone.now()
    http = browser(client.user)
    for read in (None, None, now):
        Notification.objects.create(recipient=client.user, kind="diary", title="t", created_at=now, read_at=read)
    CrisisPrompt.objects.create(client=client, event_key="entry:1", created_at=now)
    page = http.get(reverse(PAGE)).content.decode()
    assert "2 unread" in page and 'id="crisis-prompt"' in page
    again = http.get(reverse(PAGE)).content.decode()
    assert "2 unread" in again and 'id="crisis-prompt"' not in again
