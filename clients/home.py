"""Extension points so domain apps can add to shared pages without clients importing them.

Imports point one way (clients ← assessments, diary, goals), so the client home and the
client record page cannot ask the domain apps directly. Each domain app registers its
sections in its AppConfig.ready(); the pages render whatever is registered, in order.

A section is a callable (request, client) -> dict | None with keys:
  "template": template name, "context": dict, "order": int (lower first).
Return None to show nothing.
"""

from collections.abc import Callable
from typing import Any

Section = Callable[[Any, Any], dict | None]

CLIENT_HOME_SECTIONS: list[Section] = []  # the client's own mobile home ("due today")
CLIENT_RECORD_SECTIONS: list[Section] = []  # the therapist's page for one client
CLIENT_WELCOME_SECTIONS: list[Section] = []  # the last onboarding screen (reminder times)
# "Since the last session" (dashboard): callables (request, client, since: date) -> dict | None.
SESSION_PREP_SECTIONS: list = []


def register_client_home_section(section: Section) -> Section:
    CLIENT_HOME_SECTIONS.append(section)
    return section


def register_client_record_section(section: Section) -> Section:
    CLIENT_RECORD_SECTIONS.append(section)
    return section


def register_client_welcome_section(section: Section) -> Section:
    CLIENT_WELCOME_SECTIONS.append(section)
    return section


def register_session_prep_section(section) -> None:
    SESSION_PREP_SECTIONS.append(section)


def render_sections(sections: list[Section], request, client) -> list[dict]:
    rendered = []
    for section in sections:
        result = section(request, client)
        if result:
            rendered.append(result)
    return sorted(rendered, key=lambda item: item.get("order", 100))
