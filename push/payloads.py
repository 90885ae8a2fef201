"""What a push notification says: a short line in the recipient's language and the page to open.

Push payloads pass through the browser maker's push service, so they carry no name and no
health data (no diary text, no scores, no client): only which kind of reminder it is.
"""

import json

from django.utils.translation import gettext as _

from reminders.models import Kind


def title_for(kind: str) -> str:
    """Called inside the recipient's language (the send task runs in translation.override)."""
    titles = {
        Kind.DIARY: _("Time for your diary"),
        Kind.ASSESSMENT_DUE: _("A questionnaire is ready for you"),
        Kind.GOAL_CHECKIN: _("Time for your goal check-in"),
        Kind.WEEKLY_REFLECTION: _("Time for your weekly reflection"),
        Kind.THERAPIST_DIGEST: _("Your overview is ready"),
        Kind.SAFETY_ALERT: _("An alert needs your attention"),
        Kind.ADMIN_DIGEST: _("Some reminder emails need checking"),
    }
    return titles.get(kind, _("securebase has something for you"))


def payload(kind: str, path: str) -> bytes:
    """The JSON the service worker (static/js/sw-push.js) shows: title, body, page to open."""
    body = {"title": title_for(kind), "body": _("Open securebase"), "url": path or "/", "tag": str(kind)}
    return json.dumps(body, ensure_ascii=False).encode()
