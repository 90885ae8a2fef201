"""Headless Chromium for browser journeys (Playwright + pytest-playwright).

Use pytest-playwright's `page` (desktop) or `phone` (390x844 touch screen) together with
pytest-django's `live_server`; `watch(page)` records every request and console message so a
test can assert "no external calls, no CSP violations"; `screenshot(page, "name")` saves a
PNG into test-artifacts/ (gitignored) for a human to look at; `log_in(page, url, user)` walks
allauth's login form and, for staff, the TOTP step.

Chromium is Debian's (/usr/bin/chromium, or CHROMIUM_PATH). When it is missing the tests skip
with the reason, except under CI=true, where a missing browser is a failure: CI must really
run these journeys.
"""

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "screen": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def chromium_path() -> str | None:
    candidate = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
        return candidate
    return shutil.which(candidate)


def pytest_collection_modifyitems(config, items):
    # Everything in this folder drives Chromium, whether or not its author remembered the marker.
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    path = chromium_path()
    if path is None:
        wanted = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
        reason = f"Chromium not found at {wanted} (set CHROMIUM_PATH, or apt-get install chromium)"
        if in_ci():
            pytest.fail(f"CI=true but {reason}", pytrace=False)
        pytest.skip(reason)
    return {**browser_type_launch_args, "executable_path": path, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # English unless a test asks otherwise; the app picks the user's language after login.
    return {**browser_context_args, "locale": "en-GB", "timezone_id": "Europe/Amsterdam"}


@pytest.fixture
def page(context):
    page = context.new_page()
    # Fail fast instead of hanging for 30 s on a selector that never appears.
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def phone(new_context):
    """A page in a phone-sized touch context (iPhone 12/13/14 viewport)."""
    context = new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


@dataclass
class PageWatch:
    """What a page asked for and said while a test drove it."""

    requests: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)
    answered: set[str] = field(default_factory=set)

    def external_requests(self, origin: str) -> list[str]:
        origin = origin.rstrip("/") + "/"
        return [url for url in self.requests if not (url.startswith(origin) or url.startswith("data:"))]

    def csp_violations(self) -> list[str]:
        pattern = re.compile(r"Content Security Policy|Refused to (load|execute|apply|connect|frame)", re.I)
        return [line for line in self.console + self.page_errors if pattern.search(line)]

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions, failed requests and 4xx/5xx answers.

        Nothing the browser asks for by itself is excused: a missing favicon is a 404 like any
        other. A "Failed to load resource" console line carries no URL, so those failures are
        judged by bad_responses, which does.

        A request the browser itself abandoned because the page went on to the next one
        (net::ERR_ABORTED: the favicon of a page left at once) is no failure of ours when the same
        address was answered well elsewhere in the walk; one never answered still counts.
        """
        console = [line for line in self.console if line.startswith("error:") and "Failed to load resource" not in line]
        failed = [line for line in self.failed if not self._abandoned_but_answered(line)]
        return console + self.page_errors + failed + self.bad_responses

    def _abandoned_but_answered(self, failure: str) -> bool:
        url, _, reason = failure.partition(" ")
        return reason == "net::ERR_ABORTED" and url in self.answered


def watch_page(page) -> PageWatch:
    seen = PageWatch()
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("console", lambda message: seen.console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: seen.page_errors.append(str(error)))
    page.on("requestfailed", lambda request: seen.failed.append(f"{request.url} {request.failure}"))
    page.on("response", lambda response: _judge_response(seen, response))
    return seen


def _judge_response(seen: PageWatch, response) -> None:
    if response.status >= 400:
        seen.bad_responses.append(f"{response.status} {response.url}")
    else:
        seen.answered.add(response.url)


@pytest.fixture
def watch():
    """`seen = watch(page)` before navigating; then inspect seen.requests / csp_violations()."""
    return watch_page


def until_the_worker_controls(page) -> str:
    """Wait until the service worker controls this page; its script URL.

    The worker claims the pages open when it activates, but a page whose navigation was under
    way while the worker installed (log in, then open the diary at once) stays outside it until
    it is opened again, as in any browser: so, once the worker is ready, open it again.
    """
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate("() => navigator.serviceWorker.controller !== null"):
        page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15_000)
    return page.evaluate("() => navigator.serviceWorker.controller.scriptURL")


def save_screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def screenshot(request):
    """`screenshot(page, "caseload")` → test-artifacts/<test name>-caseload.png."""

    def take(page, name: str = "") -> Path:
        return save_screenshot(page, f"{request.node.name}-{name}" if name else request.node.name)

    return take


def log_in(page, base_url: str, user, *, password: str | None = None, totp_secret: str | None = None) -> None:
    """Log in through the real allauth forms; staff answer the TOTP step with a pyotp code."""
    import pyotp

    from tests.factories import PASSWORD, TOTP_SECRET

    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", password or PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")
    if page.locator("input[name=code]").count():
        page.fill("input[name=code]", pyotp.TOTP(totp_secret or TOTP_SECRET).now())
        with page.expect_navigation():
            page.press("input[name=code]", "Enter")
