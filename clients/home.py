"""Extension points so domain apps can add to shared pages without clients importing them.

Imports point one way (clients ← assessments, diary, goals), so the client home and the
client record page cannot ask the domain apps directly. Each domain app registers its
sections in its AppConfig.ready(); the pages render whatever is registered, in order.

A section is a callable (request, client) -> dict | None with keys:
  "template": template name, "context": dict, "order": int (lower first).
Return None to show nothing.
"""

import datetime as dt
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from django.db import DEFAULT_DB_ALIAS
from django.db.models import (
    DEFERRED,
    BooleanField,
    DateField,
    DateTimeField,
    DecimalField,
    F,
    Func,
    IntegerField,
    JSONField,
    OuterRef,
    Subquery,
    UUIDField,
)
from django.db.models.functions import JSONObject
from django.utils import timezone

from accounts.localtime import week_start, zone_of
from config.compiled_query import CompiledQuery

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
# name -> callable(at) -> expression, `at` the moment of the read (below). Page facts (the
# menu's unread count, the crisis banner) are needed on every client page:
# clients.context_processors reads them, with the client's row, once per page; home facts
# only on the home, which reads both.
CLIENT_HOME_FACTS: dict[str, Callable[[Any], Any]] = {}
CLIENT_PAGE_FACTS: dict[str, Callable[[Any], Any]] = {}
MISSING = object()


# What another app needs whenever the client writes something (the safety net's thresholds
# when a diary entry is saved), read with the view's one read of the client's row (write_row)
# instead of reading that row a second time. name -> callable() -> expression over the row.
CLIENT_WRITE_FACTS: dict[str, Callable[[], Any]] = {}
_WRITE_ROW: list = []


def register_client_write_fact(name: str, expression: Callable[[], Any]) -> None:
    CLIENT_WRITE_FACTS[name] = expression


def _record_with_write_facts(user_id):
    from .models import Client

    facts = {f"write_fact_{name}": make() for name, make in CLIENT_WRITE_FACTS.items()}
    return Client.objects.annotate(**facts).filter(user_id=user_id).order_by("pk")[:1]


def write_row(user):
    """The client's own row with the write facts, in one query compiled once per connection
    (a save's read of the client: clients.access.own_client(read=write_row))."""
    if not _WRITE_ROW:  # after every app registered its write facts
        _WRITE_ROW.append(CompiledQuery(_record_with_write_facts, int))
    return _WRITE_ROW[0].first(user.pk)


def register_client_home_fact(name: str, expression: Callable[[Any], Any]) -> None:
    CLIENT_HOME_FACTS[name] = expression


def register_client_page_fact(name: str, expression: Callable[[Any], Any]) -> None:
    CLIENT_PAGE_FACTS[name] = expression


# The moment a client's facts are read, as the values their SQL compares with (today, the
# bounds of today, a window's start): a fact takes them from `at` and never asks the clock,
# so the home's statement has one shape, compiled once per connection and run with new
# values (home_row). name -> (date or datetime, compute(user, now)); apps register theirs.
FACT_MOMENTS: dict[str, tuple[type, Callable[[Any, dt.datetime], Any]]] = {}


def register_fact_moment(name: str, kind: type, compute: Callable[[Any, dt.datetime], Any]) -> None:
    FACT_MOMENTS[name] = (kind, compute)


def moment_for(user, now: dt.datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    return {name: compute(user, now) for name, (_, compute) in FACT_MOMENTS.items()}


register_fact_moment("today", dt.date, lambda user, now: now.astimezone(zone_of(user)).date())
register_fact_moment("week_start", dt.date, lambda user, now: week_start(now.astimezone(zone_of(user)).date()))


def home_fact_expressions(user, *, home: bool = True, at: dict | None = None) -> dict[str, Any]:
    """The facts as annotations; `at` defaults to this moment for `user` (home facts only)."""
    facts = {**CLIENT_PAGE_FACTS, **CLIENT_HOME_FACTS} if home else CLIENT_PAGE_FACTS
    if at is None and home:
        at = moment_for(user)
    return {f"home_fact_{name}": make(at) for name, make in facts.items()}


def _record_with_home_facts(user_id, *moment):
    from .models import Client

    facts = home_fact_expressions(None, at=dict(zip(FACT_MOMENTS, moment, strict=True)))
    therapist = RowsOf(Client.therapist.field.related_model.objects.filter(pk=OuterRef("therapist_id")), *THERAPIST)
    return Client.objects.annotate(**facts, home_therapist=therapist).filter(user_id=user_id).order_by("pk")[:1]


# What the home shows of the therapist (client_home.html: their name, or e-mail address).
THERAPIST = ("id", "name", "email")
_HOME_ROW: list[CompiledQuery] = []


def home_row(user):
    """The client's own row with every page and home fact and their therapist, in one query
    whose SQL is compiled once per connection (the home's read; clients.access.own_client)."""
    from .models import Client

    if not _HOME_ROW:  # after every app registered its facts and moments
        moments = (kind for kind, _ in FACT_MOMENTS.values())
        # Prepared: PostgreSQL plans its twenty-odd subqueries under row security once per session.
        _HOME_ROW.append(CompiledQuery(_record_with_home_facts, int, *moments, prepare=True))
    client = _HOME_ROW[0].first(user.pk, *moment_for(user).values())
    if client is not None:
        therapist = rows_as(Client.therapist.field.related_model, client.home_therapist)
        Client.therapist.field.set_cached_value(client, therapist[0] if therapist else None)
    return client


def remember_home_facts(request, client) -> None:
    """Keep the facts read with the client's row for the rest of this request."""
    names = [name for name in (*CLIENT_PAGE_FACTS, *CLIENT_HOME_FACTS) if hasattr(client, f"home_fact_{name}")]
    request.client_home_facts = {name: getattr(client, f"home_fact_{name}") for name in names}


def _record_with_page_facts(user_id):
    from .models import Client

    facts = home_fact_expressions(None, home=False)
    return Client.objects.annotate(**facts).filter(user_id=user_id).order_by("pk")[:1]


# Every client page runs it: its SQL (a subquery per fact) is compiled once per connection.
PAGE_FACTS = CompiledQuery(_record_with_page_facts, int)


def load_page_facts(request) -> None:
    """A client's page: their own record (the menu asks user.client_record) with the page
    facts, in one query, unless this request read them already (the home)."""
    from .models import Client

    user = request.user
    if hasattr(request, "client_home_facts"):
        return
    client = PAGE_FACTS.first(user.pk)
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


class RowsOf(Subquery):
    """A panel's short list (the rows of a queryset) as one JSON array of objects, one key per
    name in `names` (field attnames or annotations): a scalar subquery read with the client's
    row. rows_as() turns it back into instances. A subquery keeps its order only when sliced:
    otherwise give rows_as the order (and read the fields it sorts on)."""

    output_field = JSONField()
    template = "(SELECT COALESCE(JSON_GROUP_ARRAY(JSON(rows_of.r)), '[]') FROM (%(subquery)s) rows_of)"
    postgresql_template = "(SELECT COALESCE(JSONB_AGG(rows_of.r), '[]'::jsonb) FROM (%(subquery)s) rows_of)"

    def __init__(self, queryset, *names: str):
        fields = {f.attname: f for f in queryset.model._meta.concrete_fields}
        values = {name: _AsJSON(F(name)) if isinstance(fields.get(name), JSONField) else F(name) for name in names}
        super().__init__(queryset.values(r=JSONObject(**values)))

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template=self.postgresql_template, **extra)


class _AsJSON(Func):
    """A JSON column inside JSON_OBJECT: SQLite embeds its text as a string unless marked."""

    template = "%(expressions)s"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="JSON(%(expressions)s)", **extra)


def rows_as(model, rows: list[dict], annotations: dict | None = None, order_by: tuple[str, ...] = ()) -> list:
    """Instances of `model` from RowsOf rows, as the ORM would load them: fields not read are
    deferred; `annotations` maps an annotation's name to the field that converts it;
    `order_by` as QuerySet.order_by takes it (names read, "-" for descending)."""
    names = [f.attname for f in model._meta.concrete_fields]
    fields = {f.attname: f for f in model._meta.concrete_fields}
    converters = {**fields, **(annotations or {})}
    found = []
    for row in rows:
        values = {name: _from_json(converters.get(name), value) for name, value in row.items()}
        instance = model.from_db(DEFAULT_DB_ALIAS, names, [values.get(n, DEFERRED) for n in names])
        for name in row.keys() - fields:  # annotations: plain attributes, as the ORM sets them
            setattr(instance, name, values[name])
        found.append(instance)
    for name in reversed(order_by):  # stable sorts, the last key first
        found.sort(key=attrgetter(name.lstrip("-")), reverse=name.startswith("-"))
    return found


def _from_json(field, value):
    if field is None or value is None:
        return value
    if isinstance(field, DateTimeField):  # SQLite writes naive UTC text, PostgreSQL ISO with offset
        value = field.to_python(value)
        return value if timezone.is_aware(value) else timezone.make_aware(value, dt.UTC)
    if isinstance(field, DateField | BooleanField | DecimalField | UUIDField):
        return field.to_python(value)
    return value


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
