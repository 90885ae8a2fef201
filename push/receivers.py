"""Reactions to accounts' signals: a device that logs out stops receiving this person's reminders."""

from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver

from . import services


@receiver(user_logged_out, dispatch_uid="push_forget_device_on_logout")
def forget_device_on_logout(sender, request, user, **kwargs):
    # The logout form carries this browser's push endpoint (pwa/app.js adds it and unsubscribes);
    # without it nothing is known about the device and the other devices stay subscribed.
    if user is None or request is None or request.method != "POST":
        return
    services.forget_device(user, request.POST.get("push_endpoint", "")[:1000])
