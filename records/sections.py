"""The export and erasure panel on the therapist's client page (see clients.home)."""


def record_section(request, client) -> dict:
    return {"template": "records/record_section.html", "context": {"client": client}, "order": 900}
