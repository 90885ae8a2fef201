from accounts.models import Role


def safety(request) -> dict:
    """For clients: a crisis prompt to show once, right after a distressing entry or score."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.role != Role.CLIENT or request.method != "GET":
        return {}
    from clients.models import Client

    from .services import take_prompt

    client = Client.objects.filter(user=user).only("pk").first()
    if client is None:
        return {}
    return {"crisis_prompt": take_prompt(client)}
