from django.urls import path

from . import views

app_name = "relationships"
urlpatterns = [
    path("", views.couples, name="couples"),
    path("link/", views.link, name="link"),
    path("<int:pk>/", views.couple, name="couple"),
    path("<int:pk>/goal/", views.goal, name="goal"),
    path("<int:pk>/end/", views.end, name="end"),
    path("<int:pk>/agree/", views.consent, name="consent"),
    path("<int:pk>/show/", views.showing, name="showing"),
    path("<int:pk>/share/", views.share, name="share"),
    path("<int:pk>/together/", views.joint, name="joint"),
    path("mine/", views.mine, name="mine"),
    path("clients/<int:pk>/map/", views.relationship_map, name="map"),
]
