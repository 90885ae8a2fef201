"""What the web server checks before it serves anything (config/wsgi.py, config/asgi.py)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# settings.py falls back to a key with this prefix so `make run` works out of the box (with
# DEBUG=1); Django's own deploy check (security.W009) knows the prefix too.
DEVELOPMENT_KEY_PREFIX = "django-insecure-"


def refuse_development_secret_key() -> None:
    """Sessions, password-reset links and unsubscribe links are signed with SECRET_KEY; with
    the key from the repository anyone could forge them. Only a development server may use it."""
    if not settings.DEBUG and settings.SECRET_KEY.startswith(DEVELOPMENT_KEY_PREFIX):
        raise ImproperlyConfigured(
            "Refusing to start: SECRET_KEY is the development key from the repository and DEBUG "
            "is off. Set SECRET_KEY to a long random string, e.g. "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))' "
            "(or DEBUG=1 on your own machine)."
        )
