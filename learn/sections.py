"""Panels this app puts on shared pages (registered in LearnConfig.ready)."""

from django.utils.translation import get_language

from clients.access import Action, can
from clients.home import MISSING, home_fact

from . import selectors
from .forms import FirstCardsForm


def home_section(request, client) -> dict | None:
    """The client's home: the Learn section, with the first card the therapist chose."""
    if not can(request.user, Action.WRITE_OWN, client):
        return None
    own, choice = (home_fact(request, name) for name in ("learn_own_cards", "learn_chosen"))
    if MISSING in (own, choice):
        own, choice = None, None
    chosen, rest = selectors.cards_for_client(client, own, choice)
    first = (chosen or rest)[0]
    language = (get_language() or "en")[:2]
    context = {"card": first, "title": first.title(language), "chosen": bool(chosen)}
    return {"template": "learn/_home_section.html", "context": context, "order": 80}


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
