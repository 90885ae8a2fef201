"""Writes on accounts: invitations, accepting them, deactivating and reactivating people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .models import Invitation, Practice, Role, User, hash_token
from .signals import invitation_accepted

INVITABLE_ROLES = (Role.THERAPIST, Role.CLIENT)


class InvitationError(ValueError):
    """A refusal whose message can be shown to the user as it is."""


# One message for "used in this practice" and "used in another practice", so an admin
# cannot probe which addresses exist elsewhere.
EMAIL_IN_USE = _("This email address already has an account and cannot be invited again.")
PENDING_HERE = _("There is already a pending invitation for this email address. Resend it from the people list.")


def update_settings(user: User, **fields) -> User:
    """A person's own settings (name, language, time zone: the form lists which)."""
    for name, value in fields.items():
        setattr(user, name, value)
    user.save(update_fields=list(fields))
    return user


def email_in_use(email: str, *, practice: Practice | None = None) -> bool:
    """An address that already has a login, or an open invitation in another practice."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists() or EmailAddress.objects.filter(email__iexact=email).exists():
        return True
    pending_elsewhere = _open_invitations().filter(email__iexact=email)
    if practice is not None:
        pending_elsewhere = pending_elsewhere.exclude(practice=practice)
    return pending_elsewhere.exists()


def _open_invitations():
    return Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


def check_invitable(practice: Practice, email: str) -> None:
    if email_in_use(email, practice=practice):
        raise InvitationError(EMAIL_IN_USE)
    if _open_invitations().filter(practice=practice, email__iexact=email.strip()).exists():
        raise InvitationError(PENDING_HERE)


def invitation_url(invitation: Invitation) -> str:
    if not invitation.token:
        # Only the hash is stored: a link can be written only right after it was made.
        raise ValueError("the raw invitation token is only known when the link is made")
    return settings.SITE_URL + reverse("accounts:invitation_accept", kwargs={"token": invitation.token})


def send_invitation_email(invitation: Invitation) -> None:
    """The invitee reads it in the language the admin chose for them."""
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "url": invitation_url(invitation),
            "practice": invitation.practice.name,
            "valid_days": settings.INVITATION_VALID_DAYS,
            "expires_at": invitation.expires_at,
        }
        subject = (
            settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
            + render_to_string("accounts/email/invitation_subject.txt", context).strip()
        )
        body = render_to_string("accounts/email/invitation_message.txt", context)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    message.send()
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())


def create_invitation(
    *,
    practice: Practice,
    invited_by: User,
    email: str,
    name: str,
    role: str,
    language: str,
    therapist: User | None = None,
) -> Invitation:
    if role not in INVITABLE_ROLES:
        raise InvitationError(_("Only therapists and clients can be invited."))
    if role == Role.CLIENT:
        if therapist is None or therapist.practice_id != practice.pk or therapist.role != Role.THERAPIST:
            raise InvitationError(_("Choose a therapist of your practice for this client."))
    else:
        therapist = None
    email = email.strip().lower()
    with transaction.atomic():
        # Serialise invitations per practice so a double-submitted form creates one row.
        Practice.objects.select_for_update().get(pk=practice.pk)
        check_invitable(practice, email)
        invitation = Invitation.objects.create(
            practice=practice,
            email=email,
            name=name.strip(),
            role=role,
            language=language,
            therapist=therapist,
            invited_by=invited_by,
        )
    send_invitation_email(invitation)
    return invitation


def _lock_unaccepted(invitation: Invitation) -> Invitation:
    """The invitation's row, locked for this transaction; an accepted one cannot change any more."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationError(_("This invitation has already been accepted."))
    return invitation


def resend_invitation(invitation: Invitation) -> Invitation:
    """A new link and a new expiry; the old link stops working at once."""
    with transaction.atomic():
        invitation = _lock_unaccepted(invitation)
        if invitation.revoked_at is not None:
            raise InvitationError(_("This invitation was revoked. Invite the person again instead."))
        if email_in_use(invitation.email, practice=invitation.practice):
            raise InvitationError(EMAIL_IN_USE)
        invitation.new_token()
        invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
        invitation.save(update_fields=["token_hash", "expires_at"])
    send_invitation_email(invitation)
    return invitation


def revoke_invitation(invitation: Invitation) -> Invitation:
    with transaction.atomic():
        invitation = _lock_unaccepted(invitation)
        if invitation.revoked_at is None:
            invitation.revoked_at = timezone.now()
            invitation.save(update_fields=["revoked_at"])
    return invitation


INVITATION_UNKNOWN = "unknown"
INVITATION_ACCEPTED = "accepted"
INVITATION_REVOKED = "revoked"
INVITATION_EXPIRED = "expired"
INVITATION_VALID = "valid"


def invitation_state(invitation: Invitation | None) -> str:
    if invitation is None:
        return INVITATION_UNKNOWN
    if invitation.accepted_at is not None:
        return INVITATION_ACCEPTED
    if invitation.revoked_at is not None:
        return INVITATION_REVOKED
    if invitation.is_expired:
        return INVITATION_EXPIRED
    return INVITATION_VALID


def find_invitation(token: str) -> Invitation | None:
    if not token or len(token) > 64:
        return None
    return Invitation.objects.select_related("practice").filter(token_hash=hash_token(token)).first()


class InvitationNotUsable(InvitationError):
    def __init__(self, state: str):
        super().__init__(state)
        self.state = state


def accept_invitation(token: str, *, password: str, name: str = "") -> User:
    """Create the login, mark the address verified (clicking the link proved it) and tell
    other apps (clients creates the client record) — all in one transaction."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("practice")
            .filter(token_hash=hash_token(token))
            .first()
        )
        state = invitation_state(invitation)
        if state != INVITATION_VALID:
            raise InvitationNotUsable(state)
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise InvitationError(EMAIL_IN_USE)
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    email=invitation.email,
                    password=password,
                    name=(name or invitation.name).strip(),
                    practice=invitation.practice,
                    role=invitation.role,
                    language=invitation.language,
                )
        except IntegrityError:
            raise InvitationError(EMAIL_IN_USE) from None
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        invitation.accepted_at = timezone.now()
        invitation.user = user
        invitation.save(update_fields=["accepted_at", "user"])
        invitation_accepted.send(sender=Invitation, invitation=invitation, user=user)
    return user


@dataclass
class DeactivationResult:
    user: User
    changed: bool
    open_clients: int = 0
    sessions_ended: int = 0


def open_caseload_count(user: User) -> int:
    """Clients still assigned to this therapist.

    Read through the reverse relation the clients app declares (Client.therapist,
    related_name="caseload") so accounts never imports clients.
    """
    caseload = getattr(user, "caseload", None)
    if user.role != Role.THERAPIST or caseload is None:
        return 0
    return caseload.exclude(status="discharged").count()


def end_all_sessions(user: User) -> int:
    """End every session of the user at once: the ones allauth tracks and any other session
    that carries their id (e.g. a login from before tracking, or a forced login).

    The session store keeps the user's id in an indexed column (audit.Session), so this is
    one indexed DELETE however many sessions other people have.
    """
    ended = 0
    for user_session in UserSession.objects.filter(user=user):
        user_session.end()
        ended += 1
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if issubclass(store_class, DatabaseSessionStore):
        model = store_class.get_model_class()
        if any(field.name == "user_id" for field in model._meta.concrete_fields):
            ended += model.objects.filter(user_id=user.pk).delete()[0]
        else:  # a plain database store: only by reading every open session
            ended += _end_sessions_by_decoding(model, store_class, user)
    return ended


def _end_sessions_by_decoding(model, store_class, user: User) -> int:
    ended = 0
    for session in model.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(store_class().decode(session.session_data).get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def deactivate_user(user: User, *, by: User | None = None) -> DeactivationResult:
    """Login and sessions stop at once; nothing is deleted, clients stay assigned."""
    if user.role not in INVITABLE_ROLES:
        raise InvitationError(_("Only therapists and clients can be deactivated here."))
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        changed = user.is_active
        if changed:
            user.is_active = False
            user.deactivated_at = timezone.now()
            user.save(update_fields=["is_active", "deactivated_at"])
    # Even without this, Django's backend refuses inactive users on their next request.
    ended = end_all_sessions(user)
    return DeactivationResult(user=user, changed=changed, open_clients=open_caseload_count(user), sessions_ended=ended)


def reactivate_user(user: User, *, by: User | None = None) -> DeactivationResult:
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        changed = not user.is_active
        if changed:
            user.is_active = True
            user.deactivated_at = None
            user.save(update_fields=["is_active", "deactivated_at"])
    return DeactivationResult(user=user, changed=changed)
