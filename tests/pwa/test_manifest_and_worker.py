"""The installable app's files: what the browser reads to install it and to work offline."""

import json

import pytest
from django.contrib.staticfiles import finders

from pwa.views import SHELL_STATIC

pytestmark = pytest.mark.django_db


def test_the_manifest_installs_the_client_home_standalone_in_the_pages_language(client):
    response = client.get("/manifest.webmanifest?lang=nl")
    assert response["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(response.content)
    assert manifest["name"] == "securebase: dagboek en voortgang"
    assert manifest["short_name"] == "securebase"
    assert manifest["lang"] == "nl"
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == ("/me/", "/", "standalone")
    assert manifest["theme_color"] == "#1f6864"
    purposes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("192x192", "maskable"), ("512x512", "maskable")} <= purposes
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_an_unknown_manifest_language_falls_back_to_english(client):
    assert json.loads(client.get("/manifest.webmanifest?lang=xx").content)["name"] == "securebase: diary and progress"


def test_the_worker_is_served_from_the_root_and_always_checked_for_updates(client):
    response = client.get("/sw.js")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    assert "Content-Security-Policy" in response
    assert 'importScripts("/static/diary/offline-queue.js", "/static/js/sw-push.js")' in body


def test_the_worker_keeps_only_the_shell(client):
    body = client.get("/sw.js").content.decode()
    shell = json.loads(body.split("var SHELL_FILES = ", 1)[1].split(";", 1)[0])
    pages = json.loads(body.split("var OFFLINE_PAGES = ", 1)[1].split(";", 1)[0])
    assert all(url.startswith("/static/") for url in shell)
    assert sorted(pages.values()) == ["/offline/en/", "/offline/en/full/", "/offline/nl/", "/offline/nl/full/"]
    assert all(finders.find(name) for name in SHELL_STATIC)


def test_the_offline_page_names_no_one_even_when_fetched_logged_in(client, world):
    client.force_login(world.client_a.user)
    body = client.get("/offline/nl/").content.decode()
    assert "Je bent offline" in body
    assert world.client_a.user.email not in body
    assert "data-offline-user" not in body and "csrfmiddlewaretoken" not in body
    assert 'data-offline-entry="quick"' in body


def test_pages_link_the_manifest_in_their_language(client, world):
    world.client_a.user.language = "nl"
    world.client_a.user.save(update_fields=["language"])
    client.force_login(world.client_a.user)
    body = client.get("/me/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest?lang=nl">' in body
    assert '<meta name="apple-mobile-web-app-capable" content="yes">' in body
    assert f'data-offline-user="{world.client_a.user.pk}"' in body
