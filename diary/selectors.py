"""Reads of the diary. Every read a therapist (or anyone but the client) can trigger goes
through ``visible_entries``, which applies the access policy AND the client's sharing choice.

Public API (stable; other apps — reminders, safety net, dashboard — may import these):

- ``visible_entries(viewer, client=None) -> QuerySet[DiaryEntry]``
    The entries ``viewer`` may see: the client's own entries (all of them) for the client,
    only ``shared=True`` entries for a user with VIEW_CLINICAL on the client (their
    therapist), nothing for anyone else (practice admins included). ``client=None`` means
    across every client the viewer may see. Emotions, tags and comments are prefetched.
- ``get_visible_entry(viewer, pk) -> DiaryEntry``  (Http404 when not visible)
- ``weekly_summary(entries) -> dict``  over an already-filtered entry queryset.
- ``shared_entries_since(client, since) -> QuerySet[DiaryEntry]``
    Shared entries of one client on/after ``since`` (date or aware datetime). Only shared
    entries, so safe to show a therapist — but the caller must have checked access to the
    client (it takes no viewer). Prefer ``visible_entries(therapist, client)`` in views.
- ``shared_counts_since(clients, since) -> dict[int, int]`` (batch: at most two queries
    whatever the number of clients; ``since`` may be one date/datetime or a mapping
    client_id -> date/datetime/None, None meaning "all"; dates are the client's local dates).
- ``last_entry_at_for(clients, *, include_private=False) -> dict[int, datetime | None]``
    (batch). By default only shared entries count, so a therapist-facing page cannot learn
    that private entries exist; pass ``include_private=True`` only for what the client alone
    sees (e.g. reminders to the client).
- ``daily_series(entries, tz) -> list[dict]``  per-day chart data over visible entries.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping

from django.db.models import Avg, Count, Max, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.localtime import zone_named, zone_of
from clients.access import Action, clients_for
from clients.home import CountOf
from clients.models import Client

from .models import Comment, DiaryEntry, DiarySettings, Emotion, EntryEmotion, Reaction, WithWhom
from .pattern import PatternRow

# The one sharing filter: what a therapist may see is exactly what this matches right now.
SHARED = Q(shared=True)


def _with_details(entries: QuerySet[DiaryEntry]) -> QuerySet[DiaryEntry]:
    return entries.select_related("client").prefetch_related(
        "emotions",
        "pattern_tags",
        Prefetch("comments", queryset=Comment.objects.select_related("author")),
    )


def visible_entries(viewer, client: Client | None = None) -> QuerySet[DiaryEntry]:
    """See module docstring. The only gate between diary rows and anyone but their author."""
    own = clients_for(viewer, Action.WRITE_OWN)
    clinical = clients_for(viewer, Action.VIEW_CLINICAL)
    entries = DiaryEntry.objects.filter(Q(client__in=own) | (Q(client__in=clinical) & SHARED))
    if client is not None:
        entries = entries.filter(client=client)
    return _with_details(entries)


def get_visible_entry(viewer, pk: int | str) -> DiaryEntry:
    try:
        return visible_entries(viewer).get(pk=int(pk))
    except (DiaryEntry.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def is_author(viewer, entry: DiaryEntry) -> bool:
    """The client who wrote the entry (may edit, delete, share); nobody else."""
    return clients_for(viewer, Action.WRITE_OWN).filter(pk=entry.client_id).exists()


def start_of_day(day: dt.date, tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=tz)


def week_bounds(monday: dt.date, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    return start_of_day(monday, tz), start_of_day(monday + dt.timedelta(days=7), tz)


def in_week(entries: QuerySet[DiaryEntry], monday: dt.date, tz: dt.tzinfo) -> QuerySet[DiaryEntry]:
    start, end = week_bounds(monday, tz)
    return entries.filter(occurred_at__gte=start, occurred_at__lt=end)


def filter_entries(
    entries: QuerySet[DiaryEntry], *, emotion: str = "", with_whom: str = "", tag: str = ""
) -> QuerySet[DiaryEntry]:
    if emotion in Emotion.values:
        entries = entries.filter(emotions__emotion=emotion)
    if with_whom in WithWhom.values:
        entries = entries.filter(with_whom=with_whom)
    if tag:
        entries = entries.filter(pattern_tags__slug=tag)
    return entries.distinct()


def weekly_summary(entries: QuerySet[DiaryEntry]) -> dict:
    """Most frequent and most intense emotions, average felt safety, reactions counted.

    ``entries`` must already be what the viewer may see (``visible_entries`` …); the summary
    never widens it. Three queries whatever the number of entries.
    """
    ids = entries.order_by().values("pk")
    per_emotion = list(
        EntryEmotion.objects.filter(entry__in=ids)
        .values("emotion")
        .annotate(times=Count("id"), peak=Max("intensity"), mean=Avg("intensity"))
    )
    labels = dict(Emotion.choices)
    rows = [
        {
            "emotion": row["emotion"],
            "label": labels.get(row["emotion"], row["emotion"]),
            "times": row["times"],
            "peak": row["peak"],
            "mean": round(float(row["mean"]), 1),
        }
        for row in per_emotion
    ]
    stats = DiaryEntry.objects.filter(pk__in=ids).aggregate(
        count=Count("id"), safety=Avg("felt_safety"), safety_n=Count("felt_safety")
    )
    reactions: Counter[str] = Counter()
    for chosen in DiaryEntry.objects.filter(pk__in=ids).values_list("reactions", flat=True):
        reactions.update(code for code in (chosen or []) if code in Reaction.values)
    reaction_labels = dict(Reaction.choices)
    return {
        "count": stats["count"],
        "most_frequent": sorted(rows, key=lambda r: (-r["times"], -r["peak"], r["emotion"]))[:5],
        "most_intense": sorted(rows, key=lambda r: (-r["peak"], -r["mean"], r["emotion"]))[:5],
        "avg_felt_safety": round(float(stats["safety"]), 1) if stats["safety"] is not None else None,
        "felt_safety_n": stats["safety_n"],
        "reactions": [
            {"reaction": code, "label": reaction_labels[code], "times": times}
            for code, times in sorted(reactions.items(), key=lambda item: (-item[1], item[0]))
        ],
    }


def _since_datetime(since: dt.date | dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    if isinstance(since, dt.datetime):
        return since
    return start_of_day(since, tz)


def shared_entries_since(client: Client, since: dt.date | dt.datetime) -> QuerySet[DiaryEntry]:
    start = _since_datetime(since, zone_of(client.user))
    return _with_details(DiaryEntry.objects.filter(SHARED, client=client, occurred_at__gte=start))


def _timezones(clients: list[Client]) -> dict[int, dt.tzinfo]:
    """Each client's timezone, in one query (none when the users are already loaded)."""
    names = {c.pk: c.user.timezone for c in clients if c._state.fields_cache.get("user") is not None}
    missing = [c.pk for c in clients if c.pk not in names]
    if missing:
        names.update(Client.objects.filter(pk__in=missing).values_list("pk", "user__timezone"))
    return {pk: zone_named(name) for pk, name in names.items()}


def shared_counts_since(
    clients: Iterable[Client], since: dt.date | dt.datetime | Mapping[int, dt.date | dt.datetime | None]
) -> dict[int, int]:
    """Shared entries per client on/after ``since``; one query. A None start counts all."""
    clients = list(clients)
    counts = dict.fromkeys((c.pk for c in clients), 0)
    if not clients:
        return counts
    starts = since if isinstance(since, Mapping) else dict.fromkeys(counts, since)
    zones = _timezones(clients)
    cond = Q()
    for client in clients:
        start = starts.get(client.pk)
        if start is None:
            cond |= Q(client_id=client.pk)
        else:
            cond |= Q(client_id=client.pk, occurred_at__gte=_since_datetime(start, zones[client.pk]))
    rows = DiaryEntry.objects.filter(SHARED).filter(cond).values("client_id").annotate(n=Count("id")).order_by()
    counts.update({row["client_id"]: row["n"] for row in rows})
    return counts


def last_entry_at_for(clients: Iterable[Client], *, include_private: bool = False) -> dict[int, dt.datetime | None]:
    clients = list(clients)
    result: dict[int, dt.datetime | None] = dict.fromkeys((c.pk for c in clients), None)
    entries = DiaryEntry.objects.filter(client_id__in=result.keys())
    if not include_private:
        entries = entries.filter(SHARED)
    for row in entries.values("client_id").annotate(last=Max("occurred_at")).order_by():
        result[row["client_id"]] = row["last"]
    return result


def _day_bounds(day: dt.date, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    start = start_of_day(day, zone)
    return start, start + dt.timedelta(days=1)


def _written_on(day: dt.date, zone: dt.tzinfo) -> QuerySet[DiaryEntry]:
    return _written_between(*_day_bounds(day, zone))


def _written_between(start: dt.datetime, end: dt.datetime) -> QuerySet[DiaryEntry]:
    return DiaryEntry.objects.filter(occurred_at__gte=start, occurred_at__lt=end)


def today_bounds(user, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The user's local today at `now`, as the instants written_on compares with."""
    zone = zone_of(user)
    return _day_bounds(now.astimezone(zone).date(), zone)


def written_on(client: Client, day: dt.date) -> int:
    """How many entries the client wrote on their local ``day`` (client-facing only)."""
    return _written_on(day, zone_of(client.user)).filter(client=client).count()


def written_today_fact(at):
    """written_on(client, today) as an expression over the client's row: the home reads it
    with that row (clients.home); `at` holds today's bounds (registered in DiaryConfig)."""
    return CountOf(_written_between(at["diary_today_start"], at["diary_today_end"]).filter(client=OuterRef("pk")))


def daily_series(entries: QuerySet[DiaryEntry], tz: dt.tzinfo) -> list[dict]:
    """Per local day: entries, mean felt safety, peak intensity (chart data over visible entries)."""
    days: dict[dt.date, dict] = {}
    for entry in entries.order_by("occurred_at").prefetch_related("emotions"):
        day = timezone.localtime(entry.occurred_at, tz).date()
        slot = days.setdefault(day, {"date": day, "entries": 0, "safety": [], "peak": None})
        slot["entries"] += 1
        if entry.felt_safety is not None:
            slot["safety"].append(entry.felt_safety)
        for emotion in entry.emotions.all():
            slot["peak"] = max(slot["peak"] or 0, emotion.intensity)
    return [
        {
            "date": slot["date"],
            "entries": slot["entries"],
            "avg_felt_safety": round(sum(slot["safety"]) / len(slot["safety"]), 1) if slot["safety"] else None,
            "peak_intensity": slot["peak"],
        }
        for slot in days.values()
    ]


def pattern_rows(entries: QuerySet[DiaryEntry], tz: dt.tzinfo) -> list[PatternRow]:
    """The rows ``pattern.build_map`` counts, from entries the viewer may already see.

    Two queries whatever the number of entries; the maths lives in ``diary.pattern``.
    """
    ids = entries.order_by().values("pk")
    emotions: dict[int, list[str]] = {}
    for entry_id, emotion in EntryEmotion.objects.filter(entry__in=ids).values_list("entry_id", "emotion"):
        emotions.setdefault(entry_id, []).append(emotion)
    rows = DiaryEntry.objects.filter(pk__in=ids).order_by("occurred_at", "pk")
    result = []
    for pk, occurred_at, with_whom, reactions, felt_safety in rows.values_list(
        "pk", "occurred_at", "with_whom", "reactions", "felt_safety"
    ):
        result.append(
            PatternRow(
                month=timezone.localtime(occurred_at, tz).date().replace(day=1),
                with_whom=with_whom,
                reactions=tuple(reactions or ()),
                emotions=tuple(emotions.get(pk, ())),
                felt_safety=felt_safety,
            )
        )
    return result


def pattern_shared_at(client: Client) -> dt.datetime | None:
    """When the client shared their pattern map with their therapist; None when not shared."""
    return DiarySettings.objects.filter(client=client).values_list("pattern_shared_at", flat=True).first()
