from allauth.usersessions.models import UserSession
from django.test import Client as HttpClient
from django.urls import reverse

from accounts.models import User
from audit.models import Session
from clients.models import Client

from .helpers import full_login, password_login


def test_deactivating_a_client_ends_their_open_session_at_once_and_deletes_nothing(world):
    client_http = HttpClient()
    password_login(client_http, world.client_a.user.email)
    assert client_http.get(reverse("client_home")).status_code == 200
    assert UserSession.objects.filter(user=world.client_a.user).exists()
    admin_http = HttpClient()
    admin_http.force_login(world.admin)

    response = admin_http.post(reverse("practice_person_deactivate", args=[world.client_a.user.pk]))

    assert response.status_code == 302
    after = client_http.get(reverse("client_home"))
    assert after.status_code == 302 and after["Location"].startswith(reverse("account_login"))
    user = User.objects.get(pk=world.client_a.user.pk)
    assert not user.is_active and user.deactivated_at is not None
    assert Client.objects.filter(pk=world.client_a.pk).exists()
    assert not UserSession.objects.filter(user=user).exists()
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)]


def test_a_session_django_alone_knows_about_is_ended_too(world):
    http = HttpClient()
    http.force_login(world.client_b.user)  # no allauth UserSession row for this one
    admin_http = HttpClient()
    admin_http.force_login(world.admin)

    admin_http.post(reverse("practice_person_deactivate", args=[world.client_b.user.pk]))

    assert http.get(reverse("client_home")).status_code == 302


def test_deactivating_a_therapist_with_clients_warns_and_keeps_them_assigned(world):
    admin_http = HttpClient()
    admin_http.force_login(world.admin)

    confirm = admin_http.get(reverse("practice_person_deactivate", args=[world.therapist_a.pk]))
    done = admin_http.post(reverse("practice_person_deactivate", args=[world.therapist_a.pk]), follow=True)

    assert b"1 client is still assigned" in confirm.content
    assert b"1 client is still assigned" in done.content
    assert Client.objects.get(pk=world.client_a.pk).therapist == world.therapist_a
    therapist_http = HttpClient()
    assert password_login(therapist_http, world.therapist_a.email)["Location"] == reverse("account_inactive")


def test_reactivating_lets_the_person_log_in_again(world):
    admin_http = HttpClient()
    admin_http.force_login(world.admin)
    admin_http.post(reverse("practice_person_deactivate", args=[world.therapist_other.pk]))

    admin_http.post(reverse("practice_person_reactivate", args=[world.therapist_other.pk]))

    user = User.objects.get(pk=world.therapist_other.pk)
    assert user.is_active and user.deactivated_at is None
    http = HttpClient()
    full_login(http, user)
    assert http.get(reverse("dashboard:caseload")).status_code == 200


def test_an_admin_cannot_deactivate_another_admin_or_someone_of_another_practice(world):
    admin_http = HttpClient()
    admin_http.force_login(world.admin)

    assert admin_http.post(reverse("practice_person_deactivate", args=[world.admin.pk])).status_code == 404
    assert admin_http.post(reverse("practice_person_deactivate", args=[world.client_x.user.pk])).status_code == 404
    assert User.objects.get(pk=world.client_x.user.pk).is_active
