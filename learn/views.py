"""Thin views: clients.access decides, selectors read, services write, templates show."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from clients.access import Action, get_client, own_client, readable_practice, role_required, same_practice_record

from . import selectors, services
from .forms import FirstCardsForm, PracticeCardForm
from .models import PracticeCard


def _language() -> str:
    language = (get_language() or "en")[:2]
    return language if language in ("en", "nl") else "en"


def _reading_list(request) -> tuple[list, list]:
    """(chosen first, the rest): a client's own order; staff read the practice's cards."""
    practice_id = readable_practice(request.user)
    if request.user.role == Role.CLIENT:
        return selectors.cards_for_client(own_client(request.user, kind="learn"))
    return [], selectors.cards_for_practice(practice_id)


def index(request):
    chosen, rest = _reading_list(request)
    return render(request, "learn/index.html", {"chosen": chosen, "rest": rest, "language": _language()})


def card(request, slug: str):
    chosen, rest = _reading_list(request)
    cards = chosen + rest
    found = next((c for c in cards if c.slug == slug), None)
    if found is None:
        raise Http404
    previous, following = selectors.neighbours(cards, slug)
    language = _language()
    context = {
        "card": found,
        "title": found.title(language),
        "body": found.body(language),
        "why": found.why(language),
        "previous": previous,
        "next": following,
        "language": language,
        "position": cards.index(found) + 1,
        "total": len(cards),
    }
    return render(request, "learn/card.html", context)


@require_POST
def first_cards(request, client_pk: int):
    client = get_client(request.user, client_pk, Action.TREAT, kind="learn")
    form = FirstCardsForm(request.POST, choices=selectors.card_choices(client.practice_id, _language()))
    if form.is_valid():
        services.set_first_cards(client, form.slugs())
        messages.success(request, _("The cards this client sees first are saved."))
    else:
        messages.error(request, _("Choose cards from the list."))
    return redirect("client_detail", pk=client.pk)


@role_required(Role.ADMIN)
def practice_cards(request):
    cards = PracticeCard.objects.filter(practice_id=request.user.practice_id)
    return render(request, "learn/practice/card_list.html", {"cards": cards, "language": _language()})


def _edit(request, instance: PracticeCard | None):
    form = PracticeCardForm(request.POST or None, instance=instance, practice=request.user.practice)
    if request.method == "POST" and form.is_valid():
        services.save_practice_card(request.user.practice, form.cleaned_data, card=instance)
        messages.success(request, _("The card is saved."))
        return redirect("learn:practice_cards")
    status = 400 if form.errors else 200
    return render(request, "learn/practice/card_form.html", {"form": form, "card": instance}, status=status)


@role_required(Role.ADMIN)
def practice_card_add(request):
    return _edit(request, None)


@role_required(Role.ADMIN)
def practice_card_edit(request, pk: int):
    return _edit(request, same_practice_record(request.user, PracticeCard, pk))
