"""Extension points so domain apps can add to shared pages without clients importing them.

Imports point one way (clients ← assessments, diary, goals), so the client home and the
client record page cannot ask the domain apps directly. Each domain app registers its
sections in its AppConfig.ready(); the pages render whatever is registered, in order.

A section is a callable (request, client) -> dict | None with keys:
  "template": template name, "context": dict, "order": int (lower first).
Return None to show nothing.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import IntegerField, Subquery

Section = Callable[[Any, Any], dict | None]

CLIENT_HOME_SECTIONS: list[Section] = []  # the client's own mobile home ("due today")
CLIENT_RECORD_SECTIONS: list[Section] = []  # the therapist's page for one client
CLIENT_WELCOME_SECTIONS: list[Section] = []  # the last onboarding screen (reminder times)
# "Since the last session" (dashboard): callables (request, client, since: date) -> dict | None.
SESSION_PREP_SECTIONS: list = []


# Facts the home's panels and menu need (a count, a yes/no, a date): each a scalar SQL
# expression over the client's row (OuterRef("pk") is the client, OuterRef("user_id") its
# login), read together with that row in one query instead of one query per panel. An app
# builds its expression from the same selector that computes the fact on its other pages.
# name -> callable(user) -> expression. Page facts (the menu's unread count, the crisis
# banner) are needed on every client page: clients.context_processors reads them, with the
# client's row, once per page; home facts only on the home, which reads both.
CLIENT_HOME_FACTS: dict[str, Callable[[Any], Any]] = {}
CLIENT_PAGE_FACTS: dict[str, Callable[[Any], Any]] = {}
MISSING = object()


def register_client_home_fact(name: str, expression: Callable[[Any], Any]) -> None:
    CLIENT_HOME_FACTS[name] = expression


def register_client_page_fact(name: str, expression: Callable[[Any], Any]) -> None:
    CLIENT_PAGE_FACTS[name] = expression


def home_fact_expressions(user, *, home: bool = True) -> dict[str, Any]:
    facts = {**CLIENT_PAGE_FACTS, **CLIENT_HOME_FACTS} if home else CLIENT_PAGE_FACTS
    return {f"home_fact_{name}": make(user) for name, make in facts.items()}


def remember_home_facts(request, client) -> None:
    """Keep the facts read with the client's row for the rest of this request."""
    names = [name for name in (*CLIENT_PAGE_FACTS, *CLIENT_HOME_FACTS) if hasattr(client, f"home_fact_{name}")]
    request.client_home_facts = {name: getattr(client, f"home_fact_{name}") for name in names}


def load_page_facts(request) -> None:
    """A client's page: their own record (the menu asks user.client_record) with the page
    facts, in one query, unless this request read them already (the home)."""
    from .models import Client

    user = request.user
    if hasattr(request, "client_home_facts"):
        return
    client = Client.objects.annotate(**home_fact_expressions(user, home=False)).filter(user=user).first()
    field = Client._meta.get_field("user")
    if not field.remote_field.is_cached(user):  # a view's own_client read it already: keep that one
        field.remote_field.set_cached_value(user, client)
        if client is not None:
            field.set_cached_value(client, user)
    request.client_home_facts = {}
    if client is not None:
        remember_home_facts(request, client)


def home_fact(request, name: str) -> Any:
    """The fact as read with the client's row on this request, or MISSING (then ask the database)."""
    return getattr(request, "client_home_facts", {}).get(name, MISSING)


class CountOf(Subquery):
    """COUNT(*) of a queryset, as a scalar subquery (0 when it has no rows)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) counted)"
    output_field = IntegerField()

    def __init__(self, queryset):
        super().__init__(queryset.order_by().values("pk"))


def register_client_home_section(section: Section) -> Section:
    CLIENT_HOME_SECTIONS.append(section)
    return section


def register_client_record_section(section: Section) -> Section:
    CLIENT_RECORD_SECTIONS.append(section)
    return section


def register_client_welcome_section(section: Section) -> Section:
    CLIENT_WELCOME_SECTIONS.append(section)
    return section


def register_session_prep_section(section) -> None:
    SESSION_PREP_SECTIONS.append(section)


def render_sections(sections: list[Section], request, client) -> list[dict]:
    rendered = []
    for section in sections:
        result = section(request, client)
        if result:
            rendered.append(result)
    return sorted(rendered, key=lambda item: item.get("order", 100))
