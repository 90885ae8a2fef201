from django.urls import path
from django.views.generic import RedirectView

from . import practice_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("me/", views.client_home, name="client_home"),
    path("me/welcome/", views.welcome, name="client_welcome"),
    path("me/welcome/<int:step>/", views.welcome, name="client_welcome_step"),
    # The caseload lives on the dashboard; the old address stays for bookmarks.
    path(
        "caseload/",
        RedirectView.as_view(pattern_name="dashboard:caseload", permanent=True, query_string=True),
        name="caseload",
    ),
    path("clients/<int:pk>/", views.client_detail, name="client_detail"),
    path("clients/<int:pk>/sessions/", views.session_add, name="client_session_add"),
    path("clients/<int:pk>/results-visibility/", views.results_visibility, name="client_results_visibility"),
    # Practice admin pages.
    path("practice/people/", practice_views.people, name="practice_people"),
    path("practice/invite/", practice_views.invite, name="practice_invite"),
    path("practice/invitations/<int:pk>/resend/", practice_views.invitation_resend, name="practice_invitation_resend"),
    path("practice/invitations/<int:pk>/revoke/", practice_views.invitation_revoke, name="practice_invitation_revoke"),
    path("practice/people/<int:pk>/deactivate/", practice_views.person_deactivate, name="practice_person_deactivate"),
    path("practice/people/<int:pk>/reactivate/", practice_views.person_reactivate, name="practice_person_reactivate"),
    path("practice/clients/", practice_views.client_list, name="practice_clients"),
    path("practice/clients/<int:pk>/", practice_views.client_edit, name="practice_client_edit"),
    path("practice/clients/<int:pk>/therapist/", practice_views.client_assign, name="practice_client_assign"),
]
