"""Caseload figures: the hand-written SQL (dashboard.caseload_sql) against one annotated ORM
queryset built like assessments.selectors.latest_scores; and the caseload's rows as Python
strings (dashboard.presenters.caseload) against the same rows through a compiled template.

A script, not a test. Run dashboard_bench.py with --keep first, then on the same database:

    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/securebase BENCH_DATABASE_NAME=securebase_bench \\
        .venv/bin/python bench/caseload_orm_vs_sql.py [--runs 40]

Prints p50/p95 per variant for the 40-client therapist and the other one, after checking that
the ORM variant computes the same figures as the SQL one (or its times would mean nothing).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROW_TEMPLATE = """{% load i18n dashboard_tags %}{% for r in rows %}<tr{% if r.flags %} class="sb-flagged"{% endif %}>\
<th scope="row"><a href="{% url 'dashboard:client_progress' r.client.pk %}">\
{{ r.client.display_name }}</a></th><td class="sb-date" data-label="{{ labels.assessed }}">\
{{ r.last_assessed|date:"SHORT_DATE_FORMAT"|default:"—" }}</td>\
<td class="sb-scores" data-label="{{ labels.scores }}">{% if r.has_scores %}\
<span class="text-nowrap">{{ r.anxiety|score }} <span class="text-muted">/</span> {{ r.avoidance|score }}</span>\
<div class="sb-corner">{{ r.corner_label|default:"—" }}</div>\
{% else %}—{% endif %}</td>\
<td class="sb-change" data-label="{{ labels.change }}">{% if r.change_anxiety and r.change_avoidance %}\
<div class="text-nowrap">{{ anx }} {% change_mark r.change_anxiety %}</div>\
<div class="text-nowrap">{{ avo }} {% change_mark r.change_avoidance %}</div>{% elif r.has_scores %}\
<span class="text-muted">{{ baseline_only }}</span>{% else %}—{% endif %}</td>\
<td class="sb-due" data-label="{{ labels.due }}">{% if r.overdue_days %}<span class="sb-worse text-nowrap">\
{% blocktranslate count days=r.overdue_days %}{{ days }} day overdue{% plural %}{{ days }} days overdue\
{% endblocktranslate %}</span>{% else %}{{ r.next_due|date:"SHORT_DATE_FORMAT"|default:"—" }}{% endif %}</td>\
<td class="sb-num" data-label="{{ labels.diary }}">{{ r.diary_recent }}</td>\
<td class="sb-num" data-label="{{ labels.attempts }}">{{ r.attempts_recent }}</td>\
<td class="sb-flags" data-label="{{ labels.flags }}">{% for flag in r.flags %}\
<span class="badge sb-flag sb-flag-{{ flag }}" \
title="{{ flag|flag_label }}"><span aria-hidden="true">{{ flag|flag_label }}</span>\
<span class="visually-hidden">{{ flag|flag_label }}</span></span> {% empty %}<span class="visually-hidden">none</span>\
{% endfor %}</td></tr>
{% endfor %}"""


def orm_records(therapist, *, since, recent_from, today, low_safety_max):
    """The same figures as caseload_sql.caseload_records from one annotated queryset (plus one
    query for the schedules, which need a string aggregate the ORM has only on PostgreSQL);
    deterioration judged in Python by assessments.change."""
    from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from assessments import change
    from assessments.models import AssessmentRequest, AssessmentSchedule, ReliabilitySetting, RequestStatus, Score
    from clients.access import Action, clients_for
    from clients.models import ClientStatus
    from dashboard.caseload_sql import CaseloadRecord, _last_requested
    from dashboard.references import reliability_for
    from dashboard.selectors.common import PRIMARY_INSTRUMENT, primary_instrument
    from diary.models import DiaryEntry
    from diary.selectors import SHARED
    from goals.models import ATTEMPT_OUTCOMES, CheckIn
    from safety.selectors import open_visible_alerts

    def count(qs):
        grouped = qs.order_by().values("client_id").annotate(n=Count("id")).values("n")
        return Coalesce(Subquery(grouped, output_field=IntegerField()), 0)

    def one(qs, field, offset=0):
        return Subquery(qs.values(field)[offset : offset + 1])

    mine = {"client": OuterRef("pk")}
    scores = Score.objects.filter(instrument=PRIMARY_INSTRUMENT, target="", **mine)
    newest, oldest = scores.order_by("-submitted_at", "-id"), scores.order_by("submitted_at", "id")
    shared = DiaryEntry.objects.filter(SHARED, **mine)
    override = ReliabilitySetting.objects.filter(practice=OuterRef("practice_id"), instrument=PRIMARY_INSTRUMENT)
    rows = (
        clients_for(therapist, Action.TREAT)
        .filter(status=ClientStatus.ACTIVE)
        .annotate(
            latest_score_id=one(newest, "id"),
            last_assessed=one(newest, "submitted_at"),
            anxiety=one(newest, "anxiety"),
            avoidance=one(newest, "avoidance"),
            corner=one(newest, "corner"),
            first_score_id=one(oldest, "id"),
            base_anxiety=one(oldest, "anxiety"),
            base_avoidance=one(oldest, "avoidance"),
            prev_anxiety=one(newest, "anxiety", 1),
            prev_avoidance=one(newest, "avoidance", 1),
            next_open_due=one(
                AssessmentRequest.objects.filter(status=RequestStatus.OPEN, **mine).order_by("due_date"), "due_date"
            ),
            diary_recent=count(shared.filter(occurred_at__gte=since)),
            last_shared_at=one(shared.order_by("-occurred_at"), "occurred_at"),
            low_safety=Exists(shared.filter(occurred_at__gte=since, felt_safety__lte=low_safety_max)),
            open_alerts=count(open_visible_alerts().filter(**mine)),
            attempts_recent=count(CheckIn.objects.filter(outcome__in=ATTEMPT_OUTCOMES, date__gte=recent_from,
                                                         date__lte=today, **mine)),
            anxiety_sd=one(override, "anxiety_sd"),
            anxiety_r=one(override, "anxiety_r"),
            avoidance_sd=one(override, "avoidance_sd"),
            avoidance_r=one(override, "avoidance_r"),
        )
        .order_by("display_name", "id")
        .values()
    )  # fmt: skip
    rows = list(rows)
    schedules: dict[int, list[str]] = {}
    for s in (
        AssessmentSchedule.objects.filter(
            client_id__in=[r["id"] for r in rows], cancelled_at__isnull=True, interval_weeks__isnull=False
        )
        .annotate(last=_last_requested())
        .values_list("client_id", "start_date", "interval_weeks", "end_date", "last")
    ):
        text = "|".join("" if v is None else str(v) for v in s[1:])
        schedules.setdefault(s[0], []).append(text)
    instrument, figures_by = primary_instrument(), {}
    fields = CaseloadRecord.__dataclass_fields__
    records = []
    for r in rows:
        key = (r["anxiety_sd"], r["anxiety_r"], r["avoidance_sd"], r["avoidance_r"])
        if key not in figures_by:
            setting = (
                None
                if key[0] is None
                else ReliabilitySetting(anxiety_sd=key[0], anxiety_r=key[1], avoidance_sd=key[2], avoidance_r=key[3])
            )
            figures_by[key] = reliability_for(instrument, setting)
        figures = figures_by[key]
        deteriorated = False
        if r["latest_score_id"] is not None and r["latest_score_id"] != r["first_score_id"]:
            judged = {
                earlier: {d: change.reliable_change(r[f"{earlier}_{d}"], r[d], *figures[d]) for d in change.DIMENSIONS}
                for earlier in ("base", "prev")
            }
            deteriorated = bool(change.reliable_deterioration(judged["base"], judged["prev"]))
        values = {name: r.get(name) for name in fields}
        values.update(client_id=r["id"], deteriorated=deteriorated, schedules=";".join(schedules.get(r["id"], [])))
        records.append(CaseloadRecord(**values))
    return records


def bench_url(base: str, name: str) -> str:
    parts = urlparse(base)
    if not parts.scheme.startswith("postgres"):
        sys.exit("DATABASE_URL must point at PostgreSQL")
    return urlunparse(parts._replace(path=f"/{name}"))


def check_same(sql_records, orm_records_) -> None:
    """Every figure the page uses agrees, or comparing the times means nothing."""
    assert [r.client_id for r in sql_records] == [r.client_id for r in orm_records_], "different clients"
    for a, b in zip(sql_records, orm_records_, strict=True):
        for name in a.__dataclass_fields__:
            if name == "schedules":  # same schedules, possibly in another order
                assert sorted((a.schedules or "").split(";")) == sorted((b.schedules or "").split(";")), (a, b)
                continue
            assert getattr(a, name) == getattr(b, name), (name, getattr(a, name), getattr(b, name))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:5432/securebase")
    os.environ["DATABASE_URL"] = bench_url(base, os.environ.get("BENCH_DATABASE_NAME", "securebase_bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "false"
    import django

    django.setup()
    run(args)


def run(args) -> None:
    from django.template import engines
    from django.test import RequestFactory
    from django.utils import timezone, translation

    from accounts.models import Practice, User
    from bench.dashboard_bench import percentiles
    from dashboard import selectors
    from dashboard.presenters.caseload import caseload_columns

    practice = Practice.objects.get(name="Bench practice")
    now, today = timezone.now(), timezone.localdate()
    window = dict(
        since=now - dt.timedelta(days=selectors.RECENT_DAYS),
        recent_from=today - dt.timedelta(days=selectors.RECENT_DAYS - 1),
        today=today,
        low_safety_max=selectors.LOW_SAFETY_MAX,
    )
    template = engines["django"].from_string(ROW_TEMPLATE)  # compiled once, as the cached loader keeps it
    request = RequestFactory().get("/")

    def rows_from_template(rows):
        labels = {c["key"]: " / ".join(label for _k, label in c["parts"]) for c in caseload_columns()}
        context = {"rows": rows, "labels": labels, "anx": "anx.", "avo": "avo.", "baseline_only": "baseline only"}
        return template.render(context, request)

    def line(label, samples):
        p50, p95 = percentiles(samples)
        print(f"{label:<58} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")

    translation.activate("en")
    for name in ("Therapist 40", "Therapist rest"):
        compare(User.objects.get(practice=practice, name=name), window, now, today, args.runs, line, rows_from_template)


def compare(therapist, window, now, today, runs, line, rows_from_template) -> None:
    from bench.dashboard_bench import time_call
    from dashboard import selectors
    from dashboard.caseload_sql import caseload_records
    from dashboard.presenters.caseload import caseload_rows_html

    sql = caseload_records(therapist, **window)
    check_same(sql, orm_records(therapist, **window))
    rows = selectors.caseload(therapist, now=now, today=today)
    n = len(rows)
    print(f"\n{therapist.name}: {n} clients (figures agree)")
    line(
        f"  figures, hand-written SQL (caseload_sql), {n}",
        time_call(lambda: caseload_records(therapist, **window), runs),
    )
    line(
        f"  figures, annotated ORM queryset + schedules, {n}", time_call(lambda: orm_records(therapist, **window), runs)
    )
    line(f"  rows HTML, Python strings (presenters), {n}", time_call(lambda: caseload_rows_html(rows), runs))
    line(f"  rows HTML, compiled template, {n}", time_call(lambda: rows_from_template(rows), runs))
    sizes = len(caseload_rows_html(rows)), len(rows_from_template(rows))
    print(f"  sizes: Python strings {sizes[0]} chars, template {sizes[1]} chars")
    page_with_orm(therapist, n, runs, line)


def page_with_orm(therapist, n: int, runs: int, line) -> None:
    """The whole caseload page as it is, then with the ORM figures swapped in."""
    from django.test import Client as HttpClient
    from django.urls import reverse

    from bench.dashboard_bench import time_get
    from dashboard.selectors import caseload_rows as module

    http = HttpClient()
    http.force_login(therapist)
    url = reverse("dashboard:caseload")
    line(f"  caseload page, hand-written SQL, {n}", time_get(http, url, runs)[0])
    sql = module.caseload_records
    module.caseload_records = orm_records
    try:
        line(f"  caseload page, annotated ORM queryset, {n}", time_get(http, url, runs)[0])
    finally:
        module.caseload_records = sql


if __name__ == "__main__":
    main()
