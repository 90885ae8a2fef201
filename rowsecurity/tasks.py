"""Celery tasks carry the practice they were published for, and run acting for it.

`config/celery.py` makes PracticeTask the base of every task. Publishing while a practice is
set (in a request, or inside acting_for_practice / each_practice) adds it as a message header;
the worker runs the task inside acting_for_practice(that practice). A task published without
one (beat's practice-spanning jobs) runs for no practice and must use each_practice().
"""

from __future__ import annotations

from celery import Task

from .scope import acting_for_practice, current_practice

HEADER = "securebase_practice"


class PracticeTask(Task):
    def apply_async(self, args=None, kwargs=None, *rest, **options):
        practice_id = current_practice()
        if practice_id is not None:
            headers = dict(options.get("headers") or {})
            headers.setdefault(HEADER, practice_id)
            options["headers"] = headers
        return super().apply_async(args, kwargs, *rest, **options)

    def __call__(self, *args, **kwargs):
        practice_id = _practice_of(self.request)
        if practice_id is None:
            return super().__call__(*args, **kwargs)
        with acting_for_practice(int(practice_id)):
            return super().__call__(*args, **kwargs)


def _practice_of(request) -> int | None:
    value = getattr(request, HEADER, None)
    if value is None:
        value = (getattr(request, "headers", None) or {}).get(HEADER)
    return value


def census() -> dict[str, int]:
    """Rows of each row-secured table this transaction can see (counts only)."""
    from .policies import model_for
    from .registry import PRACTICE_TABLES

    counts = {}
    for label in PRACTICE_TABLES:
        try:
            counts[label] = model_for(label)._default_manager.count()
        except LookupError:
            continue
    return counts
