"""The therapist sees exactly what the client shares, at the moment of viewing — everywhere."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from clients.services import record_session
from diary import export, selectors, services
from diary.models import Comment, Emotion, Reaction

from .helpers import browser, entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_entries(world):
    shared = entry(
        world.client_a,
        shared=True,
        emotions=[(Emotion.JEALOUS, 7)],
        what_happened="SHARED-TEXT partner came home late",
        felt_safety=6,
        reactions=[Reaction.TALKED],
    )
    private = entry(
        world.client_a,
        shared=False,
        emotions=[(Emotion.ASHAMED, 9)],
        what_happened="PRIVATE-TEXT nobody may read this",
        felt_safety=1,
        reactions=[Reaction.ATTACKED],
    )
    return shared, private


def test_unshared_entry_is_invisible_to_therapist_everywhere(world, two_entries):
    shared, private = two_entries
    therapist = world.therapist_a
    http = browser(therapist)

    # selector
    assert list(selectors.visible_entries(therapist, world.client_a)) == [shared]
    # detail
    assert http.get(reverse("diary:entry_detail", args=[shared.pk])).status_code == 200
    assert http.get(reverse("diary:entry_detail", args=[private.pk])).status_code == 404
    # list + summary page
    page = http.get(reverse("diary:client_entries", args=[world.client_a.pk]))
    body = page.content.decode()
    assert "SHARED-TEXT" in body
    assert "PRIVATE-TEXT" not in body
    assert "Ashamed" not in body  # the private entry's emotion is not in the summary either
    summary = page.context["summary"]
    assert summary["count"] == 1
    assert summary["avg_felt_safety"] == 6.0
    assert [r["emotion"] for r in summary["most_intense"]] == [Emotion.JEALOUS]
    assert [r["reaction"] for r in summary["reactions"]] == [Reaction.TALKED]
    # the section on the therapist's client page
    record = http.get(reverse("client_detail", args=[world.client_a.pk])).content.decode()
    assert "1 shared entry in the last four weeks" in record
    # batch counts the dashboard/reminders use
    since = timezone.localdate() - dt.timedelta(days=7)
    assert selectors.shared_counts_since([world.client_a], since) == {world.client_a.pk: 1}
    assert selectors.last_entry_at_for([world.client_a]) == {world.client_a.pk: shared.occurred_at}
    assert list(selectors.shared_entries_since(world.client_a, since)) == [shared]
    # export
    rows = export.export_rows(world.client_a, therapist)
    assert [r["entry_id"] for r in rows["diary_entries"]] == [shared.pk]
    assert "PRIVATE-TEXT" not in str(rows)
    assert rows["diary_settings"] == []


def test_client_sees_all_own_entries_and_their_summary(world, two_entries):
    shared, private = two_entries
    assert set(selectors.visible_entries(world.client_a.user, world.client_a)) == {shared, private}
    page = browser(world.client_a.user).get(reverse("diary:summary"))
    assert page.context["summary"]["count"] == 2
    assert page.context["summary"]["avg_felt_safety"] == 3.5
    rows = export.export_rows(world.client_a, world.client_a.user)
    assert len(rows["diary_entries"]) == 2
    assert rows["diary_settings"] == [{"share_new_entries": False, "share_from": "", "pattern_shared_at": ""}]


def test_practice_admin_sees_no_diary_entries(world, two_entries):
    assert not selectors.visible_entries(world.admin, world.client_a).exists()
    http = browser(world.admin)
    assert http.get(reverse("diary:entry_detail", args=[two_entries[0].pk])).status_code == 404
    assert http.get(reverse("diary:client_entries", args=[world.client_a.pk])).status_code == 404
    assert export.export_rows(world.client_a, world.admin)["diary_entries"] == []


def test_unsharing_hides_entry_and_its_comments_from_therapist_at_once(world, two_entries):
    shared, _ = two_entries
    therapist = browser(world.therapist_a)
    response = therapist.post(reverse("diary:comment_add", args=[shared.pk]), {"body": "COMMENT-TEXT well noticed"})
    assert response.status_code == 302
    assert "COMMENT-TEXT" in therapist.get(reverse("diary:entry_detail", args=[shared.pk])).content.decode()

    client = browser(world.client_a.user)
    assert "COMMENT-TEXT" in client.get(reverse("diary:entry_detail", args=[shared.pk])).content.decode()
    assert client.post(reverse("diary:entry_unshare", args=[shared.pk])).status_code == 302

    assert therapist.get(reverse("diary:entry_detail", args=[shared.pk])).status_code == 404
    listing = therapist.get(reverse("diary:client_entries", args=[world.client_a.pk])).content.decode()
    assert "SHARED-TEXT" not in listing and "COMMENT-TEXT" not in listing
    assert therapist.post(reverse("diary:comment_add", args=[shared.pk]), {"body": "again"}).status_code == 404
    assert "COMMENT-TEXT" not in str(export.export_rows(world.client_a, world.therapist_a))
    assert selectors.shared_counts_since([world.client_a], timezone.localdate()) == {world.client_a.pk: 0}
    # The client still has the comment; sharing again shows it to the therapist again.
    assert "COMMENT-TEXT" in client.get(reverse("diary:entry_detail", args=[shared.pk])).content.decode()
    client.post(reverse("diary:entry_share", args=[shared.pk]))
    assert therapist.get(reverse("diary:entry_detail", args=[shared.pk])).status_code == 200


def test_sharing_one_entry_makes_it_visible_to_therapist(world, two_entries):
    _, private = two_entries
    therapist = browser(world.therapist_a)
    assert therapist.get(reverse("diary:entry_detail", args=[private.pk])).status_code == 404
    browser(world.client_a.user).post(reverse("diary:entry_share", args=[private.pk]))
    assert therapist.get(reverse("diary:entry_detail", args=[private.pk])).status_code == 200
    private.refresh_from_db()
    assert private.shared and private.shared_at is not None


def test_share_from_date_shares_entries_from_that_date_and_new_ones(world):
    old = entry(world.client_a, days_ago=10, what_happened="OLD")
    recent = entry(world.client_a, days_ago=2, what_happened="RECENT")
    day = timezone.localdate() - dt.timedelta(days=5)

    response = browser(world.client_a.user).post(reverse("diary:share_from"), {"share_from": day.isoformat()})

    assert response.status_code == 302
    visible = set(selectors.visible_entries(world.therapist_a, world.client_a))
    assert visible == {recent}
    assert old not in visible
    # A new entry dated after the share-from date starts shared, by default and in the form.
    new = entry(world.client_a, shared=None, what_happened="NEW")
    assert new.shared
    form = browser(world.client_a.user).get(reverse("diary:quick_entry")).context["form"]
    assert form.initial["shared"] is True
    # ... but the client can still take back a single one.
    services.unshare_entry(new)
    assert set(selectors.visible_entries(world.therapist_a, world.client_a)) == {recent}


def test_stopping_share_from_can_make_those_entries_private_again(world):
    recent = entry(world.client_a, days_ago=2)
    services.share_from(world.client_a, timezone.localdate() - dt.timedelta(days=5))
    assert selectors.visible_entries(world.therapist_a, world.client_a).count() == 1

    response = browser(world.client_a.user).post(reverse("diary:stop_share_from"), {"unshare_entries": "on"})

    assert response.status_code == 302
    assert not selectors.visible_entries(world.therapist_a, world.client_a).exists()
    recent.refresh_from_db()
    assert not recent.shared
    assert not entry(world.client_a, shared=None).shared


def test_default_share_setting_is_off_and_applies_to_new_entries_when_on(world):
    assert not entry(world.client_a, shared=None).shared
    browser(world.client_a.user).post(reverse("diary:sharing"), {"share_new_entries": "on"})
    assert entry(world.client_a, shared=None).shared


def test_shared_entries_since_last_session_on_therapist_page(world):
    before = entry(world.client_a, shared=True, days_ago=6, what_happened="BEFORE-SESSION")
    after = entry(world.client_a, shared=True, days_ago=1, what_happened="AFTER-SESSION")
    record_session(world.client_a, therapist=world.therapist_a, held_on=timezone.localdate() - dt.timedelta(days=3))

    page = browser(world.therapist_a).get(reverse("diary:client_entries", args=[world.client_a.pk]))

    assert list(page.context["entries"]) == [after]
    assert "AFTER-SESSION" in page.content.decode() and "BEFORE-SESSION" not in page.content.decode()
    assert page.context["summary"]["count"] == 1
    # The week view still shows both (both shared).
    week = browser(world.therapist_a).get(
        reverse("diary:client_entries", args=[world.client_a.pk]), {"week": before.occurred_at.date().isoformat()}
    )
    assert before in list(week.context["entries"])


def test_edited_shared_entry_shows_edited_to_therapist(world, two_entries):
    shared, _ = two_entries
    client = browser(world.client_a.user)
    form = client.get(reverse("diary:entry_edit", args=[shared.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "pattern_tags"}
    data["what_happened"] = "SHARED-TEXT but rewritten"
    data["reactions"] = list(data.get("reactions", []))
    data["shared"] = "on"
    assert client.post(reverse("diary:entry_edit", args=[shared.pk]), data).status_code == 302

    shared.refresh_from_db()
    assert shared.edited_at is not None and shared.shared
    page = browser(world.therapist_a).get(reverse("diary:entry_detail", args=[shared.pk])).content.decode()
    assert "rewritten" in page and 'data-state="edited"' in page


def test_comment_is_visible_to_client_and_double_submit_adds_one(world, two_entries):
    shared, _ = two_entries
    therapist = browser(world.therapist_a)
    for _ in range(2):
        therapist.post(reverse("diary:comment_add", args=[shared.pk]), {"body": "Noticed the jealousy."})
    assert Comment.objects.filter(entry=shared).count() == 1
    page = browser(world.client_a.user).get(reverse("diary:entry_detail", args=[shared.pk])).content.decode()
    assert "Noticed the jealousy." in page
