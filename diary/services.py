"""Writes on the diary. Callers (views) have already decided who may do this via the access
policy and ``selectors``; these functions keep the invariants (sharing flag and timestamps,
idempotent creation, real deletion) in one place."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence

from django.db import IntegrityError, transaction
from django.db.models.constants import OnConflict
from django.utils import timezone
from django.utils.translation import get_language

from accounts.localtime import day_of, zone_of
from clients.models import Client

from .models import Comment, DiaryEntry, DiarySettings, EntryEmotion, PatternTag
from .selectors import start_of_day
from .signals import entry_saved, sharing_changed

ENTRY_FIELDS = (
    "occurred_at",
    "with_whom",
    "what_happened",
    "body_signals",
    "i_feel",
    "when",
    "because",
    "i_need",
    "reactions",
    "pattern_note",
    "felt_safety",
)
WORDS_FIELDS = ("i_feel", "when", "because", "i_need")
# A second identical comment within this window is a double submit, not a new comment.
COMMENT_REPEAT_WINDOW = dt.timedelta(minutes=2)


def settings_for(client: Client) -> DiarySettings:
    try:
        with transaction.atomic():
            settings, _ = DiarySettings.objects.get_or_create(client=client)
    except IntegrityError:
        settings = DiarySettings.objects.get(client=client)
    return settings


def default_shared(
    client: Client, occurred_at: dt.datetime | None = None, settings: DiarySettings | None = None
) -> bool:
    """Whether a new entry starts shared: the client's default, or on/after their share-from date."""
    settings = settings or settings_for(client)
    if settings.share_new_entries:
        return True
    if settings.share_from is None:
        return False
    when = occurred_at or timezone.now()
    return day_of(client.user, when) >= settings.share_from


def _set_emotions(entry: DiaryEntry, emotions: Sequence[tuple[str, int]], *, new: bool = False) -> None:
    if not new:
        entry.emotions.all().delete()
    rows = EntryEmotion.objects.bulk_create(
        [EntryEmotion(entry=entry, emotion=code, intensity=intensity) for code, intensity in emotions]
    )
    # What was just written is what entry.emotions holds: the safety net reading them after
    # commit needs no second trip to the database.
    cached = EntryEmotion.objects.filter(entry=entry)
    cached._result_cache, cached._prefetch_done = rows, True
    entry._prefetched_objects_cache = {**getattr(entry, "_prefetched_objects_cache", {}), "emotions": cached}


def create_entry(
    client: Client,
    *,
    emotions: Sequence[tuple[str, int]],
    idempotency_key: uuid.UUID | str | None = None,
    shared: bool | None = None,
    pattern_tags: Iterable[PatternTag] = (),
    **fields,
) -> tuple[DiaryEntry, bool]:
    """Create an entry; (entry, created). The same idempotency key returns the first entry.

    ``shared=None`` applies the client's sharing settings.
    """
    if not emotions:
        raise ValueError("an entry needs at least one emotion")
    key = uuid.UUID(str(idempotency_key)) if idempotency_key else uuid.uuid4()
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"unknown entry fields {unknown}")
    if fields.get("occurred_at") is None:
        fields["occurred_at"] = timezone.now()
    if shared is None:
        shared = default_shared(client, fields["occurred_at"])
    entry = DiaryEntry(
        client=client,
        idempotency_key=key,
        shared=shared,
        shared_at=timezone.now() if shared else None,
        language=_writing_language(),
        **fields,
    )
    # No savepoint: a repeat is no error for the database (the insert skips it), so the
    # request's transaction needs no way back; outside one this opens a transaction.
    with transaction.atomic(savepoint=False):
        if not _insert_unless_stored(entry):
            # The same form submitted again (a second tap, a retry, a concurrent submit):
            # hand back the entry that was stored.
            existing = DiaryEntry.objects.filter(client=client, idempotency_key=key).first()
            if existing is None:
                raise IntegrityError("diary entry refused, and no entry with its idempotency key")
            return existing, False
        _set_emotions(entry, emotions, new=True)
        if pattern_tags:
            entry.pattern_tags.add(*pattern_tags)
    entry_saved.send(sender=DiaryEntry, entry=entry, created=True)
    return entry, True


def _insert_unless_stored(entry: DiaryEntry) -> bool:
    """INSERT … ON CONFLICT DO NOTHING (SQLite: INSERT OR IGNORE) RETURNING id: False, and
    nothing written, when the client's idempotency key is stored already. The unique key
    decides, so the usual save needs no look-up first and concurrent repeats store one row."""
    opts = DiaryEntry._meta
    fields = [f for f in opts.local_concrete_fields if f is not opts.auto_field]
    rows = DiaryEntry._base_manager._insert(
        [entry],
        fields=fields,
        returning_fields=opts.db_returning_fields,
        using=DiaryEntry.objects.db,
        on_conflict=OnConflict.IGNORE,
    )
    if not rows or rows[0] is None:
        return False
    entry.pk = rows[0][0]
    entry._state.adding, entry._state.db = False, DiaryEntry.objects.db
    return True


def update_entry(
    entry: DiaryEntry,
    *,
    emotions: Sequence[tuple[str, int]] | None = None,
    pattern_tags: Iterable[PatternTag] | None = None,
    shared: bool | None = None,
    **fields,
) -> DiaryEntry:
    """Change an entry. If the therapist could already see it, it is marked as edited.

    ``shared`` (optional) shares or unshares in the same step; None leaves it as it is.
    """
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"unknown entry fields {unknown}")
    if emotions is not None and not emotions:
        raise ValueError("an entry needs at least one emotion")
    with transaction.atomic():
        # Lock the row and take the sharing state from the database, not a stale instance.
        current = DiaryEntry.objects.select_for_update().only("shared", "shared_at").get(pk=entry.pk)
        entry.shared, entry.shared_at = current.shared, current.shared_at
        if entry.language != _writing_language() and any(
            getattr(entry, name) != fields[name] for name in WORDS_FIELDS if name in fields
        ):
            entry.language = ""  # words now in two languages, or we cannot tell
        for name, value in fields.items():
            setattr(entry, name, value)
        now = timezone.now()
        if entry.shared and shared is not False:
            entry.edited_at = now
        sharing_changes = shared is not None and shared != entry.shared
        if sharing_changes:
            entry.shared = shared
            entry.shared_at = now if shared else None
        entry.save()
        if emotions is not None:
            _set_emotions(entry, emotions)
        if pattern_tags is not None:
            entry.pattern_tags.set(list(pattern_tags))
    # The entry may come from a prefetching selector: receivers must see the new rows.
    getattr(entry, "_prefetched_objects_cache", {}).pop("emotions", None)
    getattr(entry, "_prefetched_objects_cache", {}).pop("pattern_tags", None)
    entry_saved.send(sender=DiaryEntry, entry=entry, created=False)
    if sharing_changes:
        _sharing_changed(entry.client, [entry.pk], entry.shared)
    return entry


def _writing_language() -> str:
    return (get_language() or "")[:2]


def _sharing_changed(client: Client, entry_ids: list[int], shared: bool) -> None:
    if entry_ids:
        sharing_changed.send(sender=DiaryEntry, client=client, entry_ids=entry_ids, shared=shared)


def share_entry(entry: DiaryEntry) -> DiaryEntry:
    return _set_shared(entry, True)


def unshare_entry(entry: DiaryEntry) -> DiaryEntry:
    """Hide the entry (and with it its comments) from the therapist at once."""
    return _set_shared(entry, False)


def _set_shared(entry: DiaryEntry, shared: bool) -> DiaryEntry:
    # A conditional UPDATE: correct even when `entry` is stale (share-from ran since it was
    # loaded) or two taps race; only a real change is reported.
    now = timezone.now()
    shared_at = now if shared else None
    changed = DiaryEntry.objects.filter(pk=entry.pk, shared=not shared).update(
        shared=shared, shared_at=shared_at, updated_at=now
    )
    if changed:
        entry.shared, entry.shared_at = shared, shared_at
        _sharing_changed(entry.client, [entry.pk], shared)
    else:
        entry.refresh_from_db(fields=["shared", "shared_at"])
    return entry


@transaction.atomic
def share_from(client: Client, day: dt.date) -> int:
    """Share every entry dated on/after ``day`` (client's local date) and new ones from then on.

    Returns how many existing entries became shared.
    """
    settings = settings_for(client)
    settings.share_from = day
    settings.save(update_fields=["share_from", "updated_at"])
    start = start_of_day(day, zone_of(client.user))
    to_share = DiaryEntry.objects.select_for_update().filter(client=client, shared=False, occurred_at__gte=start)
    ids = list(to_share.values_list("pk", flat=True))
    DiaryEntry.objects.filter(pk__in=ids).update(shared=True, shared_at=timezone.now())
    _sharing_changed(client, ids, True)
    return len(ids)


@transaction.atomic
def stop_share_from(client: Client, *, unshare_entries: bool) -> int:
    """Stop sharing new entries by date; optionally take back the entries shared that way.

    Returns how many entries became private.
    """
    settings = settings_for(client)
    day = settings.share_from
    settings.share_from = None
    settings.save(update_fields=["share_from", "updated_at"])
    if not unshare_entries or day is None:
        return 0
    start = start_of_day(day, zone_of(client.user))
    to_hide = DiaryEntry.objects.select_for_update().filter(client=client, shared=True, occurred_at__gte=start)
    ids = list(to_hide.values_list("pk", flat=True))
    DiaryEntry.objects.filter(pk__in=ids).update(shared=False, shared_at=None)
    _sharing_changed(client, ids, False)
    return len(ids)


def set_share_new_entries(client: Client, share: bool) -> DiarySettings:
    settings = settings_for(client)
    if settings.share_new_entries != share:
        settings.share_new_entries = share
        settings.save(update_fields=["share_new_entries", "updated_at"])
    return settings


def delete_entry(entry: DiaryEntry) -> None:
    """Really delete: the row, its emotions, tag links and comments leave the database."""
    with transaction.atomic():
        entry.delete()


def add_comment(entry: DiaryEntry, *, author, body: str, card_slug: str = "") -> tuple[Comment, bool]:
    """Comment on a shared entry; (comment, created). A resubmitted identical comment is ignored."""
    if not entry.shared:
        raise ValueError("comments only on shared entries")
    body = body.strip()
    recent = (
        Comment.objects.filter(
            entry=entry, author=author, body=body, created_at__gte=timezone.now() - COMMENT_REPEAT_WINDOW
        )
        .order_by("-created_at")
        .first()
    )
    if recent is not None:
        return recent, False
    return Comment.objects.create(entry=entry, author=author, body=body, card_slug=card_slug), True


def erase_client_diary(client: Client) -> int:
    """Delete every diary row of the client for real (entries, emotions, comments, settings)."""
    with transaction.atomic():
        count, _ = DiaryEntry.objects.filter(client=client).delete()
        DiarySettings.objects.filter(client=client).delete()
    return count


def share_pattern(client: Client) -> bool:
    """Let the therapist see the pattern map (drawn from shared entries only); True if it changed."""
    settings_for(client)
    return bool(
        DiarySettings.objects.filter(client=client, pattern_shared_at__isnull=True).update(
            pattern_shared_at=timezone.now()
        )
    )


def unshare_pattern(client: Client) -> bool:
    """Take the pattern map back at once; True if it changed."""
    return bool(
        DiarySettings.objects.filter(client=client, pattern_shared_at__isnull=False).update(pattern_shared_at=None)
    )
