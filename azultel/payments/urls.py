from django.urls import path

from azultel.payments import views

app_name = "payments"

urlpatterns = [
    path("account/cards/", views.card_list, name="cards"),
    path("account/cards/<uuid:card_id>/remove/", views.card_remove, name="card_remove"),
]
