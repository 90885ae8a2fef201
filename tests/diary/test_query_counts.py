"""Diary pages run a fixed number of queries, however many entries there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diary.models import PatternTag
from diary.services import add_comment

from .helpers import browser, entry

pytestmark = pytest.mark.django_db


def _add(world, n):
    tag = PatternTag.objects.first()
    for i in range(n):
        made = entry(world.client_a, shared=True, emotions=[("sad", i % 11), ("hurt", 3)], reactions=["talked"])
        made.pattern_tags.add(tag)
        add_comment(made, author=world.therapist_a, body=f"comment {i}")


def _queries(http, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert http.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who,url_name", [("client_a", "diary:entry_list"), ("therapist_a", "diary:client_entries")])
def test_list_pages_do_not_grow_with_entries(world, who, url_name):
    http = browser(world.users[who])
    url = reverse(url_name, args=[world.client_a.pk] if url_name == "diary:client_entries" else [])
    _add(world, 2)
    http.get(url)  # the first request after login also writes the session's idle expiry
    few = _queries(http, url)
    _add(world, 8)
    many = _queries(http, url)
    assert few == many
