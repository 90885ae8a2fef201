"""Signals other apps listen to, so accounts never has to import them.

invitation_accepted(sender=Invitation, invitation=..., user=...) is sent inside the
transaction that creates the user: a receiver that fails rolls the whole acceptance back,
so there is never a client login without its client record.
"""

from django.dispatch import Signal

invitation_accepted = Signal()
