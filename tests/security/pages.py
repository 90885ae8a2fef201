"""Every page of the project as the people who may open it, for checks that apply to all pages.

Built from the access matrix (tests/*/access_rows.py), so a new URL is walked as soon as
its row exists.
"""

from tests.access.matrix import OK
from tests.access.test_access_matrix import _row_modules, all_rows, is_third_party, url_names


def extend(world):
    for module in _row_modules():
        hook = getattr(module, "extend_world", None)
        if hook:
            hook(world)


def pages(world):
    """(name, url, role, method, data) for every GET row and library page."""
    from django.urls import reverse

    found = []
    for name, row in sorted(all_rows().items()):
        url_name = name[:-4] if name.endswith(":get") else name
        try:
            url = reverse(url_name, kwargs=row.kwargs(world) if row.kwargs else None) + row.query
        except Exception:  # noqa: BLE001 - a row of another app's in-progress work
            continue
        if row.method != "get":
            continue
        # Everyone who may open it, plus one refusal from outside the practice and anonymous.
        roles = [role for role, expected in row.expect.items() if expected == OK] + ["anon", "therapist_x"]
        for role in dict.fromkeys(roles):
            found.append((name, url, role, "get", {}))
    for name, route in url_names():
        if is_third_party(name) and "<" not in route and not name.startswith("admin:"):
            for role in ("anon", "client_a", "therapist_a"):
                found.append((name, reverse(name), role, "get", {}))
    return found
