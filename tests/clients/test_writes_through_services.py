"""Client record pages write through clients.services (and the user's own settings through
accounts.services): the results switch, the practice admin's record edit, the settings page."""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from accounts import services as account_services
from clients import services

pytestmark = pytest.mark.django_db


def login(user):
    http = HttpClient()
    http.force_login(user)
    return http


def spy(monkeypatch, module, name: str) -> list:
    calls, real = [], getattr(module, name)

    def wrapper(*args, **kwargs):
        calls.append((args, kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    return calls


def test_the_results_switch_goes_through_set_results_visible(world, monkeypatch):
    calls = spy(monkeypatch, services, "set_results_visible")
    url = reverse("client_results_visibility", kwargs={"pk": world.client_a.pk})
    assert login(world.therapist_a).post(url, {"visible": "1"}).status_code == 302
    assert len(calls) == 1
    world.client_a.refresh_from_db()
    assert world.client_a.results_visible_to_client is True


def test_setting_results_visibility_to_what_it_is_changes_nothing(world):
    before = world.client_a.updated_at
    assert services.set_results_visible(world.client_a, world.client_a.results_visible_to_client) is False
    world.client_a.refresh_from_db()
    assert world.client_a.updated_at == before


def test_the_practice_admins_record_edit_goes_through_update_record(world, monkeypatch):
    calls = spy(monkeypatch, services, "update_record")
    url = reverse("practice_client_edit", kwargs={"pk": world.client_a.pk})
    data = {"display_name": "Client A renamed", "date_of_birth": "", "status": "active", "start_date": "2026-01-05"}
    response = login(world.admin).post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert len(calls) == 1
    world.client_a.refresh_from_db()
    assert world.client_a.display_name == "Client A renamed"


def test_the_settings_page_goes_through_update_settings(world, monkeypatch):
    calls = spy(monkeypatch, account_services, "update_settings")
    user = world.client_a.user
    data = {"name": "New Name", "language": "nl", "timezone": "Europe/Amsterdam"}
    assert login(user).post(reverse("accounts:settings"), data).status_code == 302
    assert len(calls) == 1
    user.refresh_from_db()
    assert (user.name, user.language) == ("New Name", "nl")
