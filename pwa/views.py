"""The installable app: service worker, web app manifest and the offline page.

None of these name a person: they are the same for everyone (and reachable without a login),
so the service worker may keep them and show them to whoever opens the app offline.
"""

import hashlib
import json
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from diary.forms import EntryForm, QuickEntryForm

THEME_COLOUR = "#1f6864"
BACKGROUND_COLOUR = "#ffffff"
# The static files the offline page needs; the worker keeps exactly these (and nothing per person).
SHELL_STATIC = (
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "css/securebase.css",
    "js/securebase.js",
    "diary/diary.css",
    "diary/draft.js",
    "diary/offline-queue.js",
    "pwa/app.js",
    "icons/icon.svg",
    "icons/icon-192.png",
)
QUEUE_SCRIPT = "diary/offline-queue.js"
# The push half of the worker (notifications); its own file so it can change on its own.
PUSH_SCRIPT = "js/sw-push.js"
SHELL_REVISION = "1"


def _language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


@lru_cache(maxsize=1)
def _files_digest() -> str:
    # The worker's bytes change when a shell file does, so browsers install the new one.
    digest = hashlib.sha256(SHELL_REVISION.encode())
    for name in (*SHELL_STATIC, PUSH_SCRIPT):
        path = finders.find(name)
        if path:
            with open(path, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()[:12]


def offline_pages() -> dict[str, str]:
    """{"en": url, "en-full": url, …}: the quick and the full offline form in every language."""
    pages = {}
    for code in _language_codes():
        pages[code] = reverse("pwa:offline", args=[code])
        pages[f"{code}-full"] = reverse("pwa:offline_full", args=[code])
    return pages


def shell_version() -> str:
    return _files_digest() if not settings.DEBUG else _files_digest.__wrapped__()


@login_not_required
@require_GET
@cache_control(no_cache=True)
def service_worker(request):
    context = {
        "version": shell_version(),
        "offline_pages": json.dumps(offline_pages()),
        "shell_files": json.dumps([static(name) for name in SHELL_STATIC]),
        "queue_script": json.dumps(static(QUEUE_SCRIPT)),
        "push_script": json.dumps(static(PUSH_SCRIPT)),
    }
    response = render(request, "pwa/sw.js", context, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


def _icon(name: str, sizes: str, purpose: str = "any", kind: str = "image/png") -> dict:
    # Maskable icons keep their mark inside the safe circle, so a phone may crop them to any shape.
    return {"src": static(name), "sizes": sizes, "type": kind, "purpose": purpose}


def manifest_data(lang: str) -> dict:
    with translation.override(lang):
        return {
            "id": "/",
            "name": _("securebase: diary and progress"),
            "short_name": "securebase",
            "description": _("Your emotion diary, goals and questionnaires between therapy sessions."),
            "lang": lang,
            "start_url": reverse("client_home"),
            "scope": "/",
            "display": "standalone",
            "orientation": "portrait",
            "theme_color": THEME_COLOUR,
            "background_color": BACKGROUND_COLOUR,
            "icons": [
                _icon("icons/icon-192.png", "192x192"),
                _icon("icons/icon-512.png", "512x512"),
                _icon("icons/maskable-192.png", "192x192", "maskable"),
                _icon("icons/maskable-512.png", "512x512", "maskable"),
                _icon("icons/icon.svg", "any", kind="image/svg+xml"),
            ],
        }


@login_not_required
@require_GET
@cache_control(max_age=3600)
def manifest(request):
    # Fetched without cookies, so the page names the language in the link (?lang=nl).
    lang = request.GET.get("lang", "")
    if lang not in _language_codes():
        lang = settings.LANGUAGE_CODE
    body = json.dumps(manifest_data(lang), ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/manifest+json; charset=utf-8")


@login_not_required
@require_GET
@cache_control(no_cache=True)
def offline_page(request, lang: str, kind: str):
    """The page the worker shows when the network is gone: a diary form, no one's data.

    Its time and idempotency key are set afresh in the browser (pwa/app.js) each time it opens.
    """
    if lang not in _language_codes():
        raise Http404
    form_class = EntryForm if kind == "full" else QuickEntryForm
    # Rendered as for a visitor even when someone is logged in: it is kept and shown to anyone.
    request.user = AnonymousUser()
    with translation.override(lang):
        context = {"form": form_class(), "kind": kind, "offline_lang": lang}
        return render(request, "pwa/offline.html", context)
