from .models import Role
from .navigation import nav_links


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    role = getattr(user, "role", "") if user is not None and user.is_authenticated else ""
    return {
        "nav_role": role,
        "nav_is_client": role == Role.CLIENT,
        "nav_is_therapist": role == Role.THERAPIST,
        "nav_is_admin": role == Role.ADMIN,
        "nav_client_links": nav_links("client", request) if role == Role.CLIENT else [],
        "nav_therapist_links": nav_links("therapist", request) if role == Role.THERAPIST else [],
        "nav_admin_links": nav_links("admin", request) if role == Role.ADMIN else [],
    }
