"""Panels this app puts on shared pages (registered in RelationshipsConfig.ready)."""

from clients.access import Action, CoupleView, can, can_see_results, may_couple
from clients.home import MISSING, home_fact

from . import selectors


def record_section(request, client) -> dict | None:
    """The therapist's client page: the relationship map and the client's couple, if any."""
    if not can(request.user, Action.TREAT, client):
        return None
    links = [
        lk
        for lk in selectors.open_links_of(client)
        if may_couple(request.user, CoupleView.MANAGE, lk.partners, **selectors.state(lk))
    ]
    context = {"client": client, "links": links, "map": can_see_results(request.user, client), "can_link": not links}
    return {"template": "relationships/_record_section.html", "context": context, "order": 35}


def home_section(request, client) -> dict | None:
    """The client's home: a couple link that involves them (waiting for them, or open), and
    their relationship map once their therapist switched results on and there is one to draw."""
    if not can(request.user, Action.WRITE_OWN, client):
        return None
    linked, waiting, scores = (home_fact(request, n) for n in ("couple_open", "couple_waiting", "relationship_map"))
    if MISSING in (linked, waiting, scores):
        links = selectors.open_links_of(client)
        linked, waiting = bool(links), any(not lk.consented(client) for lk in links)
        scores = None
    has_map = can_see_results(request.user, client) and (
        scores if scores is not None else selectors.has_relationship_scores(client)
    )
    if not linked and not has_map:
        return None
    context = {"client": client, "links": linked, "waiting": waiting}
    context["map"] = has_map
    return {"template": "relationships/_home_section.html", "context": context, "order": 25}
