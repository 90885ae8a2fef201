"""Hostile and random input to every form of the project: never a 500, never stored garbage.

Forms are discovered from the pages of the access matrix (tests/security/forms.py), so a new
app's forms are fuzzed as soon as its access rows exist. Each form gets a few Hypothesis
examples, posted as a role that may use it; every example runs in a savepoint that is rolled
back, so examples do not see each other's data. PostgreSQL refuses NUL characters in text and
JSON columns, so an attempt to store one surfaces as a server error, which fails the test.
"""

import pytest
from django.db import connection, transaction
from django.test import Client as HttpClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .forms import discover
from .pages import extend

EXAMPLES_PER_FORM = 4
# Forms that keep the valid part of a refused post by design; the refusal itself is still
# checked (status, no 500), only the "no rows changed" rule is lifted. None at present.
KEEPS_VALID_PART: dict[str, str] = {}
HOSTILE = [
    "",
    " ",
    "\x00",
    "abc\x00def",
    "A" * 20_000,
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE clients_client; --",
    "1 OR 1=1",
    "%s%s%s%n",
    "{{ 7*7 }}{% debug %}",
    "../../etc/passwd",
    "-1",
    "-99999999999999999999",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "0.0000001",
    "2026-02-30",
    "0000-00-00",
    "9999-12-31T25:61",
    "\u202e\u0645\u0631\u062d\u0628\u0627 \U0001f600 \ud7ff",
    "\r\n\r\nSet-Cookie: x=1",
    "null",
    "[]",
    '{"a": 1}',
    '=HYPERLINK("http://evil")',
]
# Tables that legitimately change on any request (the trail, sessions, rate-limit state).
VOLATILE = ("audit_auditevent", "audit_session", "django_session", "usersessions_usersession", "account_", "mfa_")


def _value(field):
    choices = [st.sampled_from(HOSTILE), st.text(max_size=60), st.integers(-(10**20), 10**20).map(str)]
    if field.value:
        choices.append(st.just(field.value))
    if field.options:
        choices.append(st.sampled_from(field.options))
    return st.one_of(*choices)


def _payload(form):
    # None: the field is left out of the POST entirely; a list: the field sent several times.
    parts = {
        name: st.one_of(st.none(), _value(field), st.lists(_value(field), min_size=2, max_size=3))
        for name, field in form.fields.items()
    }
    return st.fixed_dictionaries(parts)


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        return [t for t in connection.introspection.table_names(cursor) if not t.startswith(VOLATILE)]


def _row_counts(tables: list[str]) -> dict[str, int]:
    """Row count of every table, in one round trip."""
    qn = connection.ops.quote_name
    select = ", ".join(f"(SELECT COUNT(*) FROM {qn(t)})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {select}")
        return dict(zip(tables, cursor.fetchone(), strict=True))


def _refused(response) -> bool:
    """The input was not accepted: an error status, or the form shown again with errors."""
    if response.status_code >= 400:
        return True
    if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
        html = response.content.decode("utf-8", "replace")
        return "is-invalid" in html or "errorlist" in html or "invalid-feedback" in html
    return False


def _attack(form, user, tables):
    http = HttpClient(raise_request_exception=False)
    # Logged in once, outside the per-example savepoint, so the session outlives rollbacks.
    http.force_login(user)
    where = f"{form.url_name} ({form.url}) as {form.role}, form found on {form.page}"

    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=_payload(form))
    def attack(data):
        posted = {k: v for k, v in data.items() if v is not None}
        with transaction.atomic():
            before = _row_counts(tables)
            response = http.post(form.url, posted)
            assert response.status_code != 500, f"500 on {where} with {posted!r:.400}"
            refused = _refused(response)
            if refused and form.url_name not in KEEPS_VALID_PART:
                after = _row_counts(tables)
                changed = {t: (before[t], after[t]) for t in tables if before[t] != after[t]}
                assert not changed, (
                    f"refused input ({response.status_code}) changed rows on {where}: {changed} with {posted!r:.400}"
                )
            if not refused:
                # What was accepted must also display without error.
                page = http.get(form.url)
                assert page.status_code != 500, f"500 showing {where} after {posted!r:.400}"
            transaction.set_rollback(True)

    attack()


@pytest.mark.django_db
def test_every_form_survives_hostile_input(world):
    extend(world)
    forms = discover(world)
    assert len(forms) >= 5, [f.page for f in forms]
    tables = _tables()
    failures = []
    for form in forms:
        try:
            _attack(form, world.users[form.role], tables)
        except AssertionError as error:
            failures.append(str(error)[:1500])
    assert not failures, f"{len(failures)} of {len(forms)} forms failed:\n\n" + "\n\n".join(failures)
