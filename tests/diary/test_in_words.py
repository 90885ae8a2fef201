"""The "I feel … when … because … I need …" words never glue one language to another.

A sentence only when the reader's language is the one the words were written in; labelled
parts when it differs or is unknown.
"""

from django.urls import reverse
from django.utils import translation

from diary.models import DiaryEntry
from diary.services import update_entry
from tests.factories import make_client

from .helpers import browser, entry

DUTCH_WORDS = {
    "i_feel": "verdrietig",
    "when": "hij niet terugbelt",
    "because": "ik bang ben dat hij weggaat",
    "i_need": "geruststelling",
}
DUTCH_SENTENCE = (
    "Ik voel me verdrietig wanneer hij niet terugbelt omdat ik bang ben dat hij weggaat. Ik heb geruststelling nodig."
)


def dutch_entry(world):
    client = make_client(world.practice, world.therapist_a, name="Sanne", language="nl")
    with translation.override("nl"):
        return entry(client, shared=True, **DUTCH_WORDS)


def test_the_client_reads_their_own_dutch_words_as_one_dutch_sentence(world):
    made = dutch_entry(world)
    assert made.language == "nl"

    page = browser(made.client.user).get(reverse("diary:entry_detail", args=[made.pk])).content.decode()

    assert DUTCH_SENTENCE in page


def test_an_english_therapist_sees_the_dutch_words_as_labelled_parts_not_a_mixed_sentence(world):
    made = dutch_entry(world)

    detail = browser(world.therapist_a).get(reverse("diary:entry_detail", args=[made.pk])).content.decode()
    prep = browser(world.therapist_a).get(reverse("dashboard:session_prep", args=[made.client.pk])).content.decode()

    for page in (detail, prep):
        assert 'data-words="parts"' in page and 'data-words="sentence"' not in page
        assert "I feel verdrietig" not in page and "Ik voel me" not in page
        assert "I feel …" in page and "verdrietig" in page and "geruststelling" in page


def test_an_english_entry_reads_as_an_english_sentence(world):
    with translation.override("en"):
        made = entry(
            world.client_a, i_feel="sad", when="he does not call back", because="I fear he leaves.", i_need="comfort"
        )

    page = browser(world.client_a.user).get(reverse("diary:entry_detail", args=[made.pk])).content.decode()

    assert "I feel sad when he does not call back because I fear he leaves. I need comfort." in page


def test_words_of_unknown_language_are_never_glued_into_a_sentence(world):
    made = dutch_entry(world)
    DiaryEntry.objects.filter(pk=made.pk).update(language="")  # as for entries written before

    page = browser(made.client.user).get(reverse("diary:entry_detail", args=[made.pk])).content.decode()

    assert 'data-words="parts"' in page and "Ik voel me verdrietig" not in page
    assert "Ik voel me …" in page and "verdrietig" in page


def test_changing_the_words_in_another_language_makes_their_language_unknown(world):
    made = dutch_entry(world)

    with translation.override("nl"):
        update_entry(made, what_happened="ruzie")
    made.refresh_from_db()
    assert made.language == "nl"

    with translation.override("en"):
        update_entry(made, i_need="a hug")
    made.refresh_from_db()
    assert made.language == ""
