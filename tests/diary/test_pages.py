"""The client's pages: home panel, list by week with filters, Dutch; the therapist's panel."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from diary.models import Emotion, PatternTag, WithWhom

from .helpers import browser, entry

pytestmark = pytest.mark.django_db


def test_client_home_shows_diary_today_and_nav_link(world):
    http = browser(world.client_a.user)
    body = http.get(reverse("client_home")).content.decode()
    assert 'data-diary-today="empty"' in body
    assert reverse("diary:quick_entry") in body
    assert f'href="{reverse("diary:entry_list")}"' in body  # nav link
    entry(world.client_a)
    body = http.get(reverse("client_home")).content.decode()
    assert 'data-diary-today="written"' in body and "You wrote 1 entry today." in body


def test_entries_of_yesterday_do_not_count_as_today(world):
    entry(world.client_a, days_ago=1)
    body = browser(world.client_a.user).get(reverse("client_home")).content.decode()
    assert 'data-diary-today="empty"' in body


def test_list_filters_by_emotion_person_and_tag(world):
    tag = PatternTag.objects.get(slug="fear-of-being-left")
    jealous = entry(world.client_a, emotions=[(Emotion.JEALOUS, 6)], with_whom=WithWhom.PARTNER, what_happened="JJJ")
    jealous.pattern_tags.add(tag)
    entry(world.client_a, emotions=[(Emotion.CALM, 3)], with_whom=WithWhom.FRIEND, what_happened="CCC")
    http = browser(world.client_a.user)

    def shown(**params):
        body = http.get(reverse("diary:entry_list"), params).content.decode()
        return {text for text in ("JJJ", "CCC") if text in body}

    assert shown() == {"JJJ", "CCC"}
    assert shown(emotion="jealous") == {"JJJ"}
    assert shown(with_whom="friend") == {"CCC"}
    assert shown(tag="fear-of-being-left") == {"JJJ"}
    assert shown(emotion="calm", with_whom="partner") == set()
    assert shown(week="all", emotion="jealous") == {"JJJ"}


def test_list_is_by_week_and_all_weeks_shows_older_entries(world):
    entry(world.client_a, days_ago=15, what_happened="OLDER")
    entry(world.client_a, what_happened="THIS-WEEK")
    http = browser(world.client_a.user)
    body = http.get(reverse("diary:entry_list")).content.decode()
    assert "THIS-WEEK" in body and "OLDER" not in body
    older_week = (timezone.localdate() - dt.timedelta(days=15)).isoformat()
    body = http.get(reverse("diary:entry_list"), {"week": older_week}).content.decode()
    assert "OLDER" in body and "THIS-WEEK" not in body
    body = http.get(reverse("diary:entry_list"), {"week": "all"}).content.decode()
    assert "OLDER" in body and "THIS-WEEK" in body
    assert http.get(reverse("diary:entry_list"), {"week": "nonsense"}).status_code == 200


def test_dutch_client_gets_dutch_diary_pages(world):
    user = world.client_a.user
    user.language = "nl"
    user.save()
    made = entry(world.client_a, emotions=[(Emotion.JEALOUS, 7)], shared=True)
    made.pattern_tags.add(PatternTag.objects.get(slug="need-for-distance"))
    http = browser(user)

    quick = http.get(reverse("diary:quick_entry")).content.decode()
    assert "Snelle notitie" in quick and "Hoe voel je je?" in quick and "Verdrietig" in quick
    assert "Meer details (optioneel)" in quick
    detail = http.get(reverse("diary:entry_detail", args=[made.pk])).content.decode()
    assert "Jaloers" in detail and "Behoefte aan afstand" in detail and "Gedeeld met de therapeut" in detail
    listing = http.get(reverse("diary:entry_list")).content.decode()
    assert "Mijn dagboek" in listing and "Vorige week" in listing
    assert "Weekoverzicht" in http.get(reverse("diary:summary")).content.decode()
    assert "Wat mijn therapeut ziet" in http.get(reverse("diary:sharing")).content.decode()
    assert "Dagboek vandaag" in http.get(reverse("client_home")).content.decode()


def test_therapist_client_page_shows_shared_diary_panel(world):
    entry(world.client_a, shared=True, emotions=[(Emotion.HURT, 8)])
    entry(world.client_a, shared=False, emotions=[(Emotion.ASHAMED, 9)])
    body = browser(world.therapist_a).get(reverse("client_detail", args=[world.client_a.pk])).content.decode()
    assert "Emotion diary (shared entries)" in body
    assert "Hurt" in body and "Ashamed" not in body
    assert reverse("diary:client_entries", args=[world.client_a.pk]) in body


def test_admin_client_page_has_no_diary_panel(world):
    entry(world.client_a, shared=True)
    body = browser(world.admin).get(reverse("client_detail", args=[world.client_a.pk])).content.decode()
    assert "Emotion diary" not in body


def test_pages_have_no_inline_scripts_or_styles(world):
    made = entry(world.client_a, shared=True)
    http = browser(world.client_a.user)
    for url in (
        reverse("diary:quick_entry"),
        reverse("diary:entry_new"),
        reverse("diary:entry_list"),
        reverse("diary:entry_detail", args=[made.pk]),
        reverse("diary:entry_edit", args=[made.pk]),
        reverse("diary:sharing"),
        reverse("diary:summary"),
    ):
        body = http.get(url).content.decode()
        assert "style=" not in body, url
        assert " onclick=" not in body and " onchange=" not in body, url
        for chunk in body.split("<script")[1:]:
            assert chunk.lstrip().startswith("src="), url
