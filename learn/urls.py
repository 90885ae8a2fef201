from django.urls import path

from . import views

app_name = "learn"

urlpatterns = [
    path("", views.index, name="index"),
    path("card/<slug:slug>/", views.card, name="card"),
    path("clients/<int:client_pk>/first/", views.first_cards, name="first_cards"),
    path("practice/", views.practice_cards, name="practice_cards"),
    path("practice/new/", views.practice_card_add, name="practice_card_add"),
    path("practice/<int:pk>/", views.practice_card_edit, name="practice_card_edit"),
]
