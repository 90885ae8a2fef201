"""ECR-RS on the progress pages: one series per relationship and their latest points on one plane."""

import datetime as dt

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone, translation

from dashboard import charts, presenters, selectors
from tests.seeding import add_scores

pytestmark = pytest.mark.django_db

SECTION = "Relationships (ECR-RS)"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _login(user):
    http = HttpClient()
    http.force_login(user)
    return http


def _seed_relationships(client):
    today = timezone.localdate()
    first, later = today - dt.timedelta(days=60), today - dt.timedelta(days=3)
    add_scores(client, [(first, 5.0, 5.0), (later, 3.0, 4.8)], instrument="ecr-rs", target="partner")
    add_scores(client, [(first, 2.0, 2.0)], instrument="ecr-rs", target="mother")
    return first, later


def test_relationship_series_and_plane_come_from_the_ecr_rs_scores(world):
    add_scores(world.client_a, [(timezone.localdate() - dt.timedelta(days=30), 4.4, 3.3)])  # ECR-R, charted apart
    _seed_relationships(world.client_a)
    progress = selectors.client_progress(world.therapist_a, world.client_a)
    assert [(p.anxiety, p.avoidance) for p in progress.points] == [(4.4, 3.3)]
    rel = progress.relationships
    # partner before mother: the instrument file's order, not the order of the data
    assert [(s.target, s.label) for s in rel.series] == [
        ("partner", "romantic partner"),
        ("mother", "mother or mother-like figure"),
    ]
    partner = rel.series[0]
    drawn = presenters.progress_charts(world.therapist_a, progress).relationships
    assert [(p.anxiety, p.avoidance, p.corner) for p in partner.points] == [
        (5.0, 5.0, "Fearful-disorganised"),
        (3.0, 4.8, "Avoidant-dismissing"),
    ]
    chart = drawn.series[0].chart
    assert chart.title == "romantic partner: anxiety and avoidance over time"
    # ECR-RS partner figures (SD 1.2, r .65 test-retest): S_diff = √2·1.2·√.35 = 1.2·√.7 = 1.00399;
    # 1.96 × that = 1.96782. The anxiety panel maps 7 → y 24 and 1 → y 154 (21.667 px per point)
    band = chart.find("rc-band-anxiety")[0]
    assert band.attrs["y"] == pytest.approx(154 - (5.0 + 1.96782 - 1) * 130 / 6, abs=0.01)
    assert band.attrs["height"] == pytest.approx(2 * 1.96782 * 130 / 6, abs=0.01)
    assert chart.find("norm-band-anxiety") == [] and chart.find("norm-band-avoidance") == []
    assert any("No population norm band" in note for note in chart.notes)
    assert chart.table.columns[-1] == "Reliable change vs baseline"
    assert chart.table.rows[0][1:] == ["5.00", "5.00", "Fearful-disorganised", "baseline"]
    # anxiety −2.0 exceeds 1.97 (improved); avoidance −0.2 does not
    assert chart.table.rows[1][1:] == [
        "3.00",
        "4.80",
        "Avoidant-dismissing",
        "Anxiety: reliably improved; Avoidance: no reliable change",
    ]
    plane = drawn.plane
    # plane `size` units, margin 52 (26 at top and right): one scale point is (size − 78) / 6
    size = plane.width
    unit = (size - 78) / 6
    partner_point, mother_point = plane.find("target-point")
    assert (partner_point.attrs["cx"], partner_point.attrs["cy"]) == pytest.approx(
        (52 + 3.8 * unit, size - 52 - 2 * unit)
    )
    assert (mother_point.attrs["x"] + 6, mother_point.attrs["y"] + 6) == pytest.approx((52 + unit, size - 52 - unit))
    assert [t.text for t in plane.find("target-label")] == ["romantic partner", "mother or mother-like figure"]
    assert plane.find("path") == []  # different relationships are not joined
    assert [row[0] for row in plane.table.rows] == ["romantic partner", "mother or mother-like figure"]
    assert plane.table.rows[0][4] == "Avoidant-dismissing"


def test_relationship_plane_labels_are_translated(world):
    world.therapist_a.language = "nl"
    world.therapist_a.save()
    _seed_relationships(world.client_a)
    html = _login(world.therapist_a).get(reverse("dashboard:client_progress", args=[world.client_a.pk])).content
    html = html.decode()
    assert "Relaties (ECR-RS)" in html
    assert "romantische partner" in html and "moeder of moederfiguur" in html
    assert "Vermijdend-afwijzend" in html


def test_section_is_absent_without_ecr_rs_scores(world):
    add_scores(world.client_a, [(timezone.localdate(), 3.0, 2.0)])
    assert selectors.client_progress(world.therapist_a, world.client_a).relationships is None
    therapist = _login(world.therapist_a)
    for name in ("dashboard:client_progress", "dashboard:report"):
        html = therapist.get(reverse(name, args=[world.client_a.pk])).content.decode()
        assert SECTION not in html and "rs-plane" not in html
    world.client_a.results_visible_to_client = True
    world.client_a.save()
    assert SECTION not in _login(world.client_a.user).get(reverse("dashboard:my_progress")).content.decode()


def test_section_is_shown_on_the_therapist_pages_with_a_chart_and_table_per_relationship(world):
    _seed_relationships(world.client_a)
    therapist = _login(world.therapist_a)
    for name in ("dashboard:client_progress", "dashboard:report"):
        html = therapist.get(reverse(name, args=[world.client_a.pk])).content.decode()
        assert SECTION in html
        assert 'id="rs-plane-caption"' in html
        assert 'id="rs-partner-caption"' in html and 'id="rs-mother-caption"' in html
        assert "Anxiety: reliably improved; Avoidance: no reliable change" in html
        assert "no population norm band" in html
        assert "style=" not in html and "<script>" not in html


def test_client_sees_relationships_only_when_results_are_visible(world):
    _seed_relationships(world.client_a)
    http = _login(world.client_a.user)
    url = reverse("dashboard:my_progress")
    assert SECTION not in http.get(url).content.decode()
    world.client_a.results_visible_to_client = True
    world.client_a.save()
    html = http.get(url).content.decode()
    assert SECTION in html and "romantic partner" in html
    assert 'id="rs-partner-caption"' in html


def test_another_clients_relationships_never_show(world):
    _seed_relationships(world.client_b)
    html = _login(world.therapist_a).get(reverse("dashboard:client_progress", args=[world.client_a.pk])).content
    assert SECTION.encode() not in html
    assert selectors.client_progress(world.therapist_a, world.client_a).relationships is None


def test_long_corner_names_on_one_edge_do_not_overlap():
    short = charts.relationship_plane_chart([], labels={"fearful": "Fearful"})
    long = charts.relationship_plane_chart(
        [], labels={"anxious": "Angstig-gepreoccupeerd", "fearful": "Angstig-vermijdend (gedesorganiseerd)"}
    )
    # the plane's top edge is at y 26; corner names sit 16 px below it; a name too wide for its
    # quadrant goes on two lines, 14 px apart (1.25 × the 11.2 px font), instead of running over the split line
    assert [t.attrs["y"] for t in short.find("corner-fearful")] == [42]
    assert [(t.text, t.attrs["y"]) for t in long.find("corner-fearful")] == [
        ("Angstig-vermijdend", 42),
        ("(gedesorganiseerd)", 56),
    ]
    assert long.find("corner-anxious")[0].attrs["y"] == 42
