"""The access matrix: for every URL pattern, what each kind of user gets.

Each app keeps its rows in tests/<app>/access_rows.py:

    ROWS = {"diary:entry_detail": Row(kwargs=lambda w: {"pk": w.extra["entry_a"].pk},
                                     expect=expect(client_a=OK, therapist_a=OK))}
    def extend_world(world): world.extra["entry_a"] = ...   # optional

`expect()` starts from the safest answer for everyone (anonymous → login, everybody else
→ 404) and lists the exceptions, so a forgotten role fails closed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

OK = 200
LOGIN = "login"  # redirect to the login page
REDIRECT = "redirect"  # any other 3xx
ANY = "any"  # anything but a server error (third-party pages)
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405

ROLES = ("anon", "client_a", "client_b", "therapist_a", "therapist_other", "admin", "therapist_x", "admin_x")


def expect(default=NOT_FOUND, anon=LOGIN, **overrides) -> dict:
    unknown = set(overrides) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {unknown}")
    table = {role: default for role in ROLES}
    table["anon"] = anon
    table.update(overrides)
    return table


def role_page(role: str, **overrides) -> dict:
    """A page for one role (caseload, client home, admin pages): others get 403."""
    holders = {
        "client": ("client_a", "client_b"),
        "therapist": ("therapist_a", "therapist_other", "therapist_x"),
        "admin": ("admin", "admin_x"),
    }[role]
    return expect(default=FORBIDDEN, **{r: OK for r in holders}, **overrides)


def everyone(outcome=OK, **overrides) -> dict:
    """A page every logged-in user may open (their own settings, …)."""
    return expect(default=outcome, **overrides)


@dataclass
class Row:
    expect: dict
    kwargs: Callable | None = None  # world -> URL kwargs
    method: str = "get"
    data: Callable | None = None  # world -> POST data
    query: str = ""
    notes: str = ""
    extra: dict = field(default_factory=dict)


# Pages that belong to installed libraries; they hold no client data. They are walked too,
# so a crash or a data leak there would still show, but any non-500 answer is accepted.
THIRD_PARTY_PREFIXES = ("account_", "mfa_", "usersessions_", "admin:", "set_language", "django.")
