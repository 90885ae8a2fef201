"""Signals other apps may hook without diary importing them.

entry_saved(sender=DiaryEntry, entry=DiaryEntry, created=bool)
    Sent by ``services.create_entry`` / ``services.update_entry`` once the entry and its
    emotions are written (after their transaction block; if the caller runs inside an outer
    transaction the signal fires inside it, so receivers that queue Celery work should use
    ``transaction.on_commit``). A retried double submit that finds the existing entry sends
    nothing. Receivers must treat the entry as private unless ``entry.shared`` is true.

sharing_changed(sender=DiaryEntry, client=Client, entry_ids=list[int], shared=bool)
    Sent when entries become shared (``shared=True``) or private again (``shared=False``)
    without their content changing: share / unshare one entry, share from a date, stop
    sharing by date, or the share box changed while editing. Only sent when something
    actually changed (entry_ids is never empty).
"""

from django.dispatch import Signal

entry_saved = Signal()
sharing_changed = Signal()
