"""Panels this app puts on shared pages (registered in LearnConfig.ready)."""

from django.utils.translation import get_language

from clients.access import Action, can

from . import selectors
from .forms import FirstCardsForm


def record_section(request, client) -> dict | None:
    """The therapist's client page: which Learn cards this client sees first."""
    if not can(request.user, Action.TREAT, client):
        return None
    language = (get_language() or "en")[:2]
    form = FirstCardsForm(
        initial=FirstCardsForm.initial_for(selectors.chosen_slugs(client)),
        choices=selectors.card_choices(client.practice_id, language),
    )
    return {"template": "learn/_record_section.html", "context": {"client": client, "form": form}, "order": 60}
