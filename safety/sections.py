"""Panels the safety net adds to the client's home and the therapist's client page (see clients.home)."""

from accounts.models import Role

from .selectors import open_alert_counts


def client_home_section(request, client) -> dict:
    # Two links (the plan, the settings): nothing to read for them.
    return {"template": "safety/_home_section.html", "context": {}, "order": 90}


def client_record_section(request, client) -> dict | None:
    if request.user.role != Role.THERAPIST:
        return None
    counts = open_alert_counts(request.user, [client])
    return {
        "template": "safety/_record_section.html",
        "context": {"client": client, "open_alerts": counts.get(client.pk, 0)},
        "order": 5,
    }
