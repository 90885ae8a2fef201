"""Reactions to accounts' signals (accounts does not know the clients app exists)."""

from accounts.models import Role

from .models import Client
from .services import assign_therapist


def create_client_record(sender, *, invitation, user, **kwargs) -> None:
    """An accepted client invitation becomes a client record with its starting therapist.

    Runs inside accept_invitation's transaction: if this fails, no login is created either.
    """
    if invitation.role != Role.CLIENT:
        return
    client, created = Client.objects.get_or_create(
        user=user, defaults={"practice": invitation.practice, "display_name": user.name or invitation.name}
    )
    therapist = invitation.therapist
    if (
        therapist is not None
        and therapist.is_active
        and therapist.role == Role.THERAPIST
        and therapist.practice_id == client.practice_id
    ):
        assign_therapist(client, therapist, by=invitation.invited_by)
