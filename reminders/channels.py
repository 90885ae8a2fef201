"""The ways a reminder reaches a person, one `Channel` each, delivered separately.

Each channel of an occurrence has its own `Delivery` row and outcome, so an email server that
is down never costs the in-app notification (which goes first). A channel is one of two kinds:

* `write(occurrence, message, now)`: it only writes to our database. It runs inside the
  transaction that marks its delivery sent, so it happens exactly once (in the app).
* `prepare(occurrence, message) -> Handoff`: it hands the message to another server. Everything
  that can be undone or repeated (building the message, connecting, greeting, naming sender
  and recipient, even sending the body) happens in `prepare`, before the delivery is marked
  started. `Handoff.commit()` is the one step after which the other side may have the
  message (for SMTP: the final "." of DATA and the server's answer), and only it runs inside
  the window. Raise `NotDelivered` from `commit` when the other side certainly refused; any
  other error there leaves the outcome unknown (at most once: never retried by itself).

A new channel registers itself from its app's `ready()`:

    channels.register(channels.Channel("push", _("Push"), wanted=lambda pref: ..., prepare=...))
"""

from __future__ import annotations

import re
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Notification, ReminderOccurrence, ReminderPreference

# Seconds for each SMTP step when EMAIL_TIMEOUT is not set: a hanging server must give up well
# inside the send task's time limit, so the claim lease is never outlived by a live worker.
SMTP_STEP_TIMEOUT = 10


class NotDelivered(Exception):
    """The other side answered and refused: the message certainly did not go out.

    `retry`: the refusal was temporary (SMTP 4xx), so sending it again is safe."""

    def __init__(self, reason: str, retry: bool = False):
        super().__init__(reason)
        self.retry = retry


class Handoff(Protocol):
    def commit(self) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Channel:
    name: str  # Delivery.channel; at most 16 characters
    label: object  # shown to the practice admin
    wanted: Callable[[ReminderPreference], bool]
    write: Callable[[ReminderOccurrence, object, datetime], None] | None = None
    prepare: Callable[[ReminderOccurrence, object], Handoff] | None = None

    @property
    def exactly_once(self) -> bool:
        return self.write is not None


CHANNELS: dict[str, Channel] = {}


def register(channel: Channel) -> None:
    if (channel.write is None) == (channel.prepare is None):
        raise ValueError(f"channel {channel.name!r} needs exactly one of write or prepare")
    CHANNELS[channel.name] = channel


def wanted_by(pref: ReminderPreference) -> list[Channel]:
    """The channels this preference asks for, exactly-once ones first."""
    chosen = [c for c in CHANNELS.values() if c.wanted(pref)]
    return sorted(chosen, key=lambda c: not c.exactly_once)


def label(name: str) -> str:
    channel = CHANNELS.get(name)
    return str(channel.label) if channel else name


# --- in the app ---------------------------------------------------------------------------


def write_notification(occurrence: ReminderOccurrence, message, now: datetime) -> None:
    # The OneToOne on the occurrence keeps a second run from adding another.
    Notification.objects.get_or_create(
        occurrence=occurrence,
        defaults={
            "recipient": occurrence.recipient,
            "kind": occurrence.kind,
            "title": str(message.in_app_title or message.subject),
            "link": message.in_app_link or message.link,
            "created_at": now,
        },
    )


# --- email --------------------------------------------------------------------------------


class BackendHandoff:
    """A non-SMTP backend (console, file, memory): the whole send is the irreversible step."""

    def __init__(self, backend, email):
        self.backend, self.email = backend, email

    def commit(self) -> None:
        self.backend.send_messages([self.email])

    def close(self) -> None:
        self.backend.close()


def _dot_stuff(data: bytes) -> bytes:
    data = re.sub(rb"(?m)^\.", b"..", data)
    return data if data.endswith(b"\r\n") else data + b"\r\n"


class SMTPHandoff:
    """Everything up to the end of the message body is sent on open; commit sends the final
    "." and reads the answer, the moment the server takes responsibility (RFC 5321 4.1.1.4:
    a connection lost before that discards the message)."""

    def __init__(self, backend: SMTPBackend, email):
        self.backend = backend
        backend.open()
        conn = backend.connection
        encoding = email.encoding or settings.DEFAULT_CHARSET
        sender = sanitize_address(email.from_email, encoding)
        body = email.message().as_bytes(linesep="\r\n")
        conn.ehlo_or_helo_if_needed()
        options = [f"size={len(body)}"] if conn.does_esmtp and conn.has_extn("size") else []
        code, reply = conn.mail(sender, options)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, reply, sender)
        for address in email.recipients():
            code, reply = conn.rcpt(sanitize_address(address, encoding))
            if code not in (250, 251):
                raise smtplib.SMTPRecipientsRefused({address: (code, reply)})
        conn.putcmd("data")
        code, reply = conn.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        conn.send(_dot_stuff(body))

    def commit(self) -> None:
        conn = self.backend.connection
        conn.send(b".\r\n")
        code, reply = conn.getreply()
        if code != 250:
            raise NotDelivered(f"SMTP {code} {reply.decode(errors='replace')}", retry=400 <= code < 500)

    def close(self) -> None:
        self.backend.close()


def prepare_email(occurrence: ReminderOccurrence, message) -> Handoff:
    from .services.sending import build_email

    email = build_email(occurrence, message)
    timeout = getattr(settings, "EMAIL_TIMEOUT", None) or SMTP_STEP_TIMEOUT
    backend = get_connection(timeout=timeout)
    if not isinstance(backend, SMTPBackend):
        return BackendHandoff(backend, email)
    try:
        return SMTPHandoff(backend, email)
    except BaseException:
        backend.close()
        raise


register(Channel("in_app", _("In the app"), wanted=lambda pref: pref.sends_in_app, write=write_notification))
register(
    Channel(
        "email", pgettext_lazy("reminder channel", "Email"), wanted=lambda pref: pref.sends_email, prepare=prepare_email
    )
)
