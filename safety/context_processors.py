from django.utils.functional import SimpleLazyObject

from accounts.models import Role
from clients.home import home_fact


def safety(request) -> dict:
    """For clients: a crisis prompt to show once, right after a distressing entry or score."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.role != Role.CLIENT or request.method != "GET":
        return {}

    def take():
        from .services import take_prompt_of_user

        # The client home read "is any pending?" with the client's row: nearly always none.
        if home_fact(request, "crisis_prompt_pending") is False:
            return None
        return take_prompt_of_user(user)

    # Taken (and so marked shown) only when a page really shows it: a fragment or email
    # rendered with this request must not use up the banner.
    return {"crisis_prompt": SimpleLazyObject(take)}
