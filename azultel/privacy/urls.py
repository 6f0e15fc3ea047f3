from django.urls import path

from azultel.privacy import views

app_name = "privacy"

urlpatterns = [
    path(".well-known/gpc.json", views.gpc_json, name="gpc_json"),
    path("staff/reveal/<str:model_label>/<str:pk>/<str:field>/", views.reveal, name="reveal"),
]
