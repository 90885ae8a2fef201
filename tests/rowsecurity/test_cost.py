"""Row-level security costs a request one query: the set_config that starts its transaction."""

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.postgres

SCOPE = "rowsecurity.middleware.PracticeScopeMiddleware"


def _queries(user, url) -> list[str]:
    http = HttpClient()
    http.force_login(user)
    http.get(url)  # the first page after login writes the session's idle expiry
    with CaptureQueriesContext(connection) as ctx:
        assert http.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("page", ["client_home", "dashboard:caseload"])
def test_a_page_costs_one_query_more(world, app_role, settings, page):
    user = world.client_a.user if page == "client_home" else world.therapist_a
    with_scope = _queries(user, reverse(page))
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != SCOPE]
    without = _queries(user, reverse(page))
    extra = [sql for sql in with_scope if "set_config" in sql]
    assert len(extra) == 1 and len(with_scope) == len(without) + 1
