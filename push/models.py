"""One web push subscription per device (browser) a person turned notifications on in.

What the browser's push service needs to deliver to that device: its endpoint and the keys
the payload is encrypted with. No reminder text is stored here.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PushSubscription(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions")
    # Chosen by the browser's push service (https://fcm.googleapis.com/…, https://updates.push.services.mozilla.com/…).
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)  # the device's public key (base64url, P-256)
    auth = models.CharField(max_length=100)  # the device's authentication secret (base64url)
    label = models.CharField(_("device"), max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.label or f"device {self.pk}"

    def subscription_info(self) -> dict:
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}
