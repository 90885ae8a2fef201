"""The pattern map: figures hand-worked on a six-entry diary over two months, the sentences in
English and Dutch, sharing the map, and that private entries change nothing a therapist sees."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.localtime import zone_of
from diary import pattern, selectors
from diary.pattern import PatternRow
from diary.services import share_pattern, unshare_pattern

from .helpers import browser, entry

SEP, NOV = dt.date(2026, 9, 1), dt.date(2026, 11, 1)

# (month, with whom, reactions, emotions, felt safety)
DIARY = [
    (SEP, "partner", ["withdrew"], ["rejected", "sad"], 3),
    (SEP, "partner", ["withdrew"], ["rejected"], 2),
    (SEP, "friend", ["talked"], ["sad"], 6),
    (NOV, "partner", ["asked_help"], ["rejected"], 7),
    (NOV, "partner", ["withdrew", "asked_help"], ["afraid"], 5),
    (NOV, "family", ["asked_help"], ["happy"], 8),
]


def _rows():
    return [PatternRow(m, who, tuple(r), tuple(e), s) for m, who, r, e, s in DIARY]


def test_counts_per_reaction_and_person():
    pmap = pattern.build_map(_rows())
    assert pmap.entries == 6
    assert pmap.reactions == ["withdrew", "talked", "asked_help"]
    assert dict(pmap.by_reaction) == {"withdrew": 3, "talked": 1, "asked_help": 3}
    assert pmap.people == ["partner", "family", "friend"]
    assert pmap.by_person == {
        ("withdrew", "partner"): 3,
        ("talked", "friend"): 1,
        ("asked_help", "partner"): 2,
        ("asked_help", "family"): 1,
    }


def test_mean_felt_safety_per_reaction():
    # withdrew: (3 + 2 + 5) / 3; talked: 6; asked for help: (7 + 5 + 8) / 3
    assert pattern.build_map(_rows()).safety == {"withdrew": 3.3, "talked": 6.0, "asked_help": 6.7}


def test_month_by_month_and_emotions():
    pmap = pattern.build_map(_rows())
    # October has no entries and still has its place, so the map shows the quiet month as 0.
    assert pmap.months == [SEP, dt.date(2026, 10, 1), NOV]
    assert pmap.by_month == {("withdrew", SEP): 2, ("talked", SEP): 1, ("withdrew", NOV): 1, ("asked_help", NOV): 3}
    assert pmap.by_emotion[("withdrew", "rejected")] == 2
    assert pmap.by_emotion[("asked_help", "rejected")] == 1
    assert pattern.biggest_change(pmap) == ("asked_help", SEP, 0, NOV, 3)


def test_a_reaction_repeated_in_one_entry_counts_once():
    row = PatternRow(SEP, "partner", ("withdrew", "withdrew", "nonsense"), (), None)
    assert dict(pattern.build_map([row]).by_reaction) == {"withdrew": 1}


def test_sentences_in_english():
    with translation.override("en"):
        said = pattern.sentences(pattern.build_map(_rows()))
    assert said == [
        "What you did most often with your partner: withdraw (3 of 5).",
        "When you felt rejected, what you did most often was: withdraw (2 of 3).",
        "How often you chose “ask for help”: 0 times in September 2026, 3 times in November 2026.",
    ]


def test_sentences_in_dutch():
    with translation.override("nl"):
        said = pattern.sentences(pattern.build_map(_rows()))
    assert said == [
        "Wat je het vaakst deed met je partner: je terugtrekken (3 van de 5).",
        "Als je je afgewezen voelde, deed je het vaakst dit: je terugtrekken (2 van de 3).",
        "Hoe vaak je koos voor ‘om hulp vragen’: 0 keer in september 2026, 3 keer in november 2026.",
    ]


def test_a_tie_names_every_reaction_that_tied():
    rows = [
        PatternRow(SEP, "partner", ("withdrew",), ("rejected",), 3),
        PatternRow(NOV, "partner", ("asked_help",), ("rejected",), 6),
    ]
    with translation.override("en"):
        said = pattern.sentences(pattern.build_map(rows))
    assert (
        said[0] == "What you did most often with your partner: withdraw and ask for help, equally often (1 of 2 each)."
    )
    with translation.override("nl"):
        said = pattern.sentences(pattern.build_map(rows))
    assert said[0] == (
        "Wat je het vaakst deed met je partner: je terugtrekken en om hulp vragen, even vaak (elk 1 van de 2)."
    )


def test_an_empty_diary_says_nothing():
    pmap = pattern.build_map([])
    assert pmap.reactions == [] and pattern.sentences(pmap) == []


# --- from the database -------------------------------------------------------------------------


def _write(client, *, shared):
    tz = zone_of(client.user)
    for month, who, reactions, emotions, safety in DIARY:
        entry(
            client,
            shared=shared,
            occurred_at=timezone.make_aware(dt.datetime.combine(month.replace(day=14), dt.time(12)), tz),
            with_whom=who,
            reactions=reactions,
            emotions=[(code, 5) for code in emotions],
            felt_safety=safety,
        )


@pytest.mark.django_db
def test_selector_rows_give_the_hand_worked_map(world):
    _write(world.client_a, shared=False)
    entries = selectors.visible_entries(world.users["client_a"], world.client_a)
    rows = selectors.pattern_rows(entries, zone_of(world.client_a.user))
    assert pattern.build_map(rows).by_person == pattern.build_map(_rows()).by_person


@pytest.mark.django_db
def test_the_client_sees_their_whole_map_with_private_entries(world):
    _write(world.client_a, shared=False)
    with translation.override("en"):
        page = browser(world.users["client_a"]).get(reverse("diary:pattern"), HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert page.status_code == 200
    assert "What you did most often with your partner: withdraw (3 of 5)." in text
    assert "Your therapist sees the map of the entries you shared" in text


@pytest.mark.django_db
def test_a_shared_map_is_visible_to_the_therapist_and_an_unshared_one_not(world):
    _write(world.client_a, shared=True)
    http = browser(world.therapist_a)
    url = reverse("diary:client_pattern", args=[world.client_a.pk])
    assert http.get(url).status_code == 404
    share_pattern(world.client_a)
    page = http.get(url)
    assert page.status_code == 200
    assert "withdraw (3 of 5)" in page.content.decode()
    unshare_pattern(world.client_a)
    assert http.get(url).status_code == 404


@pytest.mark.django_db
def test_sharing_takes_one_tap_and_taking_back_one_more(world):
    http = browser(world.users["client_a"])
    assert http.post(reverse("diary:pattern_share")).status_code == 302
    assert selectors.pattern_shared_at(world.client_a) is not None
    assert 'data-pattern-shared="yes"' in http.get(reverse("diary:pattern")).content.decode()
    assert http.post(reverse("diary:pattern_unshare")).status_code == 302
    assert selectors.pattern_shared_at(world.client_a) is None


@pytest.mark.django_db
def test_sharing_the_map_is_audited(world):
    from audit.models import AuditEvent

    browser(world.users["client_a"]).post(reverse("diary:pattern_share"))
    event = AuditEvent.objects.filter(client_id=world.client_a.pk, path=reverse("diary:pattern_share")).get()
    assert event.action == "change" and event.kind == "diary"


@pytest.mark.django_db
def test_a_private_entry_changes_nothing_the_therapist_sees(world):
    _write(world.client_a, shared=True)
    share_pattern(world.client_a)
    http = browser(world.therapist_a)
    url = reverse("diary:client_pattern", args=[world.client_a.pk])
    before = _main(http.get(url))
    entry(world.client_a, shared=False, with_whom="colleague", reactions=["attacked"], felt_safety=0)
    after = _main(http.get(url))
    assert "withdraw (3 of 5)" in before
    assert before == after
    # The client's own map does count it.
    assert "Attacked / blamed" in browser(world.users["client_a"]).get(reverse("diary:pattern")).content.decode()


def _main(page) -> str:
    # The page's main part: the header's logout form carries a fresh CSRF token each time.
    assert page.status_code == 200
    html = page.content.decode()
    return html[html.index('<main id="main"') : html.index("</main>")]


def _queries(http, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert http.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["client_a", "therapist_a"])
def test_query_count_does_not_grow_with_entries(world, who):
    share_pattern(world.client_a)
    http = browser(world.users[who])
    url = reverse("diary:pattern") if who == "client_a" else reverse("diary:client_pattern", args=[world.client_a.pk])
    _write(world.client_a, shared=True)
    http.get(url)  # the first request after login also writes the session's idle expiry
    few = _queries(http, url)
    _write(world.client_a, shared=True)
    _write(world.client_a, shared=False)
    assert _queries(http, url) == few


@pytest.mark.django_db
def test_the_clients_export_says_when_they_shared_their_map_and_the_therapists_does_not(world):
    from diary import export

    share_pattern(world.client_a)
    own = export.export_rows(world.client_a, world.client_a.user)["diary_settings"]
    assert own[0]["pattern_shared_at"] == selectors.pattern_shared_at(world.client_a).isoformat()
    assert export.export_rows(world.client_a, world.therapist_a)["diary_settings"] == []
