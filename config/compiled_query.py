"""Querysets of a fixed shape whose SQL is built once per database connection.

Why: building a queryset and compiling it to SQL costs more Python time than PostgreSQL takes
to answer a small query (0.3-1 ms for a row with a few annotated subqueries). The queries every
request runs before its own work (the session row, the logged-in user) have the same SQL each
time; only a value changes. A CompiledQuery builds its queryset once per connection with
stand-in values, finds where each stand-in sits among the parameters, and from then on runs
that SQL with the real values and turns the rows into model objects as the queryset would:
the same columns, the same converters, annotations set as attributes.

    USER = CompiledQuery(lambda pk: User.objects.annotate(...).filter(pk=pk)[:1], int)
    users = USER.fetch(user_id)

For querysets of model objects without select_related or prefetching, whose parameters are
ints, strings, dates or datetimes; a value may be used several times (every place it appears
gets the new value). Anything else fails loudly when first compiled.
Per connection because Django's connections are per thread and a compiler holds its own.

CompiledQuery(..., prepare=True) also has PostgreSQL plan the statement once per database
session (PREPARE, then EXECUTE with the values) for a statement whose planning costs more than
running it (the client home's row: some twenty subqueries under row security). Settings turn it
off (DATABASES[...]["PREPARED_STATEMENTS"] = False) where a session does not outlive a
transaction: behind PgBouncer in transaction pooling a prepared statement would be missing, or
another client's, on the next server connection.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import weakref
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import QuerySet
from django.utils import timezone

# Values no query of ours uses; each kind has a different one per parameter position.
_STAND_INS: dict[type, Callable[[int], Any]] = {
    int: lambda n: 2_000_000_011 + n,
    str: lambda n: f"\x1fstand-in {n} of a CompiledQuery\x1f",
    dt.datetime: lambda n: dt.datetime(1901, 2, 3, 4, 5, 6, 7000 + n, tzinfo=dt.UTC),
    dt.date: lambda n: dt.date(1902, 3, 4) + dt.timedelta(days=n),
}


# PostgreSQL's name for each kind of value, for a prepared statement's parameters.
_PG_TYPES = {int: "bigint", str: "text", dt.datetime: "timestamptz", dt.date: "date"}
_PREPARED_NAMES = itertools.count(1)
_PLACEHOLDER = re.compile(r"%%|%s")


def _adapt(kind: type, value: Any, connection) -> Any:
    """The value as the ORM would pass it to the database for a field of this kind."""
    if kind is int:
        return int(value)
    if kind is str:
        if not isinstance(value, str):
            raise TypeError(f"a CompiledQuery string parameter got {value!r}")
        return value
    if kind is dt.date:
        if type(value) is not dt.date:
            raise TypeError(f"a CompiledQuery date parameter got {value!r}")
        return connection.ops.adapt_datefield_value(value)
    if settings.USE_TZ and timezone.is_naive(value):
        raise ValueError(f"a CompiledQuery datetime parameter needs a time zone: {value!r}")
    return connection.ops.adapt_datetimefield_value(value)


class CompiledQuery:
    def __init__(self, build: Callable[..., QuerySet], *kinds: type, prepare: bool = False):
        unknown = [kind for kind in kinds if kind not in _STAND_INS]
        if unknown:
            raise TypeError(f"CompiledQuery parameters are int, str, date or datetime, not {unknown}")
        self.build = build
        self.kinds = kinds
        self.prepare = prepare

    def fetch(self, *values: Any, using: str = "default") -> list:
        connection = connections[using]
        plans = connection.__dict__.setdefault("_compiled_queries", {})
        plan = plans.get(self)
        if plan is None:
            plan = plans[self] = _Plan(self, connection, using)
        return plan.run(values)

    def first(self, *values: Any, using: str = "default"):
        found = self.fetch(*values, using=using)
        return found[0] if found else None


class _Plan:
    """One compiled query on one connection: its SQL, where the values go, how rows become objects."""

    def __init__(self, query: CompiledQuery, connection, using: str):
        stand_ins = [_STAND_INS[kind](n) for n, kind in enumerate(query.kinds)]
        queryset = query.build(*stand_ins).using(using)
        compiler = queryset.query.get_compiler(using=using)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        self.slots = [
            self._slot(n, _adapt(kind, stand_in, connection))
            for n, (kind, stand_in) in enumerate(zip(query.kinds, stand_ins, strict=True))
        ]
        klass_info = compiler.klass_info
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        if (
            klass_info is None
            or klass_info.get("related_klass_infos")
            or queryset._prefetch_related_lookups
            or compiler.has_extra_select
            or compiler.has_composite_fields(fields)
        ):
            raise ValueError("CompiledQuery takes a plain queryset of model objects")
        self.model = klass_info["model"]
        self.start, self.end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.init_list = [column[0].target.attname for column in compiler.select[self.start : self.end]]
        self.annotations = dict(compiler.annotation_col_map or {})
        self.converters = compiler.get_converters(fields)
        self.compiler, self.connection, self.kinds, self.using = compiler, connection, query.kinds, using
        # A name per plan: a plan built again on the same session must not meet an old one.
        prepare = query.prepare and _may_prepare(connection)
        self.prepared_name = f"compiled_query_{next(_PREPARED_NAMES)}" if prepare else None
        self.prepared_on = None  # the database session (psycopg connection) it was prepared on

    def _slot(self, n: int, stand_in: Any) -> list[int]:
        found = [i for i, param in enumerate(self.params) if type(param) is type(stand_in) and param == stand_in]
        if not found:
            raise ValueError(f"CompiledQuery parameter {n} appears 0 times among the query's parameters")
        return found

    def run(self, values: tuple) -> list:
        if len(values) != len(self.kinds):
            raise TypeError(f"CompiledQuery takes {len(self.kinds)} values, got {len(values)}")
        params = list(self.params)
        for slots, kind, value in zip(self.slots, self.kinds, values, strict=True):
            adapted = _adapt(kind, value, self.connection)
            for slot in slots:
                params[slot] = adapted
        with self.connection.cursor() as cursor:
            if self.prepared_name is None:
                cursor.execute(self.sql, params)
            else:
                self._prepare()
                values = [params[slots[0]] for slots in self.slots]
                cursor.execute(f"EXECUTE {self.prepared_name}({', '.join(['%s'] * len(values))})", values)
            rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        found = []
        for row in rows:
            obj = self.model.from_db(self.using, self.init_list, row[self.start : self.end])
            for name, position in self.annotations.items():
                setattr(obj, name, row[position])
            found.append(obj)
        return found

    def _prepare(self) -> None:
        """PREPARE the statement on this database session unless done: a reconnect (same Django
        connection, new session) prepares it again. The values of the slots become $1, $2, ...;
        the query's other parameters are written into the statement as literals."""
        from psycopg import sql

        session = self.connection.connection
        if self.prepared_on is not None and self.prepared_on() is session:
            return
        slot_of = {slot: n for n, slots in enumerate(self.slots) for slot in slots}
        positions = itertools.count()

        def fill(match: re.Match) -> str:
            if match.group() == "%%":
                return "%"
            position = next(positions)
            if position in slot_of:
                return f"${slot_of[position] + 1}"
            return sql.Literal(self.params[position]).as_string(session)

        body = _PLACEHOLDER.sub(fill, self.sql)
        types = ", ".join(_PG_TYPES[kind] for kind in self.kinds)
        session.execute(f"PREPARE {self.prepared_name} ({types}) AS {body}")
        self.prepared_on = weakref.ref(session)


def _may_prepare(connection) -> bool:
    return connection.vendor == "postgresql" and connection.settings_dict.get("PREPARED_STATEMENTS", True)
