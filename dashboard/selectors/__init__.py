"""Reads for the dashboard pages, by topic; each a fixed number of SQL queries, data only.

- `caseload_rows`: the therapist's caseload (one SQL statement), its flags, sorting and filtering;
- `overview`: the practice admin's counts per therapist;
- `progress`: one client's scores, diary weeks, goal weeks and reviews (the presenters draw them);
- `session`: what happened since the last session;
- `common`: the instruments followed and reliable change by `assessments.change`.
"""

from .caseload_rows import (
    FLAG_ALERT,
    FLAG_DETERIORATION,
    FLAG_LOW_SAFETY,
    FLAG_NO_DIARY,
    FLAG_OVERDUE,
    FLAGS,
    LOW_SAFETY_MAX,
    NO_DIARY_FLAG_DAYS,
    OVERDUE_FLAG_DAYS,
    RECENT_DAYS,
    SORT_COLUMNS,
    CaseloadRow,
    caseload,
    sort_and_filter,
)
from .common import PRIMARY_INSTRUMENT, RELATIONSHIP_INSTRUMENT, primary_instrument
from .overview import TherapistCounts, practice_overview
from .progress import (
    Progress,
    Relationships,
    RelationshipSeries,
    client_progress,
    diary_weeks,
    gas_reviews,
    goal_weeks,
    own_goals_in_words,
    relationships,
    score_history,
    weeks_window,
    weeks_with_data,
)
from .session import SinceLastSession, since_last_session

__all__ = [
    "FLAGS", "FLAG_ALERT", "FLAG_DETERIORATION", "FLAG_LOW_SAFETY", "FLAG_NO_DIARY", "FLAG_OVERDUE",
    "LOW_SAFETY_MAX", "NO_DIARY_FLAG_DAYS", "OVERDUE_FLAG_DAYS", "PRIMARY_INSTRUMENT", "RECENT_DAYS",
    "RELATIONSHIP_INSTRUMENT", "SORT_COLUMNS", "CaseloadRow", "Progress", "RelationshipSeries", "Relationships",
    "SinceLastSession", "TherapistCounts", "caseload", "client_progress", "diary_weeks", "gas_reviews",
    "goal_weeks", "own_goals_in_words", "practice_overview", "primary_instrument", "relationships",
    "score_history", "since_last_session", "sort_and_filter", "weeks_window", "weeks_with_data",
]  # fmt: skip
