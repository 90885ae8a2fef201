"""The one access policy: may this user see or change this client's data?

Every view that touches a client's data asks here, so the access-matrix test
(tests/access/) and the audit trail have a single place to hook. Records a user may not
know exist are answered with 404, never 403, so nothing is guessable across clients,
therapists or practices.

Who may do what (besides belonging to the client's practice):

| action         | client (self) | client's therapist | practice admin |
|----------------|---------------|--------------------|----------------|
| VIEW_RECORD    | yes           | yes                | yes            |
| MANAGE_RECORD  | no            | no                 | yes            |
| VIEW_CLINICAL  | yes           | yes                | no             |
| TREAT          | no            | yes                | no             |
| WRITE_OWN      | yes           | no                 | no             |
| PLAN           | yes           | yes                | no             |

Staff (therapists and admins) get nothing until they have enrolled TOTP two-factor.
What a client shares is a second filter applied by the diary's selectors on top of this;
something shared as a whole (the diary's pattern map) is decided by ``can_see_shared``;
a couple (two clients linked as partners) by ``may_couple``.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from accounts.mfa import has_mfa
from accounts.models import Role
from audit.recorder import record_access

from .models import Client

if TYPE_CHECKING:
    from accounts.models import User


class Action(StrEnum):
    VIEW_RECORD = "view_record"  # name, status, therapist, start date
    MANAGE_RECORD = "manage_record"  # reassign, status, deactivate, erase
    VIEW_CLINICAL = "view_clinical"  # scores, shared diary, goals, safety plan, progress
    TREAT = "treat"  # schedule assessments, comment, rate goals, record sessions
    WRITE_OWN = "write_own"  # keep the diary, fill in assessments, check in on goals
    PLAN = "plan"  # goals and safety plan, written together


_ALLOWED: dict[Action, set[str]] = {
    Action.VIEW_RECORD: {"self", "therapist", "admin"},
    Action.MANAGE_RECORD: {"admin"},
    Action.VIEW_CLINICAL: {"self", "therapist"},
    Action.TREAT: {"therapist"},
    Action.WRITE_OWN: {"self"},
    Action.PLAN: {"self", "therapist"},
}


def is_cleared(user: User) -> bool:
    """An active member of a practice who, if staff, has two-factor enrolled."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.practice_id is None:
        return False
    if user.role in (Role.THERAPIST, Role.ADMIN):
        return has_mfa(user)
    return user.role == Role.CLIENT


def relation(user: User, client: Client) -> str | None:
    """How the user stands to this client: 'self', 'therapist', 'admin' or None."""
    if not is_cleared(user) or client.practice_id != user.practice_id:
        return None
    if user.role == Role.CLIENT:
        return "self" if client.user_id == user.pk else None
    if user.role == Role.THERAPIST:
        return "therapist" if client.therapist_id == user.pk else None
    if user.role == Role.ADMIN:
        return "admin"
    return None


def can(user: User, action: Action, client: Client) -> bool:
    return relation(user, client) in _ALLOWED[action]


def can_see_results(user: User, client: Client) -> bool:
    """Scores and progress in plain language: the treating therapist always, the client only
    once the therapist has switched results on for them (Client.results_visible_to_client)."""
    rel = relation(user, client)
    return rel == "therapist" or (rel == "self" and client.results_visible_to_client)


def can_see_shared(user: User, client: Client, shared: bool) -> bool:
    """Something the client shares as a whole (their pattern map): the client always, their
    treating therapist only while ``shared`` is true; nobody else (practice admins included)."""
    rel = relation(user, client)
    return rel == "self" or (rel == "therapist" and shared)


def can_read_session_note(user: User, client: Client, author_id: int | None, notes_follow_client: bool) -> bool:
    """A therapist's note on a session: the client's treating therapist only (never the client or
    an admin). Notes an earlier therapist wrote only when the practice lets notes follow the
    client after a reassignment (``notes_follow_client``)."""
    if relation(user, client) != "therapist":
        return False
    return author_id == user.pk or notes_follow_client


def can_see_milestone(user: User, client: Client, by_client: bool) -> bool:
    """A milestone on the progress chart: the treating therapist sees all; the client sees
    their own words, not the therapist's clinical markers."""
    rel = relation(user, client)
    return rel == "therapist" or (rel == "self" and by_client)


class CoupleView(StrEnum):
    MANAGE = "manage"  # the couple page, the shared goal: the therapist who treats both partners
    OWN = "own"  # a partner's own side of the link: agree, show or stop showing, share an entry, end
    JOINT = "joint"  # the joint plane, seen by a partner


def may_couple(
    user: User, view: CoupleView, partners: tuple[Client, Client], *, is_open: bool, is_active: bool, both_show: bool
) -> bool:
    """Two clients linked as partners (relationships.CoupleLink). Nothing at all once the link
    has ended. MANAGE: the treating therapist of both partners (a therapist who treats one of
    them sees nothing of the couple; practice admins neither). OWN: either partner while the link
    is open. JOINT: a partner only while both agreed to the link and both agreed to show it to each
    other, and only when the therapist has switched results on for both (a partner never sees
    scores their own therapist has not released)."""
    if not is_open:
        return False
    relations = [relation(user, client) for client in partners]
    if view == CoupleView.MANAGE:
        return relations == ["therapist", "therapist"]
    own = "self" in relations
    if view == CoupleView.OWN:
        return own
    return own and is_active and both_show and all(c.results_visible_to_client for c in partners)


def couple_or_404(user: User, view: CoupleView, partners: tuple[Client, Client], **state) -> None:
    """404 unless `may_couple`; the audit trail records the access for both partners' records."""
    allowed = may_couple(user, view, partners, **state)
    for client in partners:
        if relation(user, client) is not None:
            record_access(user, client, kind="couple", allowed=allowed)
    if not allowed:
        raise Http404


def clients_for(user: User, action: Action = Action.VIEW_RECORD) -> QuerySet[Client]:
    """All client records the user may perform `action` on, as a queryset to narrow further."""
    allowed = _ALLOWED[action]
    qs = Client.objects.none()
    if not is_cleared(user):
        return qs
    base = Client.objects.filter(practice_id=user.practice_id)
    if user.role == Role.CLIENT and "self" in allowed:
        return base.filter(user_id=user.pk)
    if user.role == Role.THERAPIST and "therapist" in allowed:
        return base.filter(therapist_id=user.pk)
    if user.role == Role.ADMIN and "admin" in allowed:
        return base
    return qs


def get_client(user: User, client_id: int | str, action: Action = Action.VIEW_RECORD, kind: str = "record") -> Client:
    """The client record if the user may perform `action` on it; 404 otherwise.

    `kind` names what the view is about to show or change ("diary", "assessment", …) for the
    audit trail, which records every call made while serving a request (GET: a view, other
    methods: a change; "diary:delete" or "export" name the write more precisely).
    """
    try:
        client = Client.objects.select_related("user", "therapist", "practice").get(pk=int(client_id))
    except (Client.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not can(user, action, client):
        record_access(user, client, kind=kind, allowed=False)
        raise Http404
    record_access(user, client, kind=kind)
    return client


def get_owned(user: User, records, pk: int | str, action: Action, kind: str = "record", via: str = "client"):
    """A record that belongs to a client (diary entry, goal, step, alert, questionnaire request…)
    if the user may perform `action` on that client; 404 otherwise, also for bad or unknown ids.

    `records` is the model or a queryset that narrows it (e.g. the steps of the goal in the URL);
    `via` is the path from the record to its client ("goal__client" for a step). The policy is
    asked once, through get_client, so the audit trail records the access like any other page
    about this client; the checked client is set where `via` ends (step.goal.client).
    An app's own second gate (the diary's sharing filter, an alert still shown) comes after this.
    """
    queryset = records if isinstance(records, QuerySet) else records._default_manager.all()
    try:
        pk = int(pk)
    except (ValueError, TypeError):
        raise Http404 from None
    client_id = queryset.filter(pk=pk).values_list(f"{via}_id", flat=True).first()
    if client_id is None:
        raise Http404
    client = get_client(user, client_id, action, kind=kind)
    *path, last = via.split("__")
    record = (queryset.select_related("__".join(path)) if path else queryset).get(pk=pk)
    owner = record
    for name in path:
        owner = getattr(owner, name)
    setattr(owner, last, client)
    return record


def own_records(user: User, records) -> QuerySet:
    """The logged-in person's own things that belong to no client record (their devices with
    notifications on): only theirs, whatever their role, so an id alone never reaches another's."""
    queryset = records if isinstance(records, QuerySet) else records._default_manager.all()
    return queryset.filter(user=user)


def own_client(
    user: User,
    kind: str = "record",
    facts: dict | None = None,
    read: Callable[[User], Client | None] | None = None,
) -> Client:
    """The logged-in client's own record (404 for anyone who is not a cleared client).
    `facts`: annotations read with the row in the same query (clients.home); `read`: how to
    read the row instead (a compiled query: clients.home.home_row, write_row)."""
    if not is_cleared(user) or user.role != Role.CLIENT:
        raise Http404
    if read is not None:
        client = read(user)
        if client is None:
            raise Http404
        Client._meta.get_field("user").set_cached_value(client, user)
    else:
        try:
            client = (
                Client.objects.select_related("user", "therapist", "practice").annotate(**(facts or {})).get(user=user)
            )
        except Client.DoesNotExist:
            raise Http404 from None
    # Menus and panels ask user.client_record later in the same request: no second look-up.
    Client._meta.get_field("user").remote_field.set_cached_value(user, client)
    record_access(user, client, kind=kind)
    return client


def require_role(user: User, *roles: str) -> None:
    """Role pages (caseload, practice admin): a logged-in user of another role gets 403."""
    if not is_cleared(user) or user.role not in roles:
        raise PermissionDenied


def role_required(*roles: str) -> Callable:
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require_role(request.user, *roles)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def same_practice_user(user: User, other_id: int | str, role: str | None = None) -> User:
    """A member of the user's own practice (for admin pages); 404 across practices."""
    from accounts.models import User as UserModel

    try:
        other = UserModel.objects.get(pk=int(other_id), practice_id=user.practice_id)
    except (UserModel.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if role and other.role != role:
        raise Http404
    return other


def same_practice_invitation(user: User, invitation_id: int | str):
    """An invitation of the admin's own practice (for admin pages); 404 across practices."""
    from accounts.models import Invitation

    require_role(user, Role.ADMIN)
    try:
        return Invitation.objects.get(pk=int(invitation_id), practice_id=user.practice_id)
    except (Invitation.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def readable_practice(user: User) -> int:
    """Learn cards: every cleared member of a practice (client, therapist, admin) reads the
    built-in cards and that practice's own; nobody reads another practice's cards."""
    if not is_cleared(user):
        raise PermissionDenied
    return user.practice_id


def same_practice_record(user: User, records, pk: int | str):
    """A record owned by a practice (a practice's own Learn card) for that practice's admin;
    404 across practices and for bad ids."""
    require_role(user, Role.ADMIN)
    queryset = records if isinstance(records, QuerySet) else records._default_manager.all()
    try:
        return queryset.get(pk=int(pk), practice_id=user.practice_id)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
