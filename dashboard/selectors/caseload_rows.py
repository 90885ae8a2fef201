"""The caseload: one SQL statement over the therapist's clients (`caseload_sql`: latest, first
and previous score, next due request and schedules, shared diary counts, open alerts, goal
attempts, the practice's reliability override, reliable deterioration). Sorting and filtering
happen in Python on those rows. A caseload may hold hundreds of clients of which a page shows
fifty, so a row sets what filters, sorts and counts (flags, scores, counts) at once and works
out the rest (client object, reliable change, next questionnaire, corner words) when read.

Sharing: every diary figure is computed from `diary.selectors.SHARED`, the diary's own
definition of what a therapist may see. Private entries are never counted, not even as
"last entry at", so a page cannot reveal that a private entry exists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.utils import timezone

from accounts.models import User
from assessments import change
from assessments.models import ReliabilitySetting
from assessments.selectors import next_occurrence
from clients.models import Client

from ..caseload_sql import DETAIL_COLUMNS, CaseloadRecord, caseload_details, caseload_records
from ..references import reliability_for
from .common import judge, primary_instrument

RECENT_DAYS = 7  # "in the last 7 days" columns
OVERDUE_FLAG_DAYS = 14
NO_DIARY_FLAG_DAYS = 10
LOW_SAFETY_MAX = 2  # felt safety 0–2 on a shared entry in the recent window raises a flag

FLAG_DETERIORATION = "deterioration"
FLAG_OVERDUE = "overdue"
FLAG_NO_DIARY = "no_diary"
FLAG_LOW_SAFETY = "low_safety"
FLAG_ALERT = "open_alert"  # the safety net's open alerts for this client
FLAGS = (FLAG_ALERT, FLAG_DETERIORATION, FLAG_OVERDUE, FLAG_NO_DIARY, FLAG_LOW_SAFETY)


# The client fields a caseload row carries, in model order as Model.from_db expects.
CLIENT_FIELDS_FROM = {"id": "client_id"}
CLIENT_FIELDS = [
    f.attname
    for f in Client._meta.concrete_fields
    if f.attname in {"id", "display_name", "practice_id", "therapist_id", "status", "user_id"}
]


class _Figures:
    """The reliability figures per practice override met on this caseload (usually one)."""

    def __init__(self):
        self.instrument = primary_instrument()
        self._seen: dict[tuple, dict] = {}

    def __call__(self, c: CaseloadRecord) -> dict:
        key = (c.anxiety_sd, c.anxiety_r, c.avoidance_sd, c.avoidance_r)
        if key not in self._seen:
            override = None
            if c.anxiety_sd is not None:
                override = ReliabilitySetting(
                    anxiety_sd=c.anxiety_sd,
                    anxiety_r=c.anxiety_r,
                    avoidance_sd=c.avoidance_sd,
                    avoidance_r=c.avoidance_r,
                )
            self._seen[key] = reliability_for(self.instrument, override)
        return self._seen[key]


@dataclass(slots=True)
class _Context:
    """What every row of one caseload shares: the day, the language and the reliability figures."""

    today: dt.date
    language: str
    instrument: object
    figures: _Figures


class CaseloadRow:
    """One active client's figures and flags. Flags, scores and counts are set for every row
    (they filter, sort and count the whole caseload); the client object, the reliable change,
    the next questionnaire date and the corner's words are worked out when first read, because
    a page shows fifty rows of a caseload that may hold hundreds. Each is the same function's
    answer whenever it is read."""

    def __init__(self, record: CaseloadRecord, context: _Context):
        self._record = record
        self._context = context
        self.client_id: int = record.client_id
        self.display_name: str = record.display_name
        self.last_assessed: dt.datetime | None = record.last_assessed
        self.anxiety: Decimal | None = record.anxiety
        self.avoidance: Decimal | None = record.avoidance
        self.corner: str = record.corner or ""
        self.diary_recent: int = record.diary_recent
        self.last_shared_at: dt.datetime | None = record.last_shared_at
        self.attempts_recent: int = record.attempts_recent
        self.low_safety: bool = bool(record.low_safety)
        self.open_alerts: int = record.open_alerts
        due = record.next_open_due
        self.overdue_days: int = (context.today - due).days if due and due < context.today else 0
        self.flags: list[str] = []

    @property
    def has_scores(self) -> bool:
        return self.anxiety is not None

    @cached_property
    def client(self) -> Client:
        # As the ORM builds rows (other fields deferred): Client(...) would compute defaults.
        c = self._record
        return Client.from_db(
            "default", CLIENT_FIELDS, [getattr(c, CLIENT_FIELDS_FROM.get(name, name)) for name in CLIENT_FIELDS]
        )

    @cached_property
    def corner_label(self) -> str:
        return self._context.instrument.corner_label(self.corner, self._context.language) if self.corner else ""

    @cached_property
    def _changes(self) -> tuple[change.Change | None, change.Change | None]:
        c = self._record
        if c.first_score_id == c.latest_score_id:  # fewer than two scores: no change to judge
            return None, None
        figures = self._context.figures(c)
        return judge(c.base_anxiety, c.anxiety, figures["anxiety"]), judge(
            c.base_avoidance, c.avoidance, figures["avoidance"]
        )

    @property
    def change_anxiety(self) -> change.Change | None:
        return self._changes[0]

    @property
    def change_avoidance(self) -> change.Change | None:
        return self._changes[1]

    @cached_property
    def next_due(self) -> dt.date | None:
        return self._record.next_open_due or _next_scheduled(self._record.schedules, self._context.today)

    def with_details(self, diary_recent: int, attempts_recent: int, schedules: str | None) -> CaseloadRow:
        """The row with caseload_sql's DETAILS columns filled in (none of them moves a flag)."""
        self._record.diary_recent = self.diary_recent = diary_recent
        self._record.attempts_recent = self.attempts_recent = attempts_recent
        self._record.schedules = schedules
        self.__dict__.pop("next_due", None)
        return self


def _next_scheduled(schedules: str | None, today: dt.date) -> dt.date | None:
    """The earliest next date among "start|weeks|end|last requested;…" (recurring schedules, as
    the query joins them), by the assessments app's rule (see next_occurrence)."""
    dates = []
    for text in (schedules or "").split(";"):
        if not text:
            continue
        start, weeks, end, last = text.split("|")
        nxt = next_occurrence(
            dt.date.fromisoformat(start[:10]),
            int(weeks),
            dt.date.fromisoformat(end[:10]) if end else None,
            today,
            dt.date.fromisoformat(last[:10]) if last else None,
        )
        if nxt:
            dates.append(nxt)
    return min(dates, default=None)


def _flags(row: CaseloadRow, c: CaseloadRecord, no_diary_before: dt.datetime) -> list[str]:
    """The row's flags; deterioration is assessments.change's rule, judged in the caseload's SQL
    (worse than the baseline OR the previous score), as the digest and the safety net judge it."""
    checks = (
        (FLAG_ALERT, bool(c.open_alerts)),
        (FLAG_DETERIORATION, bool(c.deteriorated)),
        (FLAG_OVERDUE, row.overdue_days > OVERDUE_FLAG_DAYS),
        (FLAG_NO_DIARY, c.last_shared_at is None or c.last_shared_at < no_diary_before),
        (FLAG_LOW_SAFETY, bool(c.low_safety)),
    )
    return [flag for flag, raised in checks if raised]


def _recent(now: dt.datetime, today: dt.date) -> dict:
    """The "last 7 days" windows every caseload statement counts in."""
    return {
        "since": now - dt.timedelta(days=RECENT_DAYS),
        "recent_from": today - dt.timedelta(days=RECENT_DAYS - 1),
        "today": today,
    }


def caseload(
    therapist: User,
    *,
    now: dt.datetime | None = None,
    today: dt.date | None = None,
    details: frozenset[str] = DETAIL_COLUMNS,
    fit: int | None = None,
    only: list[int] | None = None,
) -> list[CaseloadRow]:
    """Every active client of the therapist (or those in `only`) with figures and flags. One
    query in all. `details`: which of caseload_sql.DETAILS to fill; the others stay None,
    unless the caseload has at most `fit` clients."""
    now = now or timezone.now()
    today = today or timezone.localdate()
    records = caseload_records(
        therapist,
        **_recent(now, today),
        low_safety_max=LOW_SAFETY_MAX,
        details=details,
        fit=fit,
        only=only,
    )
    figures = _Figures()
    context = _Context(today, getattr(therapist, "language", "en") or "en", figures.instrument, figures)
    no_diary_before = now - dt.timedelta(days=NO_DIARY_FLAG_DAYS)
    rows = []
    for c in records:
        row = CaseloadRow(c, context)
        row.flags = _flags(row, c, no_diary_before)
        rows.append(row)
    return rows


@dataclass
class CaseloadPage:
    page: Page  # of complete CaseloadRows
    total: int  # active clients
    flagged: int  # of them with at least one flag
    flagged_elsewhere: int  # flagged rows of the sorted, filtered list that are on other pages


# Sorting by one of these needs its caseload_sql.DETAILS column for every client.
DETAIL_SORTS = {"due": "schedules", "diary": "diary_recent", "attempts": "attempts_recent"}


def caseload_page(
    therapist: User, *, sort: str = "", query: str = "", flag: str = "", corner: str = "", page=None, per_page: int
) -> CaseloadPage:
    """The caseload as its page shows it. Counts, filters and sorting cover every client; only
    the shown rows get the DETAILS columns, in a second statement, so a page costs at most two
    statements whatever the caseload's size (one when the caseload fits on a page)."""
    now, today = timezone.now(), timezone.localdate()
    column = DETAIL_SORTS.get(sort.lstrip("-"))
    details = frozenset({column}) if column else frozenset()
    rows = caseload(therapist, now=now, today=today, details=details, fit=per_page)
    total, flagged = len(rows), sum(1 for r in rows if r.flags)
    rows = sort_and_filter(rows, sort=sort, query=query, flag=flag, corner=corner)
    shown = Paginator(rows, per_page).get_page(page)
    elsewhere = sum(1 for r in rows if r.flags) - sum(1 for r in shown.object_list if r.flags)
    # A count left out is None (when computed it is a number): the caseload did not fit.
    probe = "attempts_recent" if "diary_recent" in details else "diary_recent"
    if shown.object_list and details != DETAIL_COLUMNS and getattr(shown.object_list[0], probe) is None:
        filled = caseload_details(therapist, **_recent(now, today), only=[r.client_id for r in shown.object_list])
        # A client discharged between the two statements drops out, as on the next request.
        shown.object_list = [r.with_details(*filled[r.client_id]) for r in shown.object_list if r.client_id in filled]
    return CaseloadPage(shown, total, flagged, elsewhere)


def _sort_key(column: str):
    """A key per column; None means "no value", which always sorts last."""
    keys = {
        "name": lambda r: r.display_name.lower(),
        "assessed": lambda r: r.last_assessed,
        "anxiety": lambda r: r.anxiety,
        "avoidance": lambda r: r.avoidance,
        "change": lambda r: max((ch.rci for ch in (r.change_anxiety, r.change_avoidance) if ch), default=None),
        "due": lambda r: r.next_due,
        "diary": lambda r: r.diary_recent,
        "attempts": lambda r: r.attempts_recent,
        "flags": lambda r: (len(r.flags), [f in r.flags for f in FLAGS]),
    }
    return keys.get(column)


SORT_COLUMNS = ("name", "assessed", "anxiety", "avoidance", "change", "due", "diary", "attempts", "flags")


def sort_and_filter(
    rows: list[CaseloadRow], *, sort: str = "", query: str = "", flag: str = "", corner: str = ""
) -> list[CaseloadRow]:
    """Server-side sorting (`sort`, `-sort` for descending) and filtering of caseload rows."""
    if query:
        needle = query.casefold()
        rows = [r for r in rows if needle in r.display_name.casefold()]
    if flag == "any":
        rows = [r for r in rows if r.flags]
    elif flag in FLAGS:
        rows = [r for r in rows if flag in r.flags]
    if corner:
        rows = [r for r in rows if r.corner == corner]
    descending = sort.startswith("-")
    key = _sort_key(sort.lstrip("-"))
    if key is None:
        # Default: who needs attention first, then by name.
        return sorted(rows, key=lambda r: (-len(r.flags), r.display_name.lower()))
    present = [r for r in rows if key(r) is not None]
    missing = [r for r in rows if key(r) is None]
    return sorted(present, key=key, reverse=descending) + sorted(missing, key=lambda r: r.display_name.lower())
