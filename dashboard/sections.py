"""The dashboard's panel on the therapist's client page (see clients.home)."""

from clients.access import Action, can


def record_section(request, client) -> dict | None:
    if not can(request.user, Action.TREAT, client):
        return None
    return {"template": "dashboard/_record_section.html", "context": {"client": client}, "order": 20}
