from accounts.models import Role

from .home import load_page_facts


def client_page_facts(request) -> dict:
    """For a logged-in client: read their record and what every page's menu and banner need
    (unread notifications, a pending crisis banner) in one query, before the menu asks."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.role == Role.CLIENT:
        load_page_facts(request)
    return {}
