"""Every main page, as each role sees it, on a phone and a desktop, in English and Dutch.

The demo practice (`seed_demo`) is walked through the real login forms. Every visit is
checked: answered below 400 without a redirect, no console error, failed request or 4xx
(the favicon included), no CSP violation, no call to another origin, no sideways scrolling
on a phone, and `<html lang>` in the user's language.

The normal suite walks the phone in Dutch only, without saving images: that one pass runs
every check (sideways scrolling needs the phone, the lang check needs Dutch) for about half
a minute. `make screenshots` (SCREENSHOTS=1) walks all four
combinations and writes one PNG per page into test-artifacts/screenshots/
<lang>-<device>-<page>.png, for a person to look at.
"""

import io
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from assessments.models import AssessmentRequest, RequestStatus
from assessments.services import create_schedule
from clients.management.commands.seed_demo import ADMIN, CLIENTS, DEMO_PASSWORD, THERAPISTS
from clients.models import Client
from goals.models import Goal
from relationships.models import CoupleLink
from tests.browser.conftest import ARTIFACTS, PHONE, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("SCREENSHOTS", "").strip().lower() in {"1", "true", "yes"}
FOLDER = ARTIFACTS / "screenshots"
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
DEVICES = {"phone": PHONE, "desktop": DESKTOP}
LOCALES = {"en": "en-GB", "nl": "nl-NL"}
COMBINATIONS = (
    [(lang, device) for lang in ("en", "nl") for device in ("phone", "desktop")] if SCREENSHOTS else [("nl", "phone")]
)

CLIENT_PAGES = {
    "home": "/me/",
    "quick-entry": "/diary/quick/",
    "diary-entry-form": "/diary/new/",
    "diary-list": "/diary/",
    "weekly-summary": "/diary/summary/",
    "sharing": "/diary/sharing/",
    "pattern-map": "/diary/pattern/",
    "learn": "/learn/",
    "learn-card": "/learn/card/style-anxious/",
    "goals": "/goals/",
    "goal-detail": "/goals/{goal}/",
    "check-in": "/goals/{goal}/check-in/",
    "questionnaire-fill": "/assessments/requests/{request}/",
    "my-progress": "/dashboard/me/",
    "safety-plan": "/safety/plan/",
    "crisis": "/safety/crisis/",
    "reminder-preferences": "/reminders/",
    "notifications": "/reminders/notifications/",
    "settings": "/accounts/settings/",
    "passkeys": "/accounts/2fa/webauthn/",
    "push-devices": "/push/devices/",
    "my-couple": "/couples/mine/",
    "couple-together": "/couples/{couple}/together/",
    "my-milestones": "/sessions/me/milestones/",
}
THERAPIST_PAGES = {
    "caseload": "/dashboard/",
    "client-detail": "/clients/{client}/",
    "client-progress": "/dashboard/clients/{client}/",
    "assessment-history": "/assessments/clients/{client}/",
    "session-preparation": "/dashboard/clients/{client}/session/",
    "report": "/dashboard/clients/{client}/report/",
    "client-entries": "/diary/clients/{client}/",
    "alerts": "/safety/alerts/",
    "client-goals": "/goals/clients/{client}/",
    "couples": "/couples/",
    "couple": "/couples/{couple}/",
    "relationship-map": "/couples/clients/{client}/map/",
    "session-plan": "/sessions/clients/{client}/plan/",
    "session-notes": "/sessions/clients/{client}/notes/",
    "calendar-feed": "/sessions/calendar/",
}
ADMIN_PAGES = {
    "people": "/practice/people/",
    "practice-clients": "/practice/clients/",
    "audit-search": "/records/practice/audit/",
    "learn-practice-cards": "/learn/practice/",
    "unconfirmed-emails": "/reminders/unconfirmed/",
    "session-settings": "/sessions/practice/",
}
ANONYMOUS_PAGES = {
    "login": "/accounts/login/",
    "password-reset": "/accounts/password/reset/",
}

OVERFLOW = "() => document.documentElement.scrollWidth"
# The elements reaching past the right edge, so a report names what to fix.
STICKING_OUT = """(edge) => {
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + [...el.classList].slice(0, 2).map((c) => "." + c).join("");
  const past = (el) => el.getBoundingClientRect().right > edge;
  // Outermost ones, and positioned ones (they escape a scrolling wrapper such as .table-responsive).
  const out = [...document.body.querySelectorAll("*")].filter((el) => past(el) && (!past(el.parentElement)
    || ["absolute", "fixed"].includes(getComputedStyle(el).position)));
  return out.slice(0, 3).map((el) => name(el) + " in " + name(el.parentElement)
    + " (" + Math.round(el.getBoundingClientRect().right) + "px)");
}"""


@dataclass
class Visit:
    """What one page load did in the browser."""

    label: str
    problems: list[str] = field(default_factory=list)


def listen(page, base_url: str, current: list[Visit]) -> None:
    """Record into the visit in progress anything a person or a log would call an error."""

    def note(text: str) -> None:
        current[-1].problems.append(text)

    def on_console(message) -> None:
        if message.type == "error":
            note(f"console error: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: note(f"uncaught: {error}"))
    page.on("requestfailed", lambda request: note(f"failed request: {request.url} {request.failure}"))
    page.on("response", lambda response: response.status >= 400 and note(f"{response.status} {response.url}"))
    page.on(
        "request",
        lambda request: (
            request.url.startswith((base_url + "/", "data:", "blob:")) or note(f"external request: {request.url}")
        ),
    )


def visit(page, base_url: str, path: str, *, lang: str, device: str, current: list[Visit]) -> None:
    current.append(Visit(f"{lang}-{device}-{path}"))
    response = page.goto(base_url + path)
    # A person reads the page before moving on: the browser's own icon fetches finish first
    # (leaving earlier aborts them, which would read as a failed request).
    page.wait_for_load_state("networkidle")
    problems = current[-1].problems
    if response is None or response.status >= 400:
        problems.append(f"status {response.status if response else 'none'}")
    if page.url.split("?")[0] != base_url + path:
        problems.append(f"redirected to {page.url}")
    html_lang = page.evaluate("() => document.documentElement.lang")
    if html_lang.split("-")[0] != lang:
        problems.append(f"<html lang={html_lang!r}>, expected {lang}")
    if device == "phone":
        width = page.evaluate(OVERFLOW)
        if width > PHONE["viewport"]["width"] + 1:
            culprits = ", ".join(page.evaluate(STICKING_OUT, PHONE["viewport"]["width"] + 1))
            problems.append(f"scrolls sideways: {width}px wide on a 390px screen; sticking out: {culprits}")


def shoot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(
            path=str(FOLDER / f"{name}.png"), full_page=True, scale="css", animations="disabled", timeout=30_000
        )


@dataclass(frozen=True)
class Role:
    key: str
    email: str
    totp_secret: str
    pages: dict[str, str]


def roles() -> list[Role]:
    lotte = CLIENTS[0][0]
    sanne = THERAPISTS[0]
    return [
        Role("client", lotte.email, "", CLIENT_PAGES),
        Role("therapist", sanne.email, sanne.totp_secret, THERAPIST_PAGES),
        Role("admin", ADMIN.email, ADMIN.totp_secret, ADMIN_PAGES),
        Role("anonymous", "", "", ANONYMOUS_PAGES),
    ]


def demo_keys() -> dict[str, int]:
    """Primary keys the page paths need: the first demo client, her goal and open questionnaire."""
    client = Client.objects.get(user__email=CLIENTS[0][0].email)
    return {
        "client": client.pk,
        "goal": Goal.objects.filter(client=client).order_by("pk").first().pk,
        "request": open_questionnaire(client),
        # The demo's couple: the first client and her partner, both agreed.
        "couple": CoupleLink.objects.filter(Q(partner_a=client) | Q(partner_b=client)).get().pk,
    }


def open_questionnaire(client: Client) -> int:
    """The client's open questionnaire; when the demo left none open, the therapist asks today."""
    req = AssessmentRequest.objects.filter(client=client, status=RequestStatus.OPEN).order_by("-due_date").first()
    if req is None:
        schedule = create_schedule(
            client, instrument="ecr-r", start_date=timezone.localdate(), created_by=client.therapist
        )
        req = AssessmentRequest.objects.get(schedule=schedule)
    return req.pk


def walk_role(new_context, base_url: str, role: Role, keys: dict[str, int], failures: list[str]) -> int:
    """Visit the role's pages in every combination, with one browser context per language and device."""
    state = None
    if role.email:
        # One login through the real forms; the other contexts carry its cookies, because a
        # TOTP code works only once and four logins would wait for four 30-second windows.
        context = new_context(DESKTOP)
        page = context.new_page()
        page.set_default_timeout(10_000)
        log_in(page, base_url, User.objects.get(email=role.email), password=DEMO_PASSWORD, totp_secret=role.totp_secret)
        state = context.storage_state()
        context.close()
    visits = 0
    for lang, device in COMBINATIONS:
        if role.email:
            User.objects.filter(email=role.email).update(language=lang)
        context = new_context({**DEVICES[device], "locale": LOCALES[lang], "storage_state": state})
        page = context.new_page()
        page.set_default_timeout(10_000)
        current: list[Visit] = [Visit(f"{lang}-{device}-{role.key} login")]
        listen(page, base_url, current)
        for name, path in role.pages.items():
            visit(page, base_url, path.format(**keys), lang=lang, device=device, current=current)
            current[-1].label = f"{lang}-{device}-{name} ({path.format(**keys)})"
            shoot(page, f"{lang}-{device}-{name}")
            visits += 1
        # A late console error or failed request (the favicon) still belongs to the last page.
        page.wait_for_load_state("networkidle")
        context.close()
        failures.extend(f"{v.label}: {problem}" for v in current for problem in v.problems)
    return visits


@pytest.fixture
def new_context(browser, browser_context_args):
    """Contexts whose options override the suite's defaults (pytest-playwright's own refuses `locale`)."""
    opened = []

    def make(options: dict):
        context = browser.new_context(**{**browser_context_args, **options})
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


def test_every_main_page_loads_cleanly_for_every_role(live_server, new_context):
    if SCREENSHOTS:
        shutil.rmtree(FOLDER, ignore_errors=True)
        FOLDER.mkdir(parents=True)
    call_command("seed_demo", stdout=io.StringIO())
    keys = demo_keys()
    # The therapist has switched results on for this client, so her progress page exists.
    Client.objects.filter(pk=keys["client"]).update(results_visible_to_client=True)
    failures: list[str] = []
    visits = sum(walk_role(new_context, live_server.url, role, keys, failures) for role in roles())
    assert visits == len(COMBINATIONS) * sum(len(role.pages) for role in roles())
    if SCREENSHOTS:
        Path(FOLDER / "problems.txt").write_text("\n".join(failures) + "\n")
    assert failures == [], "\n".join(failures)
