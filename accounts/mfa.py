def has_mfa(user) -> bool:
    """Whether the user has enrolled TOTP; cached on the user object for the request."""
    cached = getattr(user, "_securebase_has_mfa", None)
    if cached is None:
        from allauth.mfa.models import Authenticator

        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        user._securebase_has_mfa = cached
    return cached
