from django.urls import path

from azultel.core.staff_pages import staff_page
from azultel.privacy import views

app_name = "privacy"

urlpatterns = [
    path(".well-known/gpc.json", views.gpc_json, name="gpc_json"),
    path("privacy/opt-out/<str:token>/", views.policy_opt_out, name="policy_opt_out"),
    path(
        "staff/reveal/<str:model_label>/<str:pk>/<str:field>/",
        staff_page(views.reveal),
        name="reveal",
    ),
]
