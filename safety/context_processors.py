from django.utils.functional import SimpleLazyObject

from accounts.models import Role


def safety(request) -> dict:
    """For clients: a crisis prompt to show once, right after a distressing entry or score."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.role != Role.CLIENT or request.method != "GET":
        return {}

    def take():
        from clients.models import Client

        from .services import take_prompt

        client = Client.objects.filter(user=user).only("pk").first()
        return take_prompt(client) if client is not None else None

    # Taken (and so marked shown) only when a page really shows it: a fragment or email
    # rendered with this request must not use up the banner.
    return {"crisis_prompt": SimpleLazyObject(take)}
