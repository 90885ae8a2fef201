"""Finding every form of the project, to throw input at it.

Pages come from the access matrix (GET rows, opened as a role that may open them); each
`<form method="post">` on them is parsed for its action and fields. POST rows of the matrix add
endpoints that have no form page (autosave and similar). New apps' forms are included as soon as
their access rows exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.test import Client as HttpClient
from django.urls import Resolver404, resolve, reverse

from tests.access.matrix import OK
from tests.access.test_access_matrix import all_rows, is_third_party

# Whoever may open a page; the first found is used.
ROLE_ORDER = ("client_a", "therapist_a", "admin", "client_b", "therapist_other")


@dataclass
class Field:
    name: str
    kind: str  # input type, "textarea" or "select"
    value: str = ""
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    url: str
    role: str
    page: str  # where it was found
    url_name: str
    fields: dict[str, Field] = field(default_factory=dict)

    @property
    def key(self):
        return (self.url, self.role, tuple(sorted(self.fields)))


class _FormParser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[tuple[str, dict[str, Field]]] = []
        self._current: dict[str, Field] | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._current = {}
            self.forms.append((a.get("action") or self.page_url, self._current))
        if self._current is None or "name" not in a:
            if tag == "option" and self._select is not None:
                self._select.options.append(a.get("value", ""))
            return
        name = a["name"]
        if name == "csrfmiddlewaretoken":
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            existing = self._current.get(name)
            if existing and kind in ("radio", "checkbox"):
                existing.options.append(a.get("value", "on"))
                return
            self._current[name] = Field(
                name, kind, a.get("value", ""), [a.get("value", "on")] if kind in ("radio", "checkbox") else []
            )
        elif tag == "textarea":
            self._textarea = self._current[name] = Field(name, "textarea")
        elif tag == "select":
            self._select = self._current[name] = Field(name, "select")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def _project_url_name(url: str) -> str | None:
    path = urlsplit(url).path
    try:
        match = resolve(path)
    except Resolver404:
        return None
    name = match.view_name
    return None if is_third_party(name) else name


def discover(world) -> list[Form]:
    found: dict = {}
    for name, row in sorted(all_rows().items()):
        url_name = name[:-4] if name.endswith(":get") else name
        if is_third_party(url_name):
            continue
        try:
            url = reverse(url_name, kwargs=row.kwargs(world) if row.kwargs else None) + row.query
        except Exception:  # noqa: BLE001 - a row of someone's half-finished app
            continue
        roles = [
            r
            for r in ROLE_ORDER
            if row.expect.get(r) in (OK, "redirect") or (row.method == "post" and row.expect.get(r) == OK)
        ]
        if not roles:
            continue
        role = roles[0]
        if row.method == "post":
            data = row.data(world) if row.data else {}
            form = Form(url, role, name, url_name, {k: Field(k, "text", str(v)) for k, v in data.items()})
            found.setdefault(form.key, form)
            continue
        if row.expect.get(role) != OK:
            continue
        http = HttpClient()
        http.force_login(world.users[role])
        response = http.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _FormParser(url)
        parser.feed(response.content.decode("utf-8", "replace"))
        for action, fields in parser.forms:
            target_name = _project_url_name(action)
            if target_name is None:
                continue
            form = Form(
                urlsplit(action).path + (f"?{urlsplit(action).query}" if urlsplit(action).query else ""),
                role,
                name,
                target_name,
                dict(fields),
            )
            found.setdefault(form.key, form)
    return list(found.values())
