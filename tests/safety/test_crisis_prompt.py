"""The "this sounded hard" banner: right after the entry or questionnaire, in fitting words, once."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from safety.models import CrisisPrompt

from .helpers import submit_ecr_r, write_entry

pytestmark = pytest.mark.django_db

DIARY_WORDS = "What you wrote sounded hard."
QUESTIONNAIRE_WORDS = "Your answers suggest things are harder for you right now."


@pytest.fixture
def oncommit(django_capture_on_commit_callbacks):
    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


def _quick_entry(http, felt_safety: str):
    data = {
        "emotion": "sad",
        "intensity": "4",
        "felt_safety": felt_safety,
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }
    return http.post(reverse("diary:quick_entry"), data)


def test_banner_shows_right_after_a_distressing_entry_with_diary_words(world, client, oncommit):
    client.force_login(world.client_a.user)
    saved = oncommit(_quick_entry, client, "1")
    assert saved.status_code == 302
    # The page the save leads to, as the browser follows the redirect after the commit.
    html = client.get(saved["Location"]).content.decode()
    assert 'id="crisis-prompt"' in html
    assert DIARY_WORDS in html and QUESTIONNAIRE_WORDS not in html
    # Once: the next page is calm again.
    assert 'id="crisis-prompt"' not in client.get(reverse("client_home")).content.decode()


def test_calm_entry_shows_no_banner(world, client, oncommit):
    client.force_login(world.client_a.user)
    saved = oncommit(_quick_entry, client, "8")
    assert 'id="crisis-prompt"' not in client.get(saved["Location"]).content.decode()


def test_banner_after_a_worse_questionnaire_speaks_of_answers(world, client, oncommit):
    client.force_login(world.client_a.user)
    oncommit(submit_ecr_r, world.client_a, world.therapist_a, 3, 3)
    oncommit(submit_ecr_r, world.client_a, world.therapist_a, 6, 6)
    html = client.get(reverse("client_home")).content.decode()
    assert QUESTIONNAIRE_WORDS in html and DIARY_WORDS not in html


def test_logging_out_and_in_again_shows_no_old_banner(world, client, oncommit):
    client.force_login(world.client_a.user)
    # The entry is saved, but the page after it never arrives (the phone went into a pocket).
    oncommit(write_entry, world.client_a, safety=1)
    client.logout()
    client.force_login(world.client_a.user)
    assert 'id="crisis-prompt"' not in client.get(reverse("client_home")).content.decode()
    assert not CrisisPrompt.objects.filter(shown_at__isnull=True).exists()


def test_a_prompt_older_than_the_window_never_shows(world, client):
    CrisisPrompt.objects.create(
        client=world.client_a, event_key="entry:999", created_at=timezone.now() - dt.timedelta(minutes=6)
    )
    client.force_login(world.client_a.user)
    CrisisPrompt.objects.update(shown_at=None)  # still pending after the login, e.g. a long session
    assert 'id="crisis-prompt"' not in client.get(reverse("client_home")).content.decode()
    # … and it is settled, so it cannot show tomorrow either.
    assert CrisisPrompt.objects.get().shown_at is not None
