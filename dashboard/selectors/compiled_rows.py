"""A values() queryset about one client, as one viewer may see it, compiled once per connection.

Why: the progress page's diary statement (two aggregates over the diary's own rule of what the
viewer may see, side by side) took ~4 ms of Python per view to build and compile, several times
what PostgreSQL takes to answer it. Its SQL has the same shape for every viewer of one role
(clients.access.clients_for narrows by role) and every client in one time zone; only the
viewer's id and practice, the client's id and a moment change. So it is built once per
connection, role and zone with stand-in values, and from then on run with the real ones; rows
come back as the queryset's dicts, through the same converters.

A viewer who is not cleared (clients.access.is_cleared: no rows for them at all) goes through
the queryset itself every time.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

from accounts.models import User
from clients.access import is_cleared
from clients.models import Client

# Values no row of ours has: the viewer's id, their practice, the client's id, the moment or day.
_VIEWER, _PRACTICE, _CLIENT = 2_000_000_021, 2_000_000_022, 2_000_000_023
_SINCE = {dt.datetime: dt.datetime(1901, 2, 3, 4, 5, 6, 7021, tzinfo=dt.UTC), dt.date: dt.date(1902, 3, 5)}

Build = Callable[[User, Client, dt.datetime | dt.date, dt.tzinfo], QuerySet]


class CompiledRows:
    def __init__(self, build: Build):
        self.build = build

    def rows(self, viewer: User, client: Client, since: dt.datetime | dt.date, tz: dt.tzinfo, using="default") -> list:
        """What list(self.build(viewer, client, since, tz)) gives."""
        if not is_cleared(viewer):
            return list(self.build(viewer, client, since, tz).using(using))
        connection = connections[using]
        plans = connection.__dict__.setdefault("_compiled_rows", {})
        key = (self, viewer.role, str(tz), type(since))
        plan = plans.get(key)
        if plan is None:
            plan = plans[key] = _RowsPlan(self.build, viewer, client, type(since), tz, connection, using)
        return plan.run(viewer, client, since)


class _RowsPlan:
    """The SQL for one role and zone on one connection, where each value goes, the row names."""

    def __init__(self, build: Build, viewer: User, client: Client, kind: type, tz: dt.tzinfo, connection, using: str):
        # Copies carrying stand-ins: the role, the second factor read for this request and the
        # client's other fields stay as they are.
        fake_viewer, fake_client = copy.copy(viewer), copy.copy(client)
        fake_viewer.pk, fake_viewer.practice_id, fake_client.pk = _VIEWER, _PRACTICE, _CLIENT
        queryset = build(fake_viewer, fake_client, _SINCE[kind], tz).using(using)
        query = queryset.query
        self.compiler = query.get_compiler(using=using)
        try:
            self.sql, params = self.compiler.as_sql()
        except EmptyResultSet:  # nothing for this role at all (e.g. an admin: no diary figures)
            self.sql, params = None, []
        self.params = list(params)
        self.adapt = (
            connection.ops.adapt_datetimefield_value if kind is dt.datetime else connection.ops.adapt_datefield_value
        )
        self.slots = {
            name: self._slots(stand_in) for name, stand_in in self._stand_ins(self.adapt(_SINCE[kind])).items()
        }
        if self.sql is not None and not self.slots["client"]:
            raise ValueError("CompiledRows: the client must be among the query's parameters")
        self.names = (
            list(query.selected)
            if query.selected
            else [*query.extra_select, *query.values_select, *query.annotation_select]
        )
        self.connection = connection

    @staticmethod
    def _stand_ins(since: Any) -> dict[str, Any]:
        return {"viewer": _VIEWER, "practice": _PRACTICE, "client": _CLIENT, "since": since}

    def _slots(self, stand_in: Any) -> list[int]:
        return [i for i, param in enumerate(self.params) if type(param) is type(stand_in) and param == stand_in]

    def run(self, viewer: User, client: Client, since: dt.datetime | dt.date) -> list[dict]:
        values = {
            "viewer": int(viewer.pk),
            "practice": int(viewer.practice_id),
            "client": int(client.pk),
            "since": self.adapt(since),
        }
        if self.sql is None:
            return []
        params = list(self.params)
        for name, slots in self.slots.items():
            for slot in slots:
                params[slot] = values[name]
        with self.connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        names = self.names
        return [dict(zip(names, row, strict=True)) for row in self.compiler.results_iter([rows])]
