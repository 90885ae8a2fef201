"""Walks every URL pattern as every kind of user (see matrix.py for the row format)."""

import importlib
import pathlib

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client as HttpClient
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access.matrix import ANY, LOGIN, REDIRECT, ROLES, THIRD_PARTY_PREFIXES, Row

TESTS_DIR = pathlib.Path(__file__).resolve().parent.parent


def _row_modules():
    for path in sorted(TESTS_DIR.glob("*/access_rows.py")):
        yield importlib.import_module(f"tests.{path.parent.name}.access_rows")


def all_rows() -> dict[str, Row]:
    rows: dict[str, Row] = {}
    for module in _row_modules():
        for name, row in module.ROWS.items():
            assert name not in rows, f"two rows for {name}"
            rows[name] = row
    return rows


def url_names(patterns=None, namespace: str = "", prefix: str = "") -> list[tuple[str, str]]:
    """(name, route) for every pattern, the route including its includes' (so "keys/<int:pk>/"
    of an include shows that its "remove/" needs arguments); unnamed patterns get their route as name."""
    found = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += url_names(entry.url_patterns, ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            found.append(
                (
                    f"{namespace}{entry.name}" if entry.name else f"{namespace}<unnamed {entry.pattern}>",
                    prefix + str(entry.pattern),
                )
            )
    return found


def is_third_party(name: str) -> bool:
    return name.startswith(THIRD_PARTY_PREFIXES)


def test_every_url_pattern_has_a_row():
    rows = all_rows()
    missing = sorted({name for name, _ in url_names() if not is_third_party(name) and name not in rows})
    assert not missing, f"URL patterns without an access-matrix row: {missing}"
    stale = sorted(set(rows) - {name for name, _ in url_names()} - {n for n in rows if ":get" in n[-4:]})
    assert not stale, f"rows for URL names that no longer exist: {stale}"


def _check(response, expected, name, role):
    status = response.status_code
    where = f"{name} as {role}: got {status} {response.get('Location', '')}"
    assert status != 500, where
    if expected == ANY:
        return
    if expected == LOGIN:
        login = reverse(settings.LOGIN_URL)
        assert status == 302 and response["Location"].startswith(login), where
    elif expected == REDIRECT:
        assert status in (301, 302, 303), where
        assert not response["Location"].startswith(reverse(settings.LOGIN_URL)), where
    else:
        assert status == expected, where


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(all_rows()))
def test_access_matrix(name, world):
    for module in _row_modules():
        extend = getattr(module, "extend_world", None)
        if extend:
            extend(world)
    row = all_rows()[name]
    url_name = name[:-4] if name.endswith(":get") else name
    url = reverse(url_name, kwargs=row.kwargs(world) if row.kwargs else None) + row.query
    failures = []
    for role in ROLES:
        user = world.users[role]
        # Each role starts from the same data: a POST by one role is rolled back.
        with transaction.atomic():
            http = HttpClient()
            if user is not None:
                http.force_login(user)
            if row.method == "post":
                response = http.post(url, row.data(world) if row.data else {})
            else:
                response = http.get(url)
            try:
                _check(response, row.expect[role], name, role)
            except AssertionError as error:
                failures.append(str(error))
            transaction.set_rollback(True)
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_third_party_pages_do_not_crash(world):
    """Library pages hold no client data, but they must not fail for any role either."""
    for name, route in url_names():
        if not is_third_party(name) or "<" in route:
            continue
        for role, user in world.users.items():
            http = HttpClient()
            if user is not None:
                http.force_login(user)
            response = http.get(reverse(name))
            assert response.status_code != 500, f"{name} as {role}"
