"""A double submit creates one entry; deleting removes the text from the database for real."""

import uuid

import pytest
from django.db.models import CharField, Q, TextField
from django.urls import reverse
from django.utils import timezone

from diary import export
from diary.models import Comment, DiaryEntry, DiarySettings, EntryEmotion
from diary.services import add_comment, settings_for

from .helpers import browser, entry

pytestmark = pytest.mark.django_db


def test_double_submit_of_quick_entry_creates_one_entry(world):
    http = browser(world.client_a.user)
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "emotion": "lonely",
        "intensity": "7",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }
    first = http.post(reverse("diary:quick_entry"), data)
    second = http.post(reverse("diary:quick_entry"), data)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert DiaryEntry.objects.filter(client=world.client_a).count() == 1
    assert EntryEmotion.objects.count() == 1
    follow = http.get(second["Location"])
    assert "already saved" in follow.content.decode()


def test_same_key_from_another_client_is_another_entry(world):
    key = str(uuid.uuid4())
    for client in (world.client_a, world.client_b):
        browser(client.user).post(
            reverse("diary:quick_entry"),
            {"idempotency_key": key, "emotion": "calm", "intensity": "3", "occurred_at": "2026-01-05T10:00"},
        )
    assert DiaryEntry.objects.count() == 2


def test_each_form_render_gets_a_fresh_key(world):
    http = browser(world.client_a.user)
    keys = {http.get(reverse("diary:quick_entry")).context["form"].initial["idempotency_key"] for _ in range(2)}
    assert len(keys) == 2


def _text_in_diary_tables(text: str) -> bool:
    """Any text column of the diary's tables containing `text` (portable to SQLite)."""
    for model in (DiaryEntry, Comment):
        columns = [f.name for f in model._meta.concrete_fields if isinstance(f, (CharField, TextField))]
        found = Q()
        for name in columns:
            found |= Q(**{f"{name}__contains": text})
        if model.objects.filter(found).exists():
            return True
    return False


def test_delete_removes_entry_emotions_and_comments_from_the_database(world):
    made = entry(world.client_a, shared=True, what_happened="SECRET-DELETE-ME", emotions=[("hurt", 8), ("sad", 4)])
    add_comment(made, author=world.therapist_a, body="COMMENT-DELETE-ME")
    assert _text_in_diary_tables("SECRET-DELETE-ME") and _text_in_diary_tables("COMMENT-DELETE-ME")
    http = browser(world.client_a.user)

    assert http.get(reverse("diary:entry_delete", args=[made.pk])).status_code == 200
    assert DiaryEntry.objects.filter(pk=made.pk).exists()  # GET only asks
    response = http.post(reverse("diary:entry_delete", args=[made.pk]))

    assert response.status_code == 302
    assert not DiaryEntry.objects.filter(pk=made.pk).exists()
    assert not EntryEmotion.objects.filter(entry_id=made.pk).exists()
    assert not Comment.objects.filter(entry_id=made.pk).exists()
    assert not _text_in_diary_tables("SECRET-DELETE-ME")
    assert not _text_in_diary_tables("COMMENT-DELETE-ME")
    assert http.get(reverse("diary:entry_detail", args=[made.pk])).status_code == 404


def test_erase_deletes_all_diary_text_of_one_client_only(world):
    entry(world.client_a, what_happened="A-ERASE")
    entry(world.client_b, what_happened="B-KEEP")
    settings_for(world.client_a)

    export.erase(world.client_a)

    assert not DiaryEntry.objects.filter(client=world.client_a).exists()
    assert not DiarySettings.objects.filter(client=world.client_a).exists()
    assert not _text_in_diary_tables("A-ERASE")
    assert _text_in_diary_tables("B-KEEP")
