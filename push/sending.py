"""Push as a reminder channel: the message encrypted per device, then one POST per device.

Everything repeatable (choosing the devices, encrypting, signing the VAPID header) happens in
`prepare_push`; `PushHandoff.commit` only makes the POSTs, the step after which a push service
may have the message. A device the service calls gone (404/410) is forgotten.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.utils import timezone
from py_vapid import Vapid02
from pywebpush import WebPusher

from reminders.channels import NotDelivered
from rowsecurity.scope import acting_for_practice, current_practice

from . import payloads, vapid
from .models import PushSubscription

log = logging.getLogger(__name__)
# How long the push service keeps a message for a device that is offline: a reminder still
# makes sense the same day, not next week.
TIME_TO_LIVE = 12 * 3600
# Connect and read timeouts per device: all devices together stay well inside the send task's
# 20-second limit (a person has a handful of devices).
TIMEOUT = (3, 5)
GONE = (404, 410)


def wants_push(pref) -> bool:
    return pref.push and vapid.configured() and PushSubscription.objects.filter(user_id=pref.user_id).exists()


@dataclass
class Request:
    subscription_id: int
    endpoint: str
    body: bytes
    headers: dict


def encrypt_for(subscription: PushSubscription, data: bytes, signer: Vapid02) -> Request:
    encoded = WebPusher(subscription.subscription_info()).encode(data, "aes128gcm")
    parts = urlsplit(subscription.endpoint)
    claims = {"sub": vapid.subject(), "aud": f"{parts.scheme}://{parts.netloc}"}
    headers = {"Content-Encoding": "aes128gcm", "TTL": str(TIME_TO_LIVE), "Urgency": "normal"}
    headers.update(signer.sign(claims))
    return Request(subscription.pk, subscription.endpoint, encoded["body"], headers)


def requests_for(user_id: int, data: bytes) -> list[Request]:
    signer = Vapid02.from_string(settings.VAPID_PRIVATE_KEY)
    return [encrypt_for(sub, data, signer) for sub in PushSubscription.objects.filter(user_id=user_id)]


class PushHandoff:
    def __init__(self, pending: list[Request], practice_id: int | None):
        self.pending = pending
        self.session = requests.Session()
        # The POSTs run outside any transaction; the bookkeeping after them must act for the
        # recipient's practice, or row-level security silently leaves the rows untouched.
        self.practice_id = practice_id

    def _note(self, subscription_id: int, status: int) -> None:
        with acting_for_practice(self.practice_id):
            rows = PushSubscription.objects.filter(pk=subscription_id)
            if status in GONE:
                rows.delete()
            else:
                rows.update(last_sent_at=timezone.now())

    def commit(self) -> None:
        accepted, temporary, unknown = 0, 0, None
        for request in self.pending:
            try:
                response = self.session.post(
                    request.endpoint, data=request.body, headers=request.headers, timeout=TIMEOUT
                )
            except requests.RequestException as error:  # may or may not have reached the service
                unknown = error
                continue
            status = response.status_code
            if status < 300:
                accepted += 1
                self._note(request.subscription_id, status)
            elif status in GONE:
                self._note(request.subscription_id, status)
            elif status == 429 or status >= 500:
                temporary += 1
            else:
                log.warning("push service refused a message: %s", status)
        if accepted:
            return
        if unknown is not None:
            raise unknown  # outcome unknown: never retried by itself
        raise NotDelivered(f"no device accepted the push ({len(self.pending)} tried)", retry=temporary > 0)

    def close(self) -> None:
        self.session.close()


def prepare_push(occurrence, message) -> PushHandoff:
    data = payloads.payload(occurrence.kind, message.link)
    return PushHandoff(requests_for(occurrence.recipient_id, data), current_practice())
