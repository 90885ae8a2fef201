"""Thin views: clients.access decides, selectors read, services write, templates show."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from assessments import change
from clients.access import (
    Action,
    CoupleView,
    can_see_results,
    clients_for,
    couple_or_404,
    get_client,
    may_couple,
    own_client,
    require_role,
)
from dashboard.charts.trajectories import trajectories_chart
from diary.models import DiaryEntry

from . import selectors, services


def _language() -> str:
    language = (get_language() or "en")[:2]
    return language if language in ("en", "nl") else "en"


def _errors(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def _link(request, pk, view: CoupleView):
    link = selectors.link_or_404(pk)
    couple_or_404(request.user, view, link.partners, **selectors.state(link))
    return link


def _couple_chart(link, *, lay: bool):
    trajectories = selectors.couple_trajectories(link, lay=lay)
    notes = selectors.figure_notes([("ecr-r", ""), ("ecr-rs", "partner")], link.partner_a.practice)
    return trajectories_chart(
        trajectories,
        slug="couple-plane",
        title=_("%(a)s and %(b)s on the attachment plane")
        % {"a": link.partner_a.display_name, "b": link.partner_b.display_name},
        caption=_("Each path, its dates and its change"),
        notes=[change.plane_and_dimensions_note(lay=lay)] + ([] if lay else notes),
    )


# --- the therapist ---------------------------------------------------------------------------------


def couples(request, *, errors=None, chosen=None, status=200):
    """The therapist's couples and the form to link two of their clients."""
    require_role(request.user, Role.THERAPIST)
    context = {
        "links": selectors.links_of_therapist(request.user),
        "caseload": clients_for(request.user, Action.TREAT).order_by("display_name"),
        "errors": errors or [],
        "chosen": chosen or {},
    }
    return render(request, "relationships/couples.html", context, status=status)


@require_POST
def link(request):
    require_role(request.user, Role.THERAPIST)
    chosen = {"first": request.POST.get("first", ""), "second": request.POST.get("second", "")}
    if not chosen["first"] or not chosen["second"]:
        return couples(request, errors=[_("Choose both partners.")], chosen=chosen, status=400)
    first = get_client(request.user, chosen["first"], Action.TREAT, kind="couple")
    second = get_client(request.user, chosen["second"], Action.TREAT, kind="couple")
    try:
        made = services.link_partners(first, second, by=request.user)
    except ValidationError as error:
        return couples(request, errors=_errors(error), chosen=chosen, status=400)
    messages.success(request, _("Link proposed. Each partner agrees in the app before the couple page shows anything."))
    return redirect("relationships:couple", pk=made.pk)


def couple(request, pk: int, *, goal_errors=None, typed_goal: str = "", status=200):
    link = _link(request, pk, CoupleView.MANAGE)
    goals = (
        [(g, selectors.goal_days(g)) for g in link.goals.select_related("goal_a", "goal_b")] if link.is_active else []
    )
    context = {
        "link": link,
        "chart": _couple_chart(link, lay=False) if link.is_active else None,
        "goals": goals,
        "entries": selectors.couple_entries(link),
        "goal_errors": goal_errors or [],
        "typed_goal": typed_goal,
    }
    return render(request, "relationships/couple.html", context, status=status)


@require_POST
def goal(request, pk: int):
    link = _link(request, pk, CoupleView.MANAGE)
    title = request.POST.get("title", "")
    try:
        services.set_shared_goal(link, by=request.user, title=title)
    except ValidationError as error:
        return couple(request, pk, goal_errors=_errors(error), typed_goal=title, status=400)
    messages.success(request, _("Shared goal set: it is on each partner's goals page."))
    return redirect("relationships:couple", pk=link.pk)


@require_POST
def end(request, pk: int):
    """Either partner or the therapist of both ends the link, at once."""
    link = selectors.link_or_404(pk)
    state = selectors.state(link)
    if not (
        may_couple(request.user, CoupleView.MANAGE, link.partners, **state)
        or may_couple(request.user, CoupleView.OWN, link.partners, **state)
    ):
        couple_or_404(request.user, CoupleView.OWN, link.partners, **state)  # records the refusal, 404
    services.end_link(link, by=request.user)
    messages.success(request, _("The couple link has ended. Nothing of one partner is shown to the other through it."))
    if request.user.role == Role.THERAPIST:
        return redirect("relationships:couples")
    return redirect("relationships:mine")


def relationship_map(request, pk: int):
    """One client's relationships (ECR-RS: mother, father, partner, best friend) over time."""
    client = get_client(request.user, pk, Action.VIEW_CLINICAL, kind="assessment")
    if not can_see_results(request.user, client):
        raise Http404
    lay = request.user.role == Role.CLIENT
    chart = trajectories_chart(
        selectors.relationship_trajectories(client, _language(), lay=lay),
        slug="relationship-map",
        title=_("Relationship map"),
        caption=_("Each relationship, its dates and its change"),
        notes=[change.plane_and_dimensions_note(lay=lay)]
        + ([] if lay else selectors.figure_notes([("ecr-rs", t) for t in selectors.MAP_TARGETS], client.practice)),
    )
    return render(request, "relationships/map.html", {"client": client, "chart": chart, "lay": lay})


# --- a partner ---------------------------------------------------------------------------------------


def mine(request):
    """A client's couple links: agree, show each other the plane, share a note, end."""
    require_role(request.user, Role.CLIENT)
    me = own_client(request.user, kind="couple")
    links = [
        {
            "link": lk,
            "other": lk.other(me),
            "agreed": lk.consented(me),
            "other_agreed": lk.consented(lk.other(me)),
            "shows": lk.shows(me),
            "other_shows": lk.shows(lk.other(me)),
            "entries": selectors.couple_entries(lk),
            "joint": may_couple(request.user, CoupleView.JOINT, lk.partners, **selectors.state(lk)),
        }
        for lk in selectors.open_links_of(me)
    ]
    shareable = selectors.shareable_entries(me) if any(x["link"].is_active for x in links) else []
    return render(request, "relationships/mine.html", {"me": me, "links": links, "shareable": shareable})


def _partner_post(request, pk: int, change, done: str):
    link = _link(request, pk, CoupleView.OWN)
    me = own_client(request.user, kind="couple")
    try:
        change(link, me)
    except ValidationError as error:
        for text in _errors(error):
            messages.error(request, text)
    else:
        messages.success(request, done)
    return redirect("relationships:mine")


@require_POST
def consent(request, pk: int):
    return _partner_post(request, pk, services.agree, _("You agreed to the couple link."))


@require_POST
def showing(request, pk: int):
    show = request.POST.get("show") == "1"
    done = _("You show our plane to your partner.") if show else _("You no longer show our plane to your partner.")
    return _partner_post(request, pk, lambda link, me: services.set_showing(link, me, show), done)


@require_POST
def share(request, pk: int):
    """Share one of my own notes with the couple, or stop sharing it."""
    entry_id = request.POST.get("entry", "")

    def apply(link, me):
        if request.POST.get("stop") == "1":
            services.unshare_entry(link, me, int(entry_id) if entry_id.isdigit() else 0)
            return
        entry = DiaryEntry.objects.filter(client=me, pk=int(entry_id) if entry_id.isdigit() else 0).first()
        if entry is None:
            raise ValidationError(_("Choose one of your notes."))
        services.share_entry(link, me, entry)

    stop = request.POST.get("stop") == "1"
    done = (
        _("The note is no longer shared with the two of you.") if stop else _("The note is shared with the two of you.")
    )
    return _partner_post(request, pk, apply, done)


def joint(request, pk: int):
    """The joint plane, for a partner, once both agreed to show it to each other."""
    link = _link(request, pk, CoupleView.JOINT)
    context = {"link": link, "chart": _couple_chart(link, lay=True), "entries": selectors.couple_entries(link)}
    return render(request, "relationships/joint.html", context)
