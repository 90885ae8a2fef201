"""An alert links to what raised it, and only to what the therapist may open."""

import re

import pytest
from django.urls import reverse

from safety.models import Alert, ClientSafetySettings

from .helpers import submit_ecr_r, write_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def oncommit(django_capture_on_commit_callbacks):
    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


def _cause_links(http) -> list[str]:
    html = http.get(reverse("safety:alerts") + "?all=1").content.decode()
    return re.findall(r'<a class="alert-cause[^"]*" href="([^"]+)"', html)


def test_shared_entry_alert_links_to_the_entry(world, oncommit, client):
    entry = oncommit(write_entry, world.client_a, safety=1, shared=True)
    client.force_login(world.therapist_a)
    assert _cause_links(client) == [reverse("diary:entry_detail", args=[entry.pk])]
    assert client.get(reverse("diary:entry_detail", args=[entry.pk])).status_code == 200
    alert = Alert.objects.get()
    opened = client.get(reverse("safety:alert_open", args=[alert.pk]))
    assert opened.status_code == 302 and opened["Location"] == reverse("diary:entry_detail", args=[entry.pk])


def test_deterioration_alert_links_to_the_questionnaire_result(world, oncommit, client):
    oncommit(submit_ecr_r, world.client_a, world.therapist_a, 3, 3)
    score = oncommit(submit_ecr_r, world.client_a, world.therapist_a, 6, 6)
    client.force_login(world.therapist_a)
    url = reverse("assessments:administration_detail", args=[world.client_a.pk, score.administration_id])
    assert _cause_links(client) == [url]
    assert client.get(url).status_code == 200


def test_private_distress_alert_links_nowhere(world, oncommit, client):
    ClientSafetySettings.objects.create(client=world.client_a, tell_therapist_private_distress=True)
    entry = oncommit(write_entry, world.client_a, safety=1, shared=False)
    alert = Alert.objects.get()
    client.force_login(world.therapist_a)
    assert _cause_links(client) == []
    opened = client.get(reverse("safety:alert_open", args=[alert.pk]))
    assert opened.status_code == 302
    assert opened["Location"] == f"{reverse('safety:alerts')}?all=1#alert-{alert.pk}"
    assert reverse("diary:entry_detail", args=[entry.pk]) not in client.get(opened["Location"]).content.decode()


def test_alert_link_is_decided_when_opened_not_when_sent(world, oncommit, client):
    from diary import services as diary_services

    entry = oncommit(write_entry, world.client_a, safety=1, shared=True)
    alert = Alert.objects.get()
    diary_services.unshare_entry(entry)
    client.force_login(world.therapist_a)
    assert client.get(reverse("safety:alert_open", args=[alert.pk])).status_code == 404
    # Another therapist of the practice cannot open it either.
    client.force_login(world.therapist_other)
    diary_services.share_entry(entry)
    assert client.get(reverse("safety:alert_open", args=[alert.pk])).status_code == 404
