"""The couple page: both partners' trajectories on one plane with change judged on the plane,
the shared goal with both partners' check-ins side by side, and no diary content unless shared."""

import re
import uuid

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from diary.models import DiaryEntry
from goals import services as goal_services
from relationships import services

from .helpers import add_couple_scores, days_ago, make_couple

pytestmark = pytest.mark.django_db


def _page(user, name, **kwargs):
    http = HttpClient()
    http.force_login(user)
    response = http.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    return response.content.decode()


def test_the_couple_plane_judges_each_person_s_change_on_the_plane_and_per_dimension(world):
    link, marleen, tim = make_couple(world.practice, world.therapist_a)
    add_couple_scores(marleen, tim)
    html = _page(world.therapist_a, "relationships:couple", pk=link.pk)
    # four paths, each with its ellipse around the first point
    for key in ("a-ecr-r", "b-ecr-r", "a-ecr-rs", "b-ecr-rs"):
        assert f'class="sb-path-{key}"' in html and f'class="sb-ellipse-{key}"' in html, key
    # Tim's ECR-R: Δ = (−0.80, −0.80): neither dimension alone, reliable on the plane
    assert "Tim: ECR-R" in html
    assert "−0.80 (no reliable change)" in html
    assert "moved reliably toward secure (D² 6.05 &gt; 5.99)" in html
    # Tim about Marleen (ECR-RS, partner r .65): anxiety −2.00 alone is reliable, the plane is not
    assert "−2.00 (reliably improved)" in html
    assert "no reliable change on the plane (D² 3.97 ≤ 5.99)" in html
    # the formula and the sources on the chart's note
    assert "Mahalanobis" in html and "5.99" in html and "Jacobson &amp; Truax, 1991" in html
    assert "r .65: 30-day test-retest, Fraley&#x27;s ECR-RS page" in html
    assert "Lord &amp; Novick, 1968" in html and "Provisional" in html
    # dated trajectories: each point's date in the table
    assert html.count(days_ago(90).strftime("%Y")) >= 1


def test_the_ellipse_is_drawn_around_the_first_point_with_the_radius_of_no_reliable_change(world):
    link, marleen, tim = make_couple(world.practice, world.therapist_a)
    add_couple_scores(marleen, tim)
    html = _page(world.therapist_a, "relationships:couple", pk=link.pk)
    ellipse = re.search(
        r'<ellipse cx="([\d.]+)" cy="([\d.]+)" rx="([\d.]+)" ry="([\d.]+)"[^>]*class="sb-ellipse-b-ecr-r"', html
    )
    assert ellipse, "Tim's ECR-R ellipse"
    # S_diff 0.46 on both, ρ = 0: a circle of √5.9915 · 0.46 = 1.126 scale points; the plane's
    # 6 points span PLANE_SIZE − 78 px
    from dashboard.charts.layout import PLANE_SIZE

    px_per_point = (PLANE_SIZE - 78) / 6
    assert float(ellipse.group(3)) == pytest.approx(1.12597 * px_per_point, abs=0.02)
    assert float(ellipse.group(3)) == pytest.approx(float(ellipse.group(4)), abs=0.01)
    assert float(ellipse.group(1)) == pytest.approx(52 + (2.6 - 1) * px_per_point, abs=0.02)  # Tim's first avoidance


def test_the_shared_goal_shows_both_partners_check_ins_side_by_side(world):
    link, marleen, tim = make_couple(world.practice, world.therapist_a)
    shared = services.set_shared_goal(
        link, by=world.therapist_a, title="When we argue, neither of us walks away for the first ten minutes"
    )
    assert shared.goal_a.client == marleen and shared.goal_b.client == tim
    goal_services.record_checkin(
        marleen, shared.goal_a, date=days_ago(1), outcome="done", what_happened="stayed", idempotency_key=uuid.uuid4()
    )
    goal_services.record_checkin(
        tim,
        shared.goal_b,
        date=days_ago(1),
        outcome="partly",
        what_happened="left after 5",
        idempotency_key=uuid.uuid4(),
    )
    html = _page(world.therapist_a, "relationships:couple", pk=link.pk)
    row = re.search(r"<tr><th scope=\"row\"[^>]*>[^<]+</th>(.*?)</tr>", html, re.S).group(1)
    assert "Done: stayed" in row and "Partly: left after 5" in row
    assert row.index("Done: stayed") < row.index("Partly: left after 5")  # Marleen's column first


def test_an_empty_shared_goal_is_refused_and_the_page_keeps_what_was_typed(world):
    link, *_ = make_couple(world.practice, world.therapist_a)
    http = HttpClient()
    http.force_login(world.therapist_a)
    response = http.post(reverse("relationships:goal", kwargs={"pk": link.pk}), {"title": "   "})
    assert response.status_code == 400
    assert "Write the goal in a few words." in response.content.decode()


def test_diaries_stay_individual_unless_the_writer_shares_a_note_with_the_couple(world):
    link, marleen, tim = make_couple(world.practice, world.therapist_a, showing=True)
    private = DiaryEntry.objects.create(client=tim, what_happened="Why is she leaving again?", shared=True)
    mine = DiaryEntry.objects.create(client=marleen, what_happened="I like going out with friends")
    for user, name in [(world.therapist_a, "relationships:couple"), (marleen.user, "relationships:joint")]:
        assert "Why is she leaving again?" not in _page(user, name, pk=link.pk)
    with pytest.raises(Exception, match="only share your own notes"):
        services.share_entry(link, marleen, private)
    http = HttpClient()
    http.force_login(tim.user)
    http.post(reverse("relationships:share", kwargs={"pk": link.pk}), {"entry": private.pk})
    assert "Why is she leaving again?" in _page(marleen.user, "relationships:joint", pk=link.pk)
    assert "Why is she leaving again?" in _page(world.therapist_a, "relationships:couple", pk=link.pk)
    assert "I like going out with friends" not in _page(tim.user, "relationships:joint", pk=link.pk)
    services.end_link(link, by=marleen.user)
    assert not link.entry_shares.exists() and DiaryEntry.objects.filter(pk__in=[private.pk, mine.pk]).count() == 2


def test_the_relationship_map_draws_each_relationship_over_time(world):
    from tests.seeding import add_scores

    client = world.client_a
    for target, series in {
        "mother": [(days_ago(60), 3.0, 4.5), (days_ago(2), 2.0, 3.0)],
        "father": [(days_ago(60), 4.0, 5.0)],
        "partner": [(days_ago(60), 5.0, 2.0), (days_ago(2), 4.5, 2.0)],
        "friend": [(days_ago(60), 2.0, 2.0), (days_ago(2), 2.1, 2.0)],
    }.items():
        add_scores(client, series, instrument="ecr-rs", target=target)
    html = _page(world.therapist_a, "relationships:map", pk=client.pk)
    for target in ("mother", "partner", "friend"):
        assert f'class="sb-path-{target}"' in html and f'class="sb-ellipse-{target}"' in html
    assert 'class="sb-point-father-latest"' in html and "one score: nothing to compare yet" in html
    # mother: Δ = (−1.0, −1.5), S_diff = √2·1.2·√.2 = 0.7589: z = (−1.318, −1.977); D² = 5.645 < 5.99
    assert "no reliable change on the plane (D² 5.64 ≤ 5.99)" in html
    assert "r .80: 30-day test-retest" in html and "r .65 provisional" in html


def test_a_dutch_therapist_reads_the_couple_page_in_dutch(world):
    from accounts.models import Role
    from tests.factories import make_user

    therapist = make_user(world.practice, Role.THERAPIST, language="nl", mfa=True)
    link, marleen, tim = make_couple(world.practice, therapist)
    add_couple_scores(marleen, tim)
    http = HttpClient()
    http.force_login(therapist)
    html = http.get(reverse("relationships:couple", kwargs={"pk": link.pk}), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "betrouwbaar verschoven richting veilig (D² 6,05 &gt; 5,99)" in html
    assert "geen betrouwbare verandering op het vlak" in html
    assert "Mahalanobis-afstand" in html and "Gezamenlijk doel in kleine stappen" in html
    assert "Op het vlak" in html and "Tim over Marleen" in html


def test_a_client_finds_their_relationship_map_at_home_once_results_are_on_and_reads_it_in_plain_words(world):
    from clients.models import Client
    from tests.seeding import add_scores

    client = world.client_a
    add_scores(client, [(days_ago(60), 3.0, 4.5), (days_ago(2), 1.5, 2.5)], instrument="ecr-rs", target="mother")
    http = HttpClient()
    http.force_login(client.user)
    home = http.get(reverse("home"), follow=True).content.decode()
    assert "data-relationship-map-home" not in home  # results not switched on
    Client.objects.filter(pk=client.pk).update(results_visible_to_client=True)
    assert "data-relationship-map-home" in http.get(reverse("home"), follow=True).content.decode()
    html = _page(client.user, "relationships:map", pk=client.pk)
    # Δ = (−1.5, −2.0) with S_diff 0.7589: D² = 3.907 + 6.945 = 10.85: reliable, toward secure
    assert "clearly moved toward secure" in html
    assert "Mahalanobis" not in html and "D²" not in html


def test_a_column_and_the_plane_that_disagree_are_explained_to_the_therapist_and_the_partners(world):
    link, marleen, tim = make_couple(world.practice, world.therapist_a, showing=True, language="nl")
    add_couple_scores(marleen, tim)  # Tim about Marleen: anxiety alone reliable, the plane not
    therapist = _page(world.therapist_a, "relationships:couple", pk=link.pk)
    assert "−2.00 (reliably improved)" in therapist and "no reliable change on the plane" in therapist
    assert "A change can pass one test and not the other." in therapist
    partner = _page(tim.user, "relationships:joint", pk=link.pk)  # Dutch, in lay words
    assert "geen duidelijke verandering" in partner
    assert "kijkt naar beide scores samen" in partner


def test_the_reliability_notes_read_in_dutch_on_a_dutch_therapists_page(world):
    world.therapist_a.language = "nl"
    world.therapist_a.save(update_fields=["language"])
    link, marleen, tim = make_couple(world.practice, world.therapist_a)
    add_couple_scores(marleen, tim)
    html = _page(world.therapist_a, "relationships:couple", pk=link.pk)
    assert "r 0,65: test-hertest 30 dagen, Fraleys ECR-RS-pagina" in html
    assert "Voorlopig: meetfouten van angst en vermijding als ongecorreleerd genomen" in html
    assert "30-day test-retest" not in html and "taken as uncorrelated" not in html
