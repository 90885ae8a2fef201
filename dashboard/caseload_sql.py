"""The caseload's figures in one SQL statement, as fast as the hand-written floor.

Why hand-written SQL here: the caseload is the page a therapist opens most, and the ORM
version (one annotated queryset plus lookups for scores, schedules and the reliability
override) spent more time compiling expressions and waiting on four round trips than
PostgreSQL spent answering. This statement has the shape of the benchmark's floor query.
Re-timed against one annotated queryset built like `assessments.selectors.latest_scores`
(bench/caseload_orm_vs_sql.py, 100 seeded clients): the ORM figures took 2.5 to 5 times as
long and the page with them missed "three times the floor".

What it does not hand-write are the rules. Every "which rows count" comes from the app that
owns it, compiled by the ORM into a derived table:

- which clients: `clients.access.clients_for(therapist, TREAT)` (the one access policy);
- which diary entries a therapist may count: `diary.selectors.SHARED`;
- which alerts are open and still visible: `safety.selectors.open_visible_alerts`;
- which check-ins are attempts: `goals.models.ATTEMPT_OUTCOMES`.

The statement runs on PostgreSQL and on SQLite (the zero-setup default); only the string
aggregate differs. Values come back through Django's own converters for the field types.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    BooleanField,
    DateField,
    DateTimeField,
    Field,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)

from accounts.models import User
from assessments import change
from assessments.loader import get_instrument
from assessments.models import AssessmentRequest, AssessmentSchedule, ReliabilitySetting, RequestStatus, Score
from clients.access import Action, clients_for
from clients.models import ClientStatus
from diary.models import DiaryEntry
from diary.selectors import SHARED
from goals.models import ATTEMPT_OUTCOMES, CheckIn
from safety.selectors import open_visible_alerts

# {name} is a derived table or expression compiled from the ORM, or a value passed as a parameter.
TEMPLATE = """
SELECT c.id AS client_id, c.display_name, c.practice_id, c.therapist_id, c.status, c.user_id,
       cur.id AS latest_score_id, cur.submitted_at AS last_assessed, cur.anxiety, cur.avoidance, cur.corner,
       base.id AS first_score_id, base.anxiety AS base_anxiety, base.avoidance AS base_avoidance,
       prev.anxiety AS prev_anxiety, prev.avoidance AS prev_avoidance,
       (SELECT min(r.due_date) FROM ({open_requests}) r WHERE r.client_id = c.id) AS next_open_due,
       {diary_recent} AS diary_recent,
       (SELECT max(e.occurred_at) FROM ({shared}) e WHERE e.client_id = c.id) AS last_shared_at,
       COALESCE((SELECT TRUE FROM ({shared}) e
                 WHERE e.client_id = c.id AND e.occurred_at >= {since}
                   AND e.felt_safety <= {low_safety_max} LIMIT 1), FALSE) AS low_safety,
       COALESCE(al.n, 0) AS open_alerts,
       {attempts_recent} AS attempts_recent,
       {schedules} AS schedules,
       rs.anxiety_sd, rs.anxiety_r, rs.avoidance_sd, rs.avoidance_r,
       {deterioration} AS deteriorated
FROM ({clients}) c
{score_joins}
LEFT JOIN ({reliability}) rs ON rs.practice_id = c.practice_id
LEFT JOIN (SELECT a.client_id, count(*) AS n FROM ({open_alerts}) a GROUP BY a.client_id) al ON al.client_id = c.id
ORDER BY c.display_name, c.id
"""
# Columns a caseload needs only for the rows it shows, unless it sorts by them: they are the
# costly third of the statement (a subquery per client each), so the page asks for them
# for its fifty rows in a second statement. Left out, a column is NULL; left out "unless the
# caseload has at most {fit} clients", it is filled when it does (one statement for a
# caseload that fits on a page).
DETAILS = {
    "diary_recent": "(SELECT count(*) FROM ({shared}) e WHERE e.client_id = c.id AND e.occurred_at >= {since})",
    "attempts_recent": """(SELECT count(*) FROM ({attempts}) g
         WHERE g.client_id = c.id AND g.date >= {recent_from} AND g.date <= {today})""",
    "schedules": "(SELECT {aggregate} FROM ({schedules}) sc WHERE sc.client_id = c.id)",
}
# A page's rows with the DETAILS columns alone: their scores and flags are known already.
DETAILS_ONLY = """
SELECT c.id AS client_id, {diary_recent} AS diary_recent, {attempts_recent} AS attempts_recent,
       {schedules} AS schedules
FROM ({clients}) c
"""
DETAIL_FIELDS = ("client_id", "diary_recent", "attempts_recent", "schedules")
# low_safety is a probe with LIMIT 1, not EXISTS: under row-level security PostgreSQL priced
# each EXISTS probe with its policy and answered it by hashing every shared diary entry of the
# practice instead (a parallel scan of the whole table, 50 ms for a caseload of 460).
# The latest, the first and the previous (second latest) score. PostgreSQL gets LATERAL joins:
# with a join on a subquery it hashed the whole score table for a few hundred clients (17 of
# 33 ms). SQLite has no LATERAL, and probes by id anyway.
SCORE_JOINS = {
    "postgresql": """
LEFT JOIN LATERAL (SELECT s.* FROM ({scores}) s WHERE s.client_id = c.id
                   ORDER BY s.submitted_at DESC, s.id DESC LIMIT 1) cur ON true
LEFT JOIN LATERAL (SELECT s.* FROM ({scores}) s WHERE s.client_id = c.id
                   ORDER BY s.submitted_at, s.id LIMIT 1) base ON true
LEFT JOIN LATERAL (SELECT s.* FROM ({scores}) s WHERE s.client_id = c.id
                   ORDER BY s.submitted_at DESC, s.id DESC LIMIT 1 OFFSET 1) prev ON true""",
    "sqlite": """
LEFT JOIN ({scores}) cur ON cur.id = (SELECT s.id FROM ({scores}) s WHERE s.client_id = c.id
                                      ORDER BY s.submitted_at DESC, s.id DESC LIMIT 1)
LEFT JOIN ({scores}) base ON base.id = (SELECT s.id FROM ({scores}) s WHERE s.client_id = c.id
                                        ORDER BY s.submitted_at, s.id LIMIT 1)
LEFT JOIN ({scores}) prev ON prev.id = (SELECT s.id FROM ({scores}) s WHERE s.client_id = c.id
                                        ORDER BY s.submitted_at DESC, s.id DESC LIMIT 1 OFFSET 1)""",
}

# One text per recurring schedule, "start|weeks|end|last requested", joined by ";". The last
# requested date keeps an occurrence already asked (and perhaps submitted) from being "next".
SCHEDULE_TEXT = (
    "CAST(sc.start_date AS TEXT) || '|' || CAST(sc.interval_weeks AS TEXT) || '|' "
    "|| COALESCE(CAST(sc.end_date AS TEXT), '') || '|' || COALESCE(CAST(sc.last_requested AS TEXT), '')"
)
AGGREGATES = {"postgresql": "string_agg({}, ';')", "sqlite": "group_concat({}, ';')"}


@dataclass(slots=True)
class CaseloadRecord:
    """One client's raw caseload figures, before reliable change and flags are judged. The
    statement names its columns after these fields, in this order (`caseload_records` checks),
    so a record is built from a row by position."""

    client_id: int
    display_name: str
    practice_id: int
    therapist_id: int | None
    status: str
    user_id: int | None
    latest_score_id: int | None
    last_assessed: dt.datetime | None
    anxiety: Decimal | None
    avoidance: Decimal | None
    corner: str | None
    first_score_id: int | None
    base_anxiety: Decimal | None
    base_avoidance: Decimal | None
    prev_anxiety: Decimal | None  # the score before the latest (the first when there are two)
    prev_avoidance: Decimal | None
    next_open_due: dt.date | None
    diary_recent: int | None  # None: a DETAILS column left out
    last_shared_at: dt.datetime | None
    low_safety: bool
    open_alerts: int
    attempts_recent: int | None
    schedules: str | None
    anxiety_sd: Decimal | None
    anxiety_r: Decimal | None
    avoidance_sd: Decimal | None
    avoidance_r: Decimal | None
    deteriorated: bool  # assessments.change.reliable_deterioration, judged in SQL (see _deterioration)


RECORD_FIELDS = tuple(CaseloadRecord.__dataclass_fields__)
DETAIL_COLUMNS = frozenset(DETAILS)


def _sql(qs: QuerySet) -> tuple[str, tuple]:
    sql, params = qs.query.sql_with_params()
    return sql, tuple(params)


@functools.cache
def _fixed_fragments(vendor: str) -> dict[str, tuple[str, tuple]]:
    """The derived tables that do not depend on the viewer: compiled once per process."""
    del vendor  # part of the cache key: the compiled SQL differs per database
    return {
        "open_requests": _sql(
            AssessmentRequest.objects.filter(status=RequestStatus.OPEN).order_by().values("client_id", "due_date")
        ),
        "shared": _sql(DiaryEntry.objects.filter(SHARED).order_by().values("client_id", "occurred_at", "felt_safety")),
        "open_alerts": _sql(open_visible_alerts().order_by().values("client_id")),
        "attempts": _sql(CheckIn.objects.filter(outcome__in=ATTEMPT_OUTCOMES).order_by().values("client_id", "date")),
        "schedules": _sql(
            AssessmentSchedule.objects.filter(cancelled_at__isnull=True, interval_weeks__isnull=False)
            .annotate(last_requested=_last_requested())
            .order_by()
            .values("client_id", "start_date", "interval_weeks", "end_date", "last_requested")
        ),
        "scores": _sql(
            Score.objects.filter(instrument=_primary(), target="")
            .order_by()
            .values("id", "client_id", "submitted_at", "anxiety", "avoidance", "corner")
        ),
        "reliability": _sql(
            ReliabilitySetting.objects.filter(instrument=_primary())
            .order_by()
            .values("practice_id", "anxiety_sd", "anxiety_r", "avoidance_sd", "avoidance_r")
        ),
        "deterioration": _deterioration(),
    }


def _deterioration() -> tuple[str, tuple]:
    """The caseload's deterioration flag: `assessments.change.reliable_deterioration` in SQL.

    The latest score (cur) is reliably worse than the first (base) OR the previous (prev) on
    either dimension. A rise d is reliable when d / S_diff ≥ 1.96, S_diff = √2 · SD · √(1 − r);
    SQLite has no square root, so it is tested as d > 0 and d² ≥ 1.96² · 2 · SD² · (1 − r),
    with the threshold (and its tolerance) from the rule module. SD and r are the practice's
    override (rs) or the instrument's defaults. tests/dashboard/test_deterioration_agrees.py
    holds this to the Python rule."""
    instrument = get_instrument(_primary())
    squared = change.sql_squared_threshold()
    tests, params = [], []
    for dim in change.DIMENSIONS:
        sd, r = (float(v) for v in instrument.default_reliability(dim))
        minimum = f"(%s * 2 * COALESCE(rs.{dim}_sd, %s) * COALESCE(rs.{dim}_sd, %s) * (1 - COALESCE(rs.{dim}_r, %s)))"
        for earlier in ("base", "prev"):
            rise = f"(cur.{dim} - {earlier}.{dim})"
            tests.append(f"({rise} > 0 AND {rise} * {rise} >= {minimum})")
            params += [squared, sd, sd, r]
    sql = f"CASE WHEN cur.id IS NULL OR cur.id = base.id THEN FALSE WHEN {' OR '.join(tests)} THEN TRUE ELSE FALSE END"
    return sql, tuple(params)


def _last_requested():
    latest = AssessmentRequest.objects.filter(schedule=OuterRef("pk")).order_by("-due_date").values("due_date")[:1]
    return Subquery(latest, output_field=DateField())


def _primary() -> str:
    from .selectors import PRIMARY_INSTRUMENT

    return PRIMARY_INSTRUMENT


def _assemble(fragments: dict, values: dict, details: frozenset[str], template: str = TEMPLATE) -> tuple[str, list]:
    """Fill the template in reading order so that every placeholder meets its own parameters."""
    template = template.replace("{score_joins}", SCORE_JOINS[connection.vendor])
    for name, text in DETAILS.items():
        left_out = f"CASE WHEN count(*) OVER () <= {{fit}} THEN {text} END" if "fit" in values else "NULL"
        template = template.replace(f"{{{name}}}", text if name in details else left_out)
    sql, params = [], []
    for token in re.split(r"(\{\w+\})", template):
        name = token[1:-1] if token.startswith("{") else None
        if name in fragments:
            fragment_sql, fragment_params = fragments[name]
            sql.append(fragment_sql)
            params.extend(fragment_params)
        elif name in values:
            sql.append("%s")
            params.append(values[name])
        else:
            sql.append(token)
    return "".join(sql), params


def _converters(names: list[str]) -> list[tuple[int, Value, list]]:
    """Django's converters per typed column, so SQLite's text dates and floats come back typed."""
    types = _column_types()
    out = []
    for i, name in enumerate(names):
        if name not in types:
            continue
        expression = Value(None, output_field=types[name])
        funcs = connection.ops.get_db_converters(expression)
        if funcs:
            out.append((i, expression, funcs))
    return out


@functools.cache
def _column_types() -> dict[str, Field]:
    """The columns that need Django's converters, by name; the rest come back as the driver gives them."""
    score = Score._meta.get_field
    reliability = ReliabilitySetting._meta.get_field
    return {
        "last_assessed": DateTimeField(),
        **{name: score(dim) for dim in change.DIMENSIONS for name in (dim, f"base_{dim}", f"prev_{dim}")},
        **{f"{dim}_{fig}": reliability(f"{dim}_{fig}") for dim in change.DIMENSIONS for fig in ("sd", "r")},
        "next_open_due": DateField(),
        "diary_recent": IntegerField(),
        "last_shared_at": DateTimeField(),
        "low_safety": BooleanField(),
        "open_alerts": IntegerField(),
        "attempts_recent": IntegerField(),
        "deteriorated": BooleanField(),
    }


def _compiled_timestamp_loader(cursor) -> None:
    """On PostgreSQL, read this statement's timestamps with psycopg's compiled loader.

    Django registers a pure-Python loader for timestamptz (it re-labels the zone); for two
    timestamps a client over a caseload of hundreds that was most of the time spent reading the
    rows. The compiled loader gives the same instant, zone-aware, labelled with the session's
    zone; this module only compares and converts instants (tests/dashboard/test_caseload_timestamps.py
    holds them to the ORM's values). Only this cursor is changed."""
    if connection.vendor != "postgresql":
        return
    import psycopg
    from psycopg.pq import Format

    oid = psycopg.postgres.types["timestamptz"].oid
    cursor.cursor.adapters.register_loader(oid, psycopg.adapters.get_loader(oid, Format.TEXT))


def _clients_sql(therapist: User, only) -> tuple[str, tuple]:
    """The derived table of clients; raises EmptyResultSet when the policy allows nothing."""
    clients = clients_for(therapist, Action.TREAT).filter(status=ClientStatus.ACTIVE).order_by()
    if only is not None:
        clients = clients.filter(pk__in=list(only))
    return _sql(clients.values("id", "display_name", "practice_id", "therapist_id", "status", "user_id"))


def _inputs(clients_sql, *, since, recent_from, today, **more) -> tuple[dict, dict]:
    ops = connection.ops
    fragments = {
        **_fixed_fragments(connection.vendor),
        "clients": clients_sql,
        "aggregate": (AGGREGATES[connection.vendor].format(SCHEDULE_TEXT), ()),
    }
    values = {
        "since": ops.adapt_datetimefield_value(since),
        "recent_from": ops.adapt_datefield_value(recent_from),
        "today": ops.adapt_datefield_value(today),
        **more,
    }
    return fragments, values


def _fetch(sql: str, params: list, fields: tuple[str, ...]) -> list:
    """The statement's rows, typed by Django's converters where the driver does not type them."""
    with connection.cursor() as cursor:
        _compiled_timestamp_loader(cursor)
        cursor.execute(sql, params)
        names = tuple(column[0] for column in cursor.description)
        if names != fields:
            raise RuntimeError(f"caseload columns {names} do not match {fields}")
        rows = cursor.fetchall()
    converters = _converters(names)
    if not converters:  # PostgreSQL's driver already gives every value its type
        return rows
    typed = []
    for raw in rows:
        row = list(raw)
        for i, expression, funcs in converters:
            for func in funcs:
                row[i] = func(row[i], expression, connection)
        typed.append(row)
    return typed


def caseload_records(therapist: User, *, since: dt.datetime, recent_from: dt.date, today: dt.date, low_safety_max: int,
                     details=DETAIL_COLUMNS, fit=None, only=None) -> list[CaseloadRecord]:  # fmt: skip
    """The therapist's active clients (as the access policy allows) with their raw figures; of
    the DETAILS columns those named in `details`, and the others too when there are at most
    `fit` clients (else None); `only`: these client ids."""
    try:
        clients_sql = _clients_sql(therapist, only)
    except EmptyResultSet:  # the policy allows nothing (e.g. no two-factor yet)
        return []
    more = {"low_safety_max": low_safety_max, **({"fit": fit} if fit is not None else {})}
    fragments, values = _inputs(clients_sql, since=since, recent_from=recent_from, today=today, **more)
    sql, params = _assemble(fragments, values, frozenset(details))
    return [CaseloadRecord(*row) for row in _fetch(sql, params, RECORD_FIELDS)]


def caseload_details(therapist: User, *, since: dt.datetime, recent_from: dt.date, today: dt.date,
                     only) -> dict[int, tuple]:  # fmt: skip
    """client id -> (diary_recent, attempts_recent, schedules) for these clients (a page's rows):
    the DETAILS expressions of caseload_records alone, without working out again the scores
    and flags the page already has."""
    try:
        clients_sql = _clients_sql(therapist, only)
    except EmptyResultSet:
        return {}
    fragments, values = _inputs(clients_sql, since=since, recent_from=recent_from, today=today)
    sql, params = _assemble(fragments, values, DETAIL_COLUMNS, template=DETAILS_ONLY)
    return {row[0]: tuple(row[1:]) for row in _fetch(sql, params, DETAIL_FIELDS)}
