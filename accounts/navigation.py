"""Navigation links that later apps add for a role, without accounts importing them.

An app calls register_nav_link("client", lambda request: {"url": ..., "label": ...}) in
its AppConfig.ready(); the base template shows them in registration order.
"""

from collections.abc import Callable
from typing import Any

NAV_LINKS: dict[str, list[Callable[[Any], dict | None]]] = {"client": [], "therapist": [], "admin": []}


def register_nav_link(role: str, link: Callable[[Any], dict | None]) -> None:
    NAV_LINKS[role].append(link)


def nav_links(role: str, request) -> list[dict]:
    return [link for link in (make(request) for make in NAV_LINKS.get(role, [])) if link]
