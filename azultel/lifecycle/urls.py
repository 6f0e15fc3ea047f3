from django.urls import path

from azultel.lifecycle import views

app_name = "lifecycle"

urlpatterns = [
    path("account/services/<uuid:service_id>/", views.service_manage, name="service_manage"),
    path("account/services/<uuid:service_id>/plan/", views.plan_review, name="plan_review"),
    path(
        "account/services/<uuid:service_id>/plan/confirm/",
        views.plan_confirm,
        name="plan_confirm",
    ),
    path("account/services/<uuid:service_id>/suspend/", views.suspend, name="suspend"),
    path("account/services/<uuid:service_id>/restore/", views.restore, name="restore"),
    path("account/services/<uuid:service_id>/move/", views.move, name="move"),
    path("account/services/<uuid:service_id>/disconnect/", views.disconnect, name="disconnect"),
]
