from .mfa import has_mfa
from .models import Role
from .navigation import nav_links


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    role = getattr(user, "role", "") if user is not None and user.is_authenticated else ""
    # Staff see no menu until two-factor set-up is done: every link would lead back to it.
    needs_mfa = role in (Role.THERAPIST, Role.ADMIN) and not has_mfa(user)
    if needs_mfa:
        role = ""
    return {
        "nav_needs_mfa": needs_mfa,
        "nav_role": role,
        "nav_is_client": role == Role.CLIENT,
        "nav_is_therapist": role == Role.THERAPIST,
        "nav_is_admin": role == Role.ADMIN,
        "nav_client_links": nav_links("client", request) if role == Role.CLIENT else [],
        "nav_therapist_links": nav_links("therapist", request) if role == Role.THERAPIST else [],
        "nav_admin_links": nav_links("admin", request) if role == Role.ADMIN else [],
    }
